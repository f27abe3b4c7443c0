// Reference solution of lab 08, task 1.
#include "hpc/processes/process.hpp"

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <thread>

extern char** environ;

namespace hpc::processes {

namespace {

std::atomic<int> g_unnamed{0};

std::string errno_text(const std::string& what, int error = errno) {
  return what + ": " + std::strerror(error);
}

// A pidfd becomes readable when its process ends, so poll() can wait for "ended or timed out" in one
// call. -1 where the kernel has no pidfd_open (Linux < 5.3): then waiting polls waitpid(WNOHANG).
int open_pidfd(pid_t pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
  (void)pid;
  return -1;
#endif
}

std::chrono::steady_clock::time_point deadline_after(std::chrono::milliseconds timeout) {
  return std::chrono::steady_clock::now() + timeout;
}

}  // namespace

Process::Process(std::function<int()> body, std::string name, int)
    : body_(std::move(body)), name_(std::move(name)) {
  if (name_.empty()) name_ = "Process-" + std::to_string(++g_unnamed);
}

Process::Process(Process&& other) noexcept
    : body_(std::move(other.body_)),
      name_(std::move(other.name_)),
      pid_(std::exchange(other.pid_, 0)),
      pidfd_(std::exchange(other.pidfd_, -1)),
      reaped_(other.reaped_),
      status_(other.status_) {}

Process& Process::operator=(Process&& other) noexcept {
  if (this != &other) {
    Process old(std::move(*this));  // whatever this object ran is ended and reaped by old's destructor
    body_ = std::move(other.body_);
    name_ = std::move(other.name_);
    pid_ = std::exchange(other.pid_, 0);
    pidfd_ = std::exchange(other.pidfd_, -1);
    reaped_ = other.reaped_;
    status_ = other.status_;
  }
  return *this;
}

Process::~Process() {
  // A destructor must not throw: waitpid can fail here only when something else reaped our child (a
  // SIGCHLD set to SIG_IGN, a waitpid(-1) elsewhere), and then there is nothing left to end.
  try {
    if (pid_ > 0 && !reaped_ && is_alive()) {
      std::cerr << "process " << name_ << " (pid " << pid_
                << ") still running when its Process object was destroyed: terminating it\n";
      terminate();
    }
  } catch (const ProcessError& e) {
    std::cerr << e.what() << '\n';
  }
  if (pidfd_ >= 0) ::close(pidfd_);
}

void Process::start() {
  if (pid_ != 0) throw ProcessError("process " + name_ + ": start() called twice");
  // Flush first, or text buffered in the parent is written twice: once by each copy of the buffer.
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw ProcessError(errno_text("process " + name_ + ": fork failed"));
  if (pid == 0) {
    int code = kUncaughtExceptionExit;
    try {
      code = body_();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "process %s: uncaught exception: %s\n", name_.c_str(), e.what());
    } catch (...) {
      std::fprintf(stderr, "process %s: uncaught exception of unknown type\n", name_.c_str());
    }
    std::fflush(nullptr);  // the child's own output; _exit does not flush stdio
    ::_exit(code & 0xff);
  }
  pid_ = pid;
  pidfd_ = open_pidfd(pid);
}

bool Process::join(std::optional<std::chrono::milliseconds> timeout) {
  if (pid_ == 0) throw ProcessError("process " + name_ + ": join() before start()");
  if (reaped_) return true;
  if (!timeout) {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0) {
      if (errno != EINTR) throw ProcessError(errno_text("process " + name_ + ": waitpid"));
    }
    status_ = status;
    reaped_ = true;
    return true;
  }
  const auto deadline = deadline_after(*timeout);
  auto pause = std::chrono::milliseconds(1);
  for (;;) {
    if (!is_alive()) return true;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    if (pidfd_ >= 0) {
      pollfd fd{pidfd_, POLLIN, 0};
      ::poll(&fd, 1, static_cast<int>(left.count()) + 1);
    } else {
      std::this_thread::sleep_for(std::min(pause, left));
      pause = std::min(pause * 2, std::chrono::milliseconds(20));
    }
  }
}

bool Process::is_alive() {
  if (pid_ == 0 || reaped_) return false;
  int status = 0;
  pid_t got;
  while ((got = ::waitpid(pid_, &status, WNOHANG)) < 0 && errno == EINTR) {
  }
  if (got < 0) throw ProcessError(errno_text("process " + name_ + ": waitpid"));
  if (got == 0) return true;
  status_ = status;
  reaped_ = true;
  return false;
}

void Process::terminate(std::chrono::milliseconds grace) {
  if (pid_ == 0) throw ProcessError("process " + name_ + ": terminate() before start()");
  if (!is_alive()) return;
  ::kill(pid_, SIGTERM);
  if (join(grace)) return;
  ::kill(pid_, SIGKILL);  // ignored or caught SIGTERM: SIGKILL cannot be
  join();
}

std::optional<int> Process::exit_code() const {
  if (!reaped_ || !WIFEXITED(status_)) return std::nullopt;
  return WEXITSTATUS(status_);
}

std::optional<int> Process::term_signal() const {
  if (!reaped_ || !WIFSIGNALED(status_)) return std::nullopt;
  return WTERMSIG(status_);
}

pid_t Process::pid() const { return pid_; }

const std::string& Process::name() const { return name_; }

Process spawn(const std::string& path, const std::vector<std::string>& args, std::string name) {
  std::vector<std::string> argv_text{path};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::fflush(nullptr);
  pid_t pid = 0;
  // glibc's posix_spawn reports a failed exec as its return value (it waits for the exec), and the
  // child it made has already ended and been reaped: nothing is left to clean up.
  const int error = ::posix_spawn(&pid, path.c_str(), nullptr, nullptr, argv.data(), environ);
  if (error != 0) throw ProcessError(errno_text("spawn: cannot run \"" + path + "\"", error));
  Process started([] { return 0; }, name.empty() ? path : std::move(name), 0);
  started.pid_ = pid;
  started.pidfd_ = open_pidfd(pid);
  return started;
}

}  // namespace hpc::processes
