#include "hpc/common/watchdog.hpp"

#include <fcntl.h>
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <cstring>
#include <iostream>
#include <mutex>
#include <sstream>

#include "hpc/common/channel.hpp"

namespace hpc::common {
namespace {

double limit_scale() {
  const char* text = std::getenv("HPC_WATCHDOG_SCALE");
  if (text == nullptr) return 1.0;
  const double scale = std::atof(text);
  return scale > 0 ? scale : 1.0;
}

double monotonic_now() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

// Where this process reports: the isolation supervisor's channel (HPC_REPORT_FD), and inside a watchdog
// child also the watchdog parent's channel. The deadline is the nearer of the two limits.
struct ReportState {
  std::mutex mutex;
  std::string phase;
  int watchdog_fd = -1;        // set in a watchdog child
  double deadline = -1;        // CLOCK_MONOTONIC seconds; < 0: read HPC_TEST_DEADLINE
};

ReportState& state() {
  static ReportState s;
  return s;
}

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

void drain(int fd, std::string& into) {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    into.append(buffer, static_cast<std::size_t>(n));
  }
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  std::size_t start = text.find_first_not_of(" \n\r");
  return start == std::string::npos ? "" : text.substr(start);
}

// The line of `text` that contains `marker`, trimmed.
std::string line_with(const std::string& text, const std::string& marker) {
  const std::size_t at = text.find(marker);
  if (at == std::string::npos) return "";
  const std::size_t begin = text.rfind('\n', at);
  const std::size_t end = text.find('\n', at);
  return trim(text.substr(begin == std::string::npos ? 0 : begin + 1,
                          end == std::string::npos ? std::string::npos : end - (begin == std::string::npos ? 0 : begin + 1)));
}

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

}  // namespace

void set_test_phase(const std::string& phase) {
  auto& s = state();
  int watchdog_fd = -1;
  {
    std::lock_guard lock(s.mutex);
    s.phase = phase;
    watchdog_fd = s.watchdog_fd;
  }
  const std::string record = phase.size() > 512 ? phase.substr(0, 512) : phase;
  if (const int fd = supervisor_channel(); fd >= 0) channel_send(fd, 'P', record);
  if (watchdog_fd >= 0) channel_send(watchdog_fd, 'P', record);
}

std::string current_test_phase() {
  std::lock_guard lock(state().mutex);
  return state().phase;
}

int supervisor_channel() {
  static const int fd = [] {
    const char* text = std::getenv("HPC_REPORT_FD");
    if (text == nullptr) return -1;
    const int value = std::atoi(text);
    return value > 2 && ::fcntl(value, F_GETFD) != -1 ? value : -1;
  }();
  return fd;
}

// The current deadline (CLOCK_MONOTONIC seconds; 0: none). The isolation supervisor passes it in
// HPC_TEST_DEADLINE (system-wide clock, so it holds across fork and exec); a watchdog child sets its own.
static double& deadline_locked(ReportState& s) {
  if (s.deadline < 0) {
    const char* text = std::getenv("HPC_TEST_DEADLINE");
    s.deadline = text != nullptr ? std::atof(text) : 0;
  }
  return s.deadline;
}

void record_speed(double ratio, double bar) {
  int watchdog_fd = -1;
  {
    std::lock_guard lock(state().mutex);
    watchdog_fd = state().watchdog_fd;
  }
  if (watchdog_fd >= 0) {
    channel_send(watchdog_fd, 'Q', std::to_string(ratio) + " " + std::to_string(bar));
    return;
  }
  testing::Test::RecordProperty("speed_ratio", std::to_string(ratio));
  testing::Test::RecordProperty("speed_bar", std::to_string(bar));
}

void request_time(double seconds) {
  if (const int fd = supervisor_channel(); fd >= 0) channel_send(fd, 'L', format_seconds(seconds));
  auto& s = state();
  std::lock_guard lock(s.mutex);
  double& deadline = deadline_locked(s);
  if (deadline > 0) deadline = std::max(deadline, monotonic_now() + seconds);
}

double seconds_left_in_test() {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  const double deadline = deadline_locked(s);
  return deadline == 0 ? 1e9 : deadline - monotonic_now();
}

std::string signal_description(int signal_number) {
  const char* name = sigabbrev_np(signal_number);
  const char* text = strsignal(signal_number);
  return std::string(name != nullptr ? std::string("SIG") + name
                                     : "signal " + std::to_string(signal_number)) +
         " (" + (text != nullptr ? text : "unknown") + ")";
}

// A deadly signal under TSan or UBSan is reported as "ERROR: ThreadSanitizer: SEGV ..." and the process
// exits (status 66), so without those markers a crash there read as an exit() by the code under test.
bool sanitizer_reported(const std::string& stderr_text) {
  return stderr_text.find("WARNING: ThreadSanitizer") != std::string::npos ||
         stderr_text.find("ERROR: ThreadSanitizer") != std::string::npos ||
         stderr_text.find("ERROR: UndefinedBehaviorSanitizer") != std::string::npos ||
         stderr_text.find("ERROR: AddressSanitizer") != std::string::npos ||
         stderr_text.find("ERROR: LeakSanitizer") != std::string::npos ||
         stderr_text.find("runtime error:") != std::string::npos;
}

std::string crash_details(const std::string& stderr_text) {
  // libstdc++'s verbose terminate handler: "terminate called after throwing an instance of 'T'" and
  // on the next line "  what():  text".
  const std::string thrown = line_with(stderr_text, "terminate called after throwing");
  if (!thrown.empty()) {
    std::string what = line_with(stderr_text.substr(stderr_text.find(thrown)), "what():");
    // Several threads throwing at once: the second one's terminate aborts before the first prints
    // what(). The stubs' exception type still says what happened.
    if (what.empty() && thrown.find("NotImplemented") != std::string::npos)
      what = "(not implemented yet: a stub was called from a thread)";
    return what.empty() ? thrown : thrown + " " + what;
  }
  if (const std::string rethrown = line_with(stderr_text, "terminate called without an active exception");
      !rethrown.empty())
    return rethrown + " (a std::thread destroyed while joinable?)";
  for (const char* marker : {"SUMMARY: ThreadSanitizer", "SUMMARY: AddressSanitizer", "SUMMARY: LeakSanitizer",
                             "SUMMARY: UndefinedBehaviorSanitizer", "WARNING: ThreadSanitizer",
                             "ERROR: AddressSanitizer", "runtime error:"}) {
    if (const std::string line = line_with(stderr_text, marker); !line.empty()) return line;
  }
  return "";
}

WatchdogResult run_in_child(const std::function<void()>& body, double limit_seconds) {
  const double limit = limit_seconds * limit_scale();
  // The isolation supervisor around this test must wait at least as long as this watchdog does.
  request_time(limit + 10);
  // Two pipes: the child's records (phases, failures, the completion token), and its stderr (a
  // sanitizer's report or the uncaught exception's text goes there).
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
    {
      std::lock_guard lock(state().mutex);
      state().watchdog_fd = report[1];
      state().deadline = monotonic_now() + limit;
    }
    const ChildReport child = run_capturing_failures(body);
    const bool skipped = child.failures.empty() && !child.skip.empty();
    if (!child.failures.empty()) channel_send(report[1], 'F', child.failures);
    if (skipped) channel_send(report[1], 'S', child.skip);
    channel_send(report[1], 'D', "");  // the completion token: the body ran to its end
    std::fflush(nullptr);
    // _exit: no atexit handlers, no second GoogleTest report
    ::_exit(0);
  }

  ::close(report[1]);
  ::close(errors[1]);
  ::fcntl(report[0], F_SETFL, O_NONBLOCK);
  ::fcntl(errors[0], F_SETFL, O_NONBLOCK);
  const auto deadline = start + std::chrono::duration<double>(limit);
  ChannelReader reader;
  std::string failures, skip, phase, child_stderr;
  bool done = false;
  int status = 0;
  bool timed_out = false;
  auto collect = [&] {
    reader.read_from(report[0]);
    drain(errors[0], child_stderr);
    while (auto record = reader.next()) {
      if (record->type == 'F') failures += record->payload;
      if (record->type == 'S') skip = record->payload;
      if (record->type == 'P') phase = record->payload;
      if (record->type == 'D') done = true;
      if (record->type == 'Q') {
        // A speed measurement from the child: record it on this (the parent's) test.
        std::istringstream values(record->payload);
        double ratio = 0, bar = 0;
        if (values >> ratio >> bar) record_speed(ratio, bar);
      }
    }
  };
  for (;;) {
    collect();
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
  collect();
  ::close(report[0]);
  ::close(errors[0]);
  // What the child printed on stderr is passed on, so nothing it said is lost.
  if (!child_stderr.empty()) std::cerr << child_stderr << std::flush;

  WatchdogResult result;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::string limit_text = format_seconds(limit);
  const std::string details = crash_details(child_stderr);
  const std::string tail =
      child_stderr.size() > 1500 ? "..." + child_stderr.substr(child_stderr.size() - 1500) : child_stderr;
  if (timed_out && phase.rfind("baseline", 0) == 0) {
    // The reference side ran long: the machine is too slow or loaded, which is not the student's fault.
    result.outcome = ChildOutcome::skipped;
    result.message = "the " + phase + " did not finish within " + limit_text +
                     " s: this machine is too slow or too loaded to grade this now; rerun it later";
  } else if (timed_out) {
    result.outcome = ChildOutcome::timed_out;
    result.message = "timed out after " + limit_text + " s (deadlock?)";
    if (!phase.empty()) result.message += " while in: " + phase;
  } else if (WIFSIGNALED(status)) {
    result.outcome = ChildOutcome::crashed;
    result.message = "crashed with " + signal_description(WTERMSIG(status));
    if (!details.empty()) result.message += ": " + details;
  } else if (!done) {
    // No completion token: the body ended the process before it finished.
    const bool sanitizer = sanitizer_reported(child_stderr);
    result.outcome = sanitizer ? ChildOutcome::crashed : ChildOutcome::failed;
    result.message = "the test body ended early: the process exited with status " +
                     std::to_string(WEXITSTATUS(status)) + " before the body finished" +
                     (sanitizer ? "" : " (exit(), _exit() or quick_exit() called by the code under test?)");
    if (!details.empty()) result.message += ": " + details;
    else if (!tail.empty()) result.message += "; its last output: " + tail;
  } else if (!failures.empty()) {
    result.outcome = ChildOutcome::failed;
    result.message = failures;
  } else if (sanitizer_reported(child_stderr)) {
    // The body finished, but a sanitizer reported on the way (TSan goes on after a race report).
    result.outcome = ChildOutcome::failed;
    result.message = "the sanitizer reported a problem: " + details;
  } else if (!skip.empty()) {
    result.outcome = ChildOutcome::skipped;
    result.message = skip;
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
