// Every test of a lab's test program runs in a process of its own (DESIGN.md §5, issue 17): a crash,
// an exit() or a hang costs that test's points and nothing else, and the code under test cannot touch
// the caller's working directory or leave processes and temporary folders behind.
//
// The test program (grading_main.cpp) is its own supervisor: it starts itself once per selected test
// with --gtest_filter=<that test> in a fresh temporary working directory (also its TMPDIR), waits at
// most the test's time limit, and turns what it saw into the test's result:
//   - the child sends the result when GoogleTest ends the test (the completion token, over the pipe in
//     HPC_REPORT_FD); no token means the test did not run to its end (exit, _exit, abort, a signal);
//   - a hang ends at the limit, reported with the phase the test was in (set_test_phase); a slow
//     baseline is a skip, never the student's deadlock;
//   - afterwards every descendant is killed and reaped, those that called setsid() too (the supervisor
//     is a child subreaper), and the temporary folder is removed.
#pragma once

#include <string>
#include <vector>

#include "hpc/common/report.hpp"

namespace hpc::common {

struct IsolatedTest {
  std::string name;             // "Suite.Name"
  double limit_seconds = 30;    // before HPC_WATCHDOG_SCALE
};

struct IsolationSettings {
  std::string program;                   // this program (/proc/self/exe)
  std::vector<std::string> child_args;   // passed to every child after the filter (gtest flags)
};

// Runs one test in a child process and returns its result (name, status, reason, seconds, speed).
TestResult run_isolated(const IsolatedTest& test, const IsolationSettings& settings);

// Makes this process the reaper of every orphaned descendant (prctl PR_SET_CHILD_SUBREAPER).
void become_subreaper();

// Kills and reaps every remaining child of this process (and so, with the subreaper set, every
// descendant); returns how many it killed.
int kill_and_reap_children();

// GoogleTest's filter syntax: "POSITIVE[:POSITIVE...][-NEGATIVE[:NEGATIVE...]]" with * and ?.
bool matches_gtest_filter(const std::string& name, const std::string& filter);

// The default limit of one test, in seconds, before HPC_WATCHDOG_SCALE.
constexpr double kDefaultTestLimitSeconds = 30;

}  // namespace hpc::common
