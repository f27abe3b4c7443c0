// Reference solution of lab 08, task 3. One design among several (LAB.md): workers forked once, each
// with a pipe for tasks and a pipe for answers of its own, one task in flight per worker (so a crash
// names exactly one input), and a pidfd per worker in the same poll() as the answers, so a death is
// seen even when a process the worker started still holds its answer pipe open.
#include "hpc/processes/process_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <stdexcept>

#include "hpc/processes/process.hpp"

namespace hpc::processes {

namespace {

constexpr std::size_t kNoTask = static_cast<std::size_t>(-1);
constexpr char kAnswer = 'A';
constexpr char kThrew = 'E';

bool write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  while (size > 0) {
    const ssize_t n = ::read(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

bool write_string(int fd, std::string_view s) {
  const std::uint64_t size = s.size();
  return write_all(fd, &size, sizeof size) && write_all(fd, s.data(), s.size());
}

bool read_string(int fd, std::string& s) {
  std::uint64_t size = 0;
  if (!read_all(fd, &size, sizeof size)) return false;
  s.resize(size);
  return read_all(fd, s.data(), size);
}

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* text = sigdescr_np(sig);
  return std::string("SIG") + (abbrev ? abbrev : std::to_string(sig)) +
         (text ? std::string(" (") + text + ")" : "");
}

std::string quote_input(std::size_t index, const std::string& input) {
  std::string shown = input.size() > 60 ? input.substr(0, 60) + "..." : input;
  for (char& ch : shown)
    if (static_cast<unsigned char>(ch) < 0x20) ch = '?';
  return "input " + std::to_string(index) + " (\"" + shown + "\")";
}

// The worker's side: tasks until the task pipe ends (the pool closed it), an answer for each.
[[noreturn]] void worker_main(int task_fd, int answer_fd) {
  for (;;) {
    TaskFunction fn = nullptr;
    std::string input;
    if (!read_all(task_fd, &fn, sizeof fn) || !read_string(task_fd, input)) ::_exit(0);
    char kind = kAnswer;
    std::string out;
    try {
      out = fn(input);
    } catch (const std::exception& e) {
      kind = kThrew;
      out = e.what();
    } catch (...) {
      kind = kThrew;
      out = "an exception of unknown type";
    }
    if (!write_all(answer_fd, &kind, 1) || !write_string(answer_fd, out)) ::_exit(1);
  }
}

// Blocks SIGPIPE in this thread for its lifetime; on the way out (also by an exception) it takes away a
// SIGPIPE that arrived meanwhile and puts the old mask back.
class SigpipeBlockedHere {
 public:
  SigpipeBlockedHere() {
    sigemptyset(&pipe_only_);
    sigaddset(&pipe_only_, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_only_, &old_);
  }
  ~SigpipeBlockedHere() {
    sigset_t pending;
    sigpending(&pending);
    if (!was_pending_ && sigismember(&pending, SIGPIPE) == 1) {
      const timespec zero{0, 0};
      sigtimedwait(&pipe_only_, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeBlockedHere(const SigpipeBlockedHere&) = delete;
  SigpipeBlockedHere& operator=(const SigpipeBlockedHere&) = delete;

 private:
  sigset_t pipe_only_, old_;
  bool was_pending_ = false;
};

int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

}  // namespace

struct ProcessPool::State {
  struct Worker {
    pid_t pid = 0;
    int task_fd = -1;    // we write tasks here
    int answer_fd = -1;  // we read answers here
    int pidfd = -1;      // readable once the worker has ended (-1: none, then waitid polling)
    std::size_t task = kNoTask;
  };
  unsigned size = 0;
  std::vector<Worker> workers;

  void start_worker(Worker& w) {
    int tasks[2], answers[2];
    if (::pipe2(tasks, O_CLOEXEC) != 0) throw ProcessError("ProcessPool: pipe failed");
    if (::pipe2(answers, O_CLOEXEC) != 0) {
      ::close(tasks[0]);
      ::close(tasks[1]);
      throw ProcessError("ProcessPool: pipe failed");
    }
    std::cout.flush();
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) {
      for (int fd : {tasks[0], tasks[1], answers[0], answers[1]}) ::close(fd);
      throw ProcessError("ProcessPool: fork failed");
    }
    if (pid == 0) {
      // A group of its own: the pool can end the worker together with whatever it started.
      ::setpgid(0, 0);
      // The other workers' pipe ends: a copy kept here would hide their end-of-tasks from them.
      for (const Worker& other : workers) {
        for (int fd : {other.task_fd, other.answer_fd, other.pidfd})
          if (fd >= 0) ::close(fd);
      }
      ::close(tasks[1]);
      ::close(answers[0]);
      worker_main(tasks[0], answers[1]);
    }
    ::setpgid(pid, pid);  // also here, so the group exists before we might signal it
    ::close(tasks[0]);
    ::close(answers[1]);
    w.pid = pid;
    w.task_fd = tasks[1];
    w.answer_fd = answers[0];
    w.pidfd = open_pidfd(pid);
    w.task = kNoTask;
  }

  static bool has_ended(const Worker& w) {
    siginfo_t info{};
    return ::waitid(P_PID, static_cast<id_t>(w.pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
           info.si_pid != 0;
  }

  // Ends the worker's whole group (a zombie leader keeps the group's id reserved, so it is still ours to
  // signal), reaps the worker, then reaps every member that came back to us (when we are a child
  // subreaper the orphans do). Returns the worker's wait status.
  static int end_worker(Worker& w) {
    ::kill(-w.pid, SIGKILL);
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    int other = 0;
    while (::waitpid(-w.pid, &other, 0) > 0 || errno == EINTR) {
    }
    for (int* fd : {&w.task_fd, &w.answer_fd, &w.pidfd}) {
      if (*fd >= 0) ::close(*fd);
      *fd = -1;
    }
    w.pid = 0;
    return status;
  }
};

ProcessPool::ProcessPool(unsigned workers) : state_(std::make_unique<State>()) {
  if (workers == 0) throw std::invalid_argument("ProcessPool: at least one worker");
  state_->size = workers;
  state_->workers.resize(workers);
  try {
    for (auto& w : state_->workers) state_->start_worker(w);
  } catch (...) {
    for (auto& w : state_->workers)
      if (w.pid > 0) State::end_worker(w);
    throw;
  }
}

ProcessPool::~ProcessPool() {
  if (!state_) return;
  // Closing the task pipes asks every worker to leave; a worker busy or stuck past a short grace is
  // killed, and every group is ended in any case (processes a worker started would outlive it).
  for (auto& w : state_->workers) {
    if (w.task_fd >= 0) ::close(w.task_fd);
    w.task_fd = -1;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  for (auto& w : state_->workers) {
    while (w.pid > 0 && !State::has_ended(w) && std::chrono::steady_clock::now() < deadline) {
      pollfd fd{w.pidfd, POLLIN, 0};
      if (w.pidfd >= 0)
        ::poll(&fd, 1, 10);
      else
        ::usleep(1000);
    }
    if (w.pid > 0) State::end_worker(w);
  }
}

std::vector<TaskResult> ProcessPool::map(TaskFunction fn, const std::vector<std::string>& inputs) {
  if (fn == nullptr) throw std::invalid_argument("ProcessPool::map: no function");
  std::vector<TaskResult> results(inputs.size());
  auto& workers = state_->workers;
  std::size_t next = 0;
  std::size_t finished = 0;

  const auto send = [&](State::Worker& w) {
    while (next < inputs.size()) {
      const std::size_t i = next++;
      if (write_all(w.task_fd, &fn, sizeof fn) && write_string(w.task_fd, inputs[i])) {
        w.task = i;
        return;
      }
      // The worker is gone before it got the task: replace it and give the task to the new one.
      State::end_worker(w);
      state_->start_worker(w);
      --next;
    }
  };
  const auto failed = [&](State::Worker& w, const std::string& what) {
    results[w.task].error = quote_input(w.task, inputs[w.task]) + ": " + what;
    w.task = kNoTask;
    ++finished;
  };

  // A worker that died between two maps is replaced before it is given anything.
  for (auto& w : workers) {
    if (w.pid == 0 || State::has_ended(w)) {
      if (w.pid > 0) State::end_worker(w);
      state_->start_worker(w);
    }
  }
  {
    // Our own writes to a worker that just died must not kill us with SIGPIPE: blocked while map() runs
    // (write() then fails with EPIPE and the worker is replaced), and a SIGPIPE raised here discarded.
    SigpipeBlockedHere no_sigpipe;
    for (auto& w : workers) send(w);
    while (finished < inputs.size()) {
      std::vector<pollfd> fds;
      std::vector<std::size_t> owner;
      for (std::size_t k = 0; k < workers.size(); ++k) {
        if (workers[k].task == kNoTask) continue;
        fds.push_back({workers[k].answer_fd, POLLIN, 0});
        owner.push_back(k);
        if (workers[k].pidfd >= 0) {
          fds.push_back({workers[k].pidfd, POLLIN, 0});
          owner.push_back(k);
        }
      }
      const bool have_pidfds =
          std::all_of(workers.begin(), workers.end(), [](auto& w) { return w.pidfd >= 0; });
      ::poll(fds.data(), fds.size(), have_pidfds ? -1 : 20);
      // One look per worker and round: a replaced worker's new descriptors may reuse the numbers that
      // this round's pollfd entries were made for.
      std::vector<bool> handled(workers.size(), false);
      for (std::size_t f = 0; f < fds.size(); ++f) {
        State::Worker& w = workers[owner[f]];
        if (w.task == kNoTask || handled[owner[f]]) continue;
        // Without a pidfd (Linux < 5.3) a worker's death is looked up at each 20 ms round: end of file
        // alone would wait for every process the worker started that still holds its answer pipe.
        if (fds[f].revents == 0 && (w.pidfd >= 0 || !State::has_ended(w))) continue;
        handled[owner[f]] = true;
        const bool answer_ready = fds[f].fd == w.answer_fd && (fds[f].revents & (POLLIN | POLLHUP));
        if (answer_ready) {
          char kind = 0;
          std::string out;
          if (read_all(w.answer_fd, &kind, 1) && read_string(w.answer_fd, out)) {
            if (kind == kAnswer)
              results[w.task].value = std::move(out);
            else
              results[w.task].error = quote_input(w.task, inputs[w.task]) + ": the function threw: " + out;
            w.task = kNoTask;
            ++finished;
            send(w);
            continue;
          }
        }
        if (answer_ready || State::has_ended(w)) {
          // No whole answer and the worker is gone: the input it was working on killed it.
          const int status = State::end_worker(w);
          failed(w, WIFSIGNALED(status) ? "the worker crashed with " + signal_name(WTERMSIG(status))
                                        : "the worker exited with status " +
                                              std::to_string(WEXITSTATUS(status)) + " before answering");
          state_->start_worker(w);
          send(w);
        }
      }
    }
  }
  return results;
}

std::vector<std::string> ProcessPool::map_values(TaskFunction fn, const std::vector<std::string>& inputs) {
  std::vector<TaskResult> results = map(fn, inputs);
  std::vector<std::string> values;
  values.reserve(results.size());
  for (auto& r : results) {
    if (!r.ok()) {
      const std::string first = r.error;
      throw TaskFailedError(first, std::move(results));
    }
    values.push_back(*r.value);
  }
  return values;
}

unsigned ProcessPool::size() const { return state_->size; }

std::vector<pid_t> ProcessPool::worker_pids() const {
  std::vector<pid_t> pids;
  for (const auto& w : state_->workers)
    if (w.pid > 0) pids.push_back(w.pid);
  return pids;
}

}  // namespace hpc::processes
