// Reference solution of lab 08, task 2.
#include "hpc/processes/pipe_queue.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <thread>

#include "hpc/processes/process.hpp"

namespace hpc::processes {

namespace {

// Two mutexes in memory every forked copy shares. Robust: a process that dies holding one (killed in
// the middle of a message) does not leave the others waiting forever.
struct SharedLocks {
  pthread_mutex_t write_lock;
  pthread_mutex_t read_lock;
};

void init_shared_mutex(pthread_mutex_t* m) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(m, &attr);
  pthread_mutexattr_destroy(&attr);
}

class SharedLockGuard {
 public:
  explicit SharedLockGuard(pthread_mutex_t* m) : m_(m) {
    // EOWNERDEAD: the holder died. Its message may be cut short (get() reports that); the lock itself
    // is made usable again.
    if (pthread_mutex_lock(m_) == EOWNERDEAD) pthread_mutex_consistent(m_);
  }
  ~SharedLockGuard() { pthread_mutex_unlock(m_); }
  SharedLockGuard(const SharedLockGuard&) = delete;
  SharedLockGuard& operator=(const SharedLockGuard&) = delete;

 private:
  pthread_mutex_t* m_;
};

// Writing to a pipe without readers raises SIGPIPE, whose default action ends the process. Changing
// the process-wide disposition would surprise the program using the queue, so only this thread blocks
// SIGPIPE around the write, and a SIGPIPE our write raised is taken out of the pending set before the
// mask is restored.
class SigpipeBlocked {
 public:
  SigpipeBlocked() {
    sigset_t pipe_only;
    sigemptyset(&pipe_only);
    sigaddset(&pipe_only, SIGPIPE);
    sigset_t pending;
    sigpending(&pending);
    was_pending_ = sigismember(&pending, SIGPIPE) == 1;
    pthread_sigmask(SIG_BLOCK, &pipe_only, &old_);
  }
  ~SigpipeBlocked() {
    if (raised_ && !was_pending_) {
      sigset_t pipe_only;
      sigemptyset(&pipe_only);
      sigaddset(&pipe_only, SIGPIPE);
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_only, nullptr, &zero) < 0 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  void raised() { raised_ = true; }

 private:
  sigset_t old_;
  bool was_pending_ = false;
  bool raised_ = false;
};

// 0 when all was written, else the errno of the failed write.
int write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return 0;
}

// How many bytes were read before EOF (== size unless the writers are gone).
std::size_t read_all(int fd, char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, data + done, size - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw ProcessError(std::string("PipeQueue: read failed: ") + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return done;
}

}  // namespace

PipeQueue::PipeQueue() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw ProcessError(std::string("PipeQueue: pipe: ") + std::strerror(errno));
  void* shared =
      ::mmap(nullptr, sizeof(SharedLocks), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw ProcessError(std::string("PipeQueue: mmap: ") + std::strerror(errno));
  }
  auto* locks = static_cast<SharedLocks*>(shared);
  init_shared_mutex(&locks->write_lock);
  init_shared_mutex(&locks->read_lock);
  read_fd_ = fds[0];
  write_fd_ = fds[1];
  locks_ = shared;
}

PipeQueue::~PipeQueue() {
  close_reader();
  close_writer();
  // The mutexes are not destroyed: other processes may still use their copy of the mapping.
  if (locks_ != nullptr) ::munmap(locks_, sizeof(SharedLocks));
}

void PipeQueue::put(std::string_view message) {
  if (write_fd_ < 0) throw std::logic_error("PipeQueue::put after close_writer()");
  if (message.size() > kMaxMessageBytes)
    throw std::length_error("PipeQueue::put: message over kMaxMessageBytes");
  // Prefix and bytes in one buffer: a small message then needs one write(), which the pipe keeps whole.
  std::string frame(sizeof(std::uint64_t), '\0');
  const std::uint64_t size = message.size();
  std::memcpy(frame.data(), &size, sizeof size);
  frame.append(message);
  SigpipeBlocked no_sigpipe;
  int error = 0;
  {
    SharedLockGuard whole_message(&static_cast<SharedLocks*>(locks_)->write_lock);
    error = write_all(write_fd_, frame.data(), frame.size());
  }
  if (error == EPIPE) {
    no_sigpipe.raised();
    throw PipeClosedError("PipeQueue::put: every reader has closed the pipe (EPIPE)");
  }
  if (error != 0) throw ProcessError(std::string("PipeQueue::put: write failed: ") + std::strerror(error));
}

std::optional<std::string> PipeQueue::get() {
  if (read_fd_ < 0) throw std::logic_error("PipeQueue::get after close_reader()");
  SharedLockGuard prefix_and_bytes(&static_cast<SharedLocks*>(locks_)->read_lock);
  std::uint64_t size = 0;
  const std::size_t got = read_all(read_fd_, reinterpret_cast<char*>(&size), sizeof size);
  if (got == 0) return std::nullopt;
  if (got < sizeof size || size > kMaxMessageBytes)
    throw std::runtime_error("PipeQueue::get: a message was cut short (its writer died while writing it?)");
  std::string message(size, '\0');
  if (read_all(read_fd_, message.data(), size) < size)
    throw std::runtime_error("PipeQueue::get: a message was cut short (its writer died while writing it?)");
  return message;
}

void PipeQueue::close_writer() {
  if (write_fd_ >= 0) ::close(write_fd_);
  write_fd_ = -1;
}

void PipeQueue::close_reader() {
  if (read_fd_ >= 0) ::close(read_fd_);
  read_fd_ = -1;
}

namespace {

constexpr char kTask = 'T';
constexpr char kPill = 'P';

template <class T>
void append_raw(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T>
T read_raw(std::string_view in, std::size_t at) {
  T value{};
  std::memcpy(&value, in.data() + at, sizeof value);
  return value;
}

}  // namespace

PoisonPillRun run_with_poison_pills(WorkFunction work, const std::vector<std::string>& inputs,
                                    unsigned consumers) {
  if (consumers == 0) throw std::invalid_argument("run_with_poison_pills: at least one consumer");
  PipeQueue tasks;
  PipeQueue answers;
  std::vector<Process> workers;
  for (unsigned c = 0; c < consumers; ++c) {
    workers.emplace_back(
        [&, c] {
          tasks.close_writer();
          answers.close_reader();
          while (auto message = tasks.get()) {
            if ((*message)[0] == kPill) break;  // one pill, one consumer: leave the rest to the others
            const auto index = read_raw<std::uint64_t>(*message, 1);
            std::string answer;
            append_raw(answer, index);
            append_raw(answer, c);
            answer += work(std::string_view(*message).substr(1 + sizeof index));
            answers.put(answer);
          }
          return 0;
        },
        "consumer-" + std::to_string(c));
    workers.back().start();
  }
  tasks.close_reader();
  answers.close_writer();  // else our own copy keeps answers.get() from ever seeing the end

  // Inputs go in from a second thread: with both pipes full, a parent that first writes every input
  // and only then reads would wait for consumers that wait for it. (The forks are all done by now.)
  // If every consumer died, put() throws PipeClosedError: the feeder stops, and the answers that did
  // arrive are returned with the consumers' exit codes.
  std::jthread feeder([&] {
    try {
      for (std::size_t i = 0; i < inputs.size(); ++i) {
        std::string message(1, kTask);
        append_raw(message, static_cast<std::uint64_t>(i));
        message += inputs[i];
        tasks.put(message);
      }
      for (unsigned c = 0; c < consumers; ++c) tasks.put(std::string(1, kPill));
    } catch (const PipeClosedError&) {
    }
    tasks.close_writer();
  });

  PoisonPillRun run;
  while (auto answer = answers.get()) {
    Processed p;
    p.input_index = static_cast<std::size_t>(read_raw<std::uint64_t>(*answer, 0));
    p.consumer = read_raw<unsigned>(*answer, sizeof(std::uint64_t));
    p.result = answer->substr(sizeof(std::uint64_t) + sizeof(unsigned));
    run.processed.push_back(std::move(p));
  }
  feeder.join();
  for (Process& w : workers) {
    w.join();
    run.exit_codes.push_back(w.exit_code() ? *w.exit_code() : -w.term_signal().value_or(0));
  }
  return run;
}

}  // namespace hpc::processes
