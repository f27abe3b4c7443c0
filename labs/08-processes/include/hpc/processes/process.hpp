// A child process you can start, wait for with a time limit, ask about and stop: the C++ side of
// Python's multiprocessing.Process. Lab 08, task 1 (labs/08-processes/src/process.cpp).
//
// start() forks. The child runs the callable and leaves with _exit (never exit: the parent's atexit
// handlers, static destructors and unflushed stdio buffers belong to the parent): a callable returning
// int gives that exit status, one returning void gives 0. An exception escaping the callable gives exit
// status kUncaughtExceptionExit and one line "process <name>: uncaught exception: <what>" on stderr.
//
// Waiting uses a pidfd (pidfd_open, Linux >= 5.3) and poll(), so join(timeout) sleeps until the child
// ends or the time is up, whichever comes first; where pidfd_open is missing it polls waitpid(WNOHANG).
// The object reaps its child: after join() returned true, terminate(), or the destructor, no zombie is
// left. The destructor of a Process whose child still runs terminates it (SIGTERM, then SIGKILL after
// the grace period), reaps it and says so on stderr: C++ has no daemon processes to forget about.
//
// Not thread-safe: one thread at a time uses one Process object.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <concepts>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace hpc::processes {

// A system call failed, a Process was used in the wrong state, or spawn() could not start the program.
class ProcessError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The exit status of a child whose callable threw (EX_SOFTWARE of <sysexits.h>: "internal software
// error"), so that a parent can tell "threw" from "returned 1".
inline constexpr int kUncaughtExceptionExit = 70;

// How long terminate() waits after SIGTERM before it sends SIGKILL, unless told otherwise.
inline constexpr std::chrono::milliseconds kDefaultGrace{500};

class Process {
 public:
  // `body` runs in the child; `name` is for messages (empty: "Process-<n>", n counting from 1 in this
  // process, as Python names them).
  template <class F>
  requires std::invocable<F&> &&
      (std::is_void_v<std::invoke_result_t<F&>> ||
       std::is_convertible_v<std::invoke_result_t<F&>, int>)explicit Process(F body, std::string name = {})
      : Process(wrap(std::move(body)), std::move(name), 0) {}

  Process(Process&& other) noexcept;
  Process& operator=(Process&& other) noexcept;
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  ~Process();

  // Forks the child. Throws ProcessError when already started or when fork fails.
  void start();

  // Waits until the child has ended (and reaps it): true. With a timeout, returns false once that much
  // time has passed and the child still runs. Throws ProcessError when not started.
  bool join(std::optional<std::chrono::milliseconds> timeout = std::nullopt);

  // True while the started child has not ended. Reaps it when it has.
  bool is_alive();

  // SIGTERM; if the child has not ended after `grace`, SIGKILL. Returns once the child is reaped. A
  // child that has already ended is only reaped. Throws ProcessError when not started.
  void terminate(std::chrono::milliseconds grace = kDefaultGrace);

  // After the child has ended and been reaped: its exit status when it exited, the signal that ended it
  // when it was killed (the other is empty). Both are empty while it runs or before start().
  std::optional<int> exit_code() const;
  std::optional<int> term_signal() const;

  pid_t pid() const;  // 0 before start()
  const std::string& name() const;

 private:
  Process(std::function<int()> body, std::string name, int);
  friend Process spawn(const std::string& path, const std::vector<std::string>& args, std::string name);

  template <class F>
  static std::function<int()> wrap(F body) {
    if constexpr (std::is_void_v<std::invoke_result_t<F&>>) {
      return [body = std::move(body)]() mutable {
        body();
        return 0;
      };
    } else {
      return [body = std::move(body)]() mutable { return static_cast<int>(body()); };
    }
  }

  std::function<int()> body_;
  std::string name_;
  pid_t pid_ = 0;
  int pidfd_ = -1;
  bool reaped_ = false;
  int status_ = 0;  // waitpid's status once reaped_
};

// Starts the executable at `path` (no PATH search) with `args` as argv[1...] (argv[0] is `path`) through
// posix_spawn, and returns it as a started Process. A path that does not exist or cannot be executed
// throws ProcessError naming the path and the reason (posix_spawn's error, e.g. ENOENT), and leaves no
// process behind.
Process spawn(const std::string& path, const std::vector<std::string>& args = {}, std::string name = {});

}  // namespace hpc::processes
