// Concurrency tests never hang (DESIGN.md §5): the body runs in a forked child process with a time
// limit. A hang becomes "timed out after N s (deadlock?)", a crash names its signal (and the uncaught
// exception's text or the sanitizer's summary), and the test program (and the rest of the grading) goes
// on. The body passes only when it ran to its end and said so (a completion token): a body that calls
// exit(0), _exit or quick_exit fails with that said.
#pragma once

#include <functional>
#include <source_location>
#include <string>

namespace hpc::common {

// skipped: the body called GTEST_SKIP(); message holds its reason.
enum class ChildOutcome { passed, failed, timed_out, crashed, skipped };

struct WatchdogResult {
  ChildOutcome outcome = ChildOutcome::passed;
  std::string message;   // the child's assertion failures, or what went wrong with it
  double seconds = 0;    // how long the child ran
};

// Runs body in a child process; waits at most limit_seconds (times HPC_WATCHDOG_SCALE, if set).
// GoogleTest assertion failures inside the child are collected and returned in `message`.
WatchdogResult run_in_child(const std::function<void()>& body, double limit_seconds);

// The form used inside a test: runs body under the watchdog and reports any failure, time-out or
// crash to the current GoogleTest test; a GTEST_SKIP() inside the body skips the test.
//   hpc::common::within_time_limit(5, [&] { queue.close(); EXPECT_TRUE(consumer_woke); });
void within_time_limit(double limit_seconds, const std::function<void()>& body,
                       std::source_location where = std::source_location::current());

// Names what the current test is doing ("baseline: thread per task", "candidate: your pool"). When a
// time limit ends the test, the message says which phase ran out of time, so a slow baseline on a loaded
// machine is not reported as the student's deadlock. Cheap; call it as often as the test changes phase.
void set_test_phase(const std::string& phase);
std::string current_test_phase();

// Seconds until the current test's time limit ends (every graded test runs isolated under one; see
// grading_main.cpp), or a very large number when the test runs without a limit. The speed harness
// sizes its repetitions to this budget so that a slow baseline ends as a skip, never as a time-out.
double seconds_left_in_test();

// "SIGSEGV (Segmentation fault)"
std::string signal_description(int signal_number);

// What a dead or failed process's stderr says went wrong, on one line: the uncaught exception
// ("terminate called after throwing an instance of 'std::runtime_error' what(): boom"), or a
// sanitizer's summary line. Empty when it says nothing useful.
std::string crash_details(const std::string& stderr_text);

// True when stderr holds a sanitizer's report (a race, a memory error, undefined behaviour).
bool sanitizer_reported(const std::string& stderr_text);

// Inside an isolated test process: where set_test_phase and time-limit requests go (the supervisor's
// pipe, from HPC_REPORT_FD). -1 when the test runs without a supervisor.
int supervisor_channel();

// Records a speed test's measured ratio and its bar on the current test (GoogleTest properties
// speed_ratio and speed_bar, which reach the score table). Inside a watchdog child they are sent to the
// parent, which records them on the test there.
void record_speed(double ratio, double bar);

// Asks the supervisor for at least `seconds` more from now (a watchdog inside the test needs them).
void request_time(double seconds);

}  // namespace hpc::common
