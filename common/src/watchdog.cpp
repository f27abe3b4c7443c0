#include "hpc/common/watchdog.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

namespace hpc::common {
namespace {

double limit_scale() {
  const char* text = std::getenv("HPC_WATCHDOG_SCALE");
  if (text == nullptr) return 1.0;
  const double scale = std::atof(text);
  return scale > 0 ? scale : 1.0;
}

// In the child: run the body with GoogleTest's failures captured instead of reported, and return them
// as text for the parent to report.
std::string run_capturing_failures(const std::function<void()>& body) {
  std::ostringstream failures;
  testing::TestPartResultArray parts;
  {
    testing::ScopedFakeTestPartResultReporter capture(
        testing::ScopedFakeTestPartResultReporter::INTERCEPT_ALL_THREADS, &parts);
    try {
      body();
    } catch (const std::exception& e) {
      failures << "uncaught exception: " << e.what() << "\n";
    } catch (...) {
      failures << "uncaught exception of unknown type\n";
    }
  }
  for (int i = 0; i < parts.size(); ++i) {
    const auto& part = parts.GetTestPartResult(i);
    if (!part.failed()) continue;
    if (part.file_name() != nullptr) failures << part.file_name() << ":" << part.line_number() << ": ";
    failures << part.message() << "\n";
  }
  return failures.str();
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

void drain(int fd, std::string& into) {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) return;
    into.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

std::string signal_description(int signal_number) {
  const char* name = sigabbrev_np(signal_number);
  const char* text = strsignal(signal_number);
  return std::string(name != nullptr ? std::string("SIG") + name : "signal " + std::to_string(signal_number)) +
         " (" + (text != nullptr ? text : "unknown") + ")";
}

WatchdogResult run_in_child(const std::function<void()>& body, double limit_seconds) {
  const double limit = limit_seconds * limit_scale();
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return {ChildOutcome::failed, "watchdog: pipe() failed", 0};
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return {ChildOutcome::failed, "watchdog: fork() failed", 0};
  }
  if (pid == 0) {
    ::close(fds[0]);
    const std::string failures = run_capturing_failures(body);
    write_all(fds[1], failures);
    std::fflush(nullptr);
    ::_exit(failures.empty() ? 0 : 1);   // _exit: no atexit handlers, no second GoogleTest report
  }

  ::close(fds[1]);
  ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
  const auto deadline = start + std::chrono::duration<double>(limit);
  std::string messages;
  int status = 0;
  bool timed_out = false;
  for (;;) {
    drain(fds[0], messages);
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    ::poll(&p, 1, 10);
  }
  drain(fds[0], messages);
  ::close(fds[0]);

  WatchdogResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char limit_text[32];
  std::snprintf(limit_text, sizeof limit_text, "%g", limit);
  if (timed_out) {
    result.outcome = ChildOutcome::timed_out;
    result.message = std::string("timed out after ") + limit_text + " s (deadlock?)";
  } else if (WIFSIGNALED(status)) {
    result.outcome = ChildOutcome::crashed;
    result.message = "crashed with " + signal_description(WTERMSIG(status));
  } else if (WEXITSTATUS(status) != 0) {
    result.outcome = ChildOutcome::failed;
    result.message = messages.empty() ? "the test body exited with status " + std::to_string(WEXITSTATUS(status))
                                      : messages;
  } else {
    result.outcome = ChildOutcome::passed;
  }
  return result;
}

void within_time_limit(double limit_seconds, const std::function<void()>& body, std::source_location where) {
  const WatchdogResult result = run_in_child(body, limit_seconds);
  if (result.outcome != ChildOutcome::passed) ADD_FAILURE_AT(where.file_name(), where.line()) << result.message;
}

}  // namespace hpc::common
