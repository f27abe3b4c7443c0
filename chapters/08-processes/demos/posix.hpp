// The few POSIX calls chapter 08's demos and benchmark share, each with its error turned into an
// exception that names the call (a demo that ignores a failed fork() prints nonsense instead of failing).
// The lab's Process and ProcessPool (labs/08-processes) are the full versions; these helpers stay plain so
// the demos show the system calls themselves.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

namespace ch08 {

[[noreturn]] inline void fail(const char* call) {
  throw std::system_error(errno, std::generic_category(), call);
}

// fork() that runs `body` in the child and never returns there: the child leaves through _exit, so it
// does not run the parent's atexit handlers or flush stdio buffers the parent also owns.
template <class F>
pid_t fork_child(F&& body) {
  std::fflush(nullptr);  // what the parent buffered would otherwise be printed twice
  const pid_t pid = ::fork();
  if (pid < 0) fail("fork");
  if (pid == 0) {
    int code = 0;
    try {
      code = body();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child %d: %s\n", static_cast<int>(::getpid()), e.what());
      code = 1;
    }
    std::fflush(nullptr);
    ::_exit(code);
  }
  return pid;
}

// How a child ended, as the shell would say it.
inline std::string describe_status(int status) {
  if (WIFEXITED(status)) return "exited with " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return std::string("killed by ") + ::sigabbrev_np(WTERMSIG(status));
  return "status " + std::to_string(status);
}

// waitpid with a time limit: the status once the child has ended, nothing if it is still running at
// the deadline (the child is then NOT reaped: call again, or kill and reap it).
inline std::optional<int> wait_for(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) fail("waitpid");
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

inline int wait_blocking(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) fail("waitpid");
  }
  return status;
}

// Whether a process with this id exists (kill with signal 0 checks without sending anything).
inline bool exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno == EPERM; }

// A pipe whose ends are closed on exec (so a spawned program does not inherit them).
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) fail("pipe2");
    read_end = fds[0];
    write_end = fds[1];
  }
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    close_read();
    close_write();
  }
  void close_read() {
    if (read_end >= 0) ::close(std::exchange(read_end, -1));
  }
  void close_write() {
    if (write_end >= 0) ::close(std::exchange(write_end, -1));
  }
};

// write() until every byte is out (a pipe may take part of a large write).
inline void write_all(int fd, const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = ::write(fd, p, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write");
    p += n;
    size -= static_cast<std::size_t>(n);
  }
}

// read() until `size` bytes came or the writers closed: returns the bytes read (less than size at EOF).
inline std::size_t read_all(int fd, void* data, std::size_t size) {
  char* p = static_cast<char*>(data);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, p + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("read");
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  return got;
}

// The "Threads:" line of /proc/self/status: how many threads this process has right now.
inline int thread_count() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::stoi(line.substr(8));
  }
  return -1;
}

}  // namespace ch08
