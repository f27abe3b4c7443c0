#include "hpc/common/watchdog.hpp"

#include <fcntl.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <time.h>

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

// The child's exit status when its body skipped the test (GTEST_SKIP) without failing.
constexpr int kSkippedExit = 3;

struct ChildReport {
  std::string failures;  // one line per failed assertion
  std::string skip;      // the skip reason, when the body skipped
};

// In the child: run the body with GoogleTest's results captured instead of reported, and return them
// as text for the parent to report.
ChildReport run_capturing_failures(const std::function<void()>& body) {
  std::ostringstream failures;
  std::string skip;
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
    if (part.skipped() && skip.empty()) skip = part.message();
    if (!part.failed()) continue;
    if (part.file_name() != nullptr) failures << part.file_name() << ":" << part.line_number() << ": ";
    failures << part.message() << "\n";
  }
  return {failures.str(), skip};
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

namespace {
// Written by set_test_phase; read by the time-limit reports (see isolation in grading_main).
std::string& phase_storage() {
  static std::string phase;
  return phase;
}
}  // namespace

void set_test_phase(const std::string& phase) { phase_storage() = phase; }
std::string current_test_phase() { return phase_storage(); }

double seconds_left_in_test() {
  // HPC_TEST_DEADLINE: CLOCK_MONOTONIC seconds (system-wide, so it holds across fork and exec) at which
  // the isolation runner ends this test.
  const char* text = std::getenv("HPC_TEST_DEADLINE");
  if (text == nullptr) return 1e9;
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return std::atof(text) - (static_cast<double>(now.tv_sec) + now.tv_nsec * 1e-9);
}

std::string signal_description(int signal_number) {
  const char* name = sigabbrev_np(signal_number);
  const char* text = strsignal(signal_number);
  return std::string(name != nullptr ? std::string("SIG") + name
                                     : "signal " + std::to_string(signal_number)) +
         " (" + (text != nullptr ? text : "unknown") + ")";
}

WatchdogResult run_in_child(const std::function<void()>& body, double limit_seconds) {
  const double limit = limit_seconds * limit_scale();
  // Two pipes: the child's assertion failures, and its stderr (a sanitizer's report of a crash goes
  // there, and it is the most useful thing to show when the child dies without a failed assertion).
  int report[2];
  int errors[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return {ChildOutcome::failed, "watchdog: pipe() failed", 0};
  if (::pipe2(errors, O_CLOEXEC) != 0) {
    ::close(report[0]);
    ::close(report[1]);
    return {ChildOutcome::failed, "watchdog: pipe() failed", 0};
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {report[0], report[1], errors[0], errors[1]}) ::close(fd);
    return {ChildOutcome::failed, "watchdog: fork() failed", 0};
  }
  if (pid == 0) {
    ::close(report[0]);
    ::close(errors[0]);
    ::dup2(errors[1], STDERR_FILENO);
    const ChildReport child = run_capturing_failures(body);
    const bool skipped = child.failures.empty() && !child.skip.empty();
    write_all(report[1], skipped ? child.skip : child.failures);
    std::fflush(nullptr);
    // _exit: no atexit handlers, no second GoogleTest report
    ::_exit(!child.failures.empty() ? 1 : skipped ? kSkippedExit : 0);
  }

  ::close(report[1]);
  ::close(errors[1]);
  ::fcntl(report[0], F_SETFL, O_NONBLOCK);
  ::fcntl(errors[0], F_SETFL, O_NONBLOCK);
  const auto deadline = start + std::chrono::duration<double>(limit);
  std::string messages;
  std::string child_stderr;
  int status = 0;
  bool timed_out = false;
  for (;;) {
    drain(report[0], messages);
    drain(errors[0], child_stderr);
    if (::waitpid(pid, &status, WNOHANG) == pid) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      timed_out = true;
      break;
    }
    pollfd fds[2] = {{report[0], POLLIN, 0}, {errors[0], POLLIN, 0}};
    ::poll(fds, 2, 10);
  }
  drain(report[0], messages);
  drain(errors[0], child_stderr);
  ::close(report[0]);
  ::close(errors[0]);
  // What the child printed on stderr is passed on, so nothing it said is lost.
  if (!child_stderr.empty()) std::cerr << child_stderr << std::flush;

  WatchdogResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char limit_text[32];
  std::snprintf(limit_text, sizeof limit_text, "%g", limit);
  const std::string tail =
      child_stderr.size() > 1500 ? "..." + child_stderr.substr(child_stderr.size() - 1500) : child_stderr;
  if (timed_out) {
    result.outcome = ChildOutcome::timed_out;
    result.message = std::string("timed out after ") + limit_text + " s (deadlock?)";
  } else if (WIFSIGNALED(status)) {
    result.outcome = ChildOutcome::crashed;
    result.message = "crashed with " + signal_description(WTERMSIG(status));
  } else if (WEXITSTATUS(status) == kSkippedExit && !messages.empty()) {
    result.outcome = ChildOutcome::skipped;
    result.message = messages;
  } else if (WEXITSTATUS(status) != 0 && messages.empty()) {
    // No assertion failed, yet the child did not finish normally: a sanitizer report or an exit().
    result.outcome =
        tail.find("Sanitizer") != std::string::npos ? ChildOutcome::crashed : ChildOutcome::failed;
    result.message = "the test body exited with status " + std::to_string(WEXITSTATUS(status)) +
                     (tail.empty() ? "" : "; its last output: " + tail);
  } else if (WEXITSTATUS(status) != 0) {
    result.outcome = ChildOutcome::failed;
    result.message = messages;
  } else {
    result.outcome = ChildOutcome::passed;
  }
  return result;
}

void within_time_limit(double limit_seconds, const std::function<void()>& body, std::source_location where) {
  const WatchdogResult result = run_in_child(body, limit_seconds);
  if (result.outcome == ChildOutcome::skipped) GTEST_SKIP() << result.message;
  if (result.outcome != ChildOutcome::passed)
    ADD_FAILURE_AT(where.file_name(), where.line()) << result.message;
}

}  // namespace hpc::common
