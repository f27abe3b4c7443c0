#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace hpc::lab {

namespace {

// The child runs in its own process group so that at the time limit we can kill it together with any
// processes it forked (the watchdog runs test bodies in children; a deadlocked one must not outlive
// us). A separate group no longer receives the terminal's Ctrl-C, so we pass that signal on ourselves.
std::atomic<int> pending_signal{0};

extern "C" void remember_signal(int signal_number) { pending_signal = signal_number; }

struct ForwardInterrupts {
  struct sigaction old_int = {};
  struct sigaction old_term = {};
  struct sigaction old_hup = {};
  ForwardInterrupts() {
    struct sigaction action = {};
    action.sa_handler = remember_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int);
    sigaction(SIGTERM, &action, &old_term);
    sigaction(SIGHUP, &action, &old_hup);
  }
  ~ForwardInterrupts() {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    sigaction(SIGHUP, &old_hup, nullptr);
  }
};

// True once the child has ended, without reaping it: while it is an unreaped zombie its process group ID
// cannot be reused, so killing the group afterwards can only hit its own leftovers.
bool has_ended(pid_t pid) {
  siginfo_t info{};
  while (waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0) {
    if (errno != EINTR) return true;
  }
  return info.si_pid != 0;
}

// Kills what is left of the child's group, then reaps the child and returns its wait status.
int kill_group_and_reap(pid_t pid) {
  kill(-pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

void fill_from_status(RunResult& result, int status) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

}  // namespace

std::string RunResult::describe() const {
  if (!started) return "could not be started: " + start_error;
  if (timed_out) return "timed out after " + std::to_string(timeout.count()) + " s and was killed";
  if (signal != 0) {
    const char* abbreviation = sigabbrev_np(signal);
    std::string text = "was killed by signal " + std::to_string(signal);
    if (abbreviation != nullptr) text += std::string(" (SIG") + abbreviation + ", " + strsignal(signal) + ")";
    return text;
  }
  return "exited with status " + std::to_string(exit_code);
}

RunResult run_program(const std::vector<std::string>& argv, const RunOptions& options) {
  RunResult result;
  result.timeout = options.timeout.value_or(std::chrono::seconds{0});

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (options.stdout_to_stderr) {
    posix_spawn_file_actions_adddup2(&actions, STDERR_FILENO, STDOUT_FILENO);
  } else if (!options.stdout_file.empty()) {
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, options.stdout_file.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  if (!options.stderr_file.empty()) {
    if (options.stderr_file == options.stdout_file) {
      posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    } else {
      posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, options.stderr_file.c_str(),
                                       O_WRONLY | O_CREAT | O_TRUNC, 0644);
    }
  }
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);

  std::vector<char*> c_argv;
  for (const std::string& arg : argv) c_argv.push_back(const_cast<char*>(arg.c_str()));
  c_argv.push_back(nullptr);

  ForwardInterrupts forward;
  pending_signal = 0;
  pid_t pid = 0;
  // posix_spawnp: "cmake" may be a bare name found on PATH; test programs are absolute paths.
  const int error = posix_spawnp(&pid, c_argv[0], &actions, &attributes, c_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (error != 0) {
    result.start_error = std::strerror(error);
    return result;
  }
  result.started = true;

  const auto deadline = std::chrono::steady_clock::now() + result.timeout;
  while (!has_ended(pid)) {
    if (const int signal_number = pending_signal.load()) {
      // Ctrl-C or kill while waiting: pass it on to the child's group, give it a moment to clean up
      // (ninja removes half-written files), then end it and die the way we were asked to.
      kill(-pid, signal_number);
      for (int i = 0; i < 200 && !has_ended(pid); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      kill_group_and_reap(pid);
      signal(signal_number, SIG_DFL);
      raise(signal_number);
    }
    if (options.timeout && std::chrono::steady_clock::now() >= deadline) {
      result.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  // Also on a normal exit: leftovers in the group (a hung watchdog child) must not outlive the run.
  const int status = kill_group_and_reap(pid);
  if (!result.timed_out) fill_from_status(result, status);
  return result;
}

Captured run_and_capture(const std::vector<std::string>& argv, std::optional<std::chrono::seconds> timeout) {
  char name[] = "/tmp/hpc-lab-capture-XXXXXX";
  const int fd = mkstemp(name);
  if (fd < 0) {
    Captured failed;
    failed.run.start_error = std::string("cannot create a temporary file: ") + std::strerror(errno);
    return failed;
  }
  close(fd);
  RunOptions options;
  options.stdout_file = name;
  options.timeout = timeout;
  Captured captured{run_program(argv, options), ""};
  std::ifstream in(name);
  std::ostringstream text;
  text << in.rdbuf();
  captured.out = text.str();
  std::remove(name);
  return captured;
}

}  // namespace hpc::lab
