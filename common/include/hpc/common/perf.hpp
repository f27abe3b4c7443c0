// Speed grading by ratios measured in one run (DESIGN.md §5).
//
// The baseline and the candidate run interleaved (A B A B ...) after a warm-up, for at least five pairs,
// and the grade uses the median of the per-pair ratios baseline_time / candidate_time. Interleaving means
// a burst of noise on a shared machine hits both sides; the median throws away the pairs it spoiled.
//
// The number of pairs is sized to a time budget: the warm-up is timed, and only as many pairs run as fit
// in the budget (at most CompareOptions::pairs, never fewer than five). The budget is the smaller of
// CompareOptions::budget_seconds and 60% of the time left before the test's time limit, so a baseline
// that runs long on a loaded machine ends the comparison early with `machine_too_slow` (the test is
// skipped, saying so) instead of running into the limit and looking like the student's deadlock.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <functional>
#include <source_location>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/watchdog.hpp"

namespace hpc::common {

struct SpeedComparison {
  std::string baseline_name;
  std::string candidate_name;
  std::vector<double> baseline_seconds;  // one per pair, in run order
  std::vector<double> candidate_seconds;
  double baseline_median = 0;   // seconds
  double candidate_median = 0;  // seconds
  double ratio = 0;             // median over pairs of baseline/candidate: > 1 means faster
  double budget_seconds = 0;    // the time the comparison allowed itself (see CompareOptions)
  double elapsed_seconds = 0;   // what it took, warm-up included

  // Five pairs did not fit in the budget although the candidate was no slower than the baseline: the
  // machine is too loaded to grade speed. `ratio` then holds what was measured so far (at least the
  // warm-up's ratio) and `too_slow_reason` says why; EXPECT_SPEEDUP_AT_LEAST skips the test with it.
  // (When the candidate is the slow side, the comparison is not marked: its low ratio fails the bar.)
  bool machine_too_slow = false;
  std::string too_slow_reason;

  // "evolve_fast vs evolve: 26.1 ms vs 121.9 ms, median ratio 4.67x over 7 pairs"
  std::string describe() const;
};

struct CompareOptions {
  int pairs = 7;   // the pairs wanted; fewer (never under 5) when the budget does not hold them all
  int warmup = 1;  // runs of each side before the first pair; timed to size the pairs, not graded
  // Seconds the whole comparison may take, warm-up included; 0 = no limit of its own. The budget used is
  // the smaller of this and 60% of seconds_left_in_test() (inside within_time_limit, the time left
  // before the watchdog's limit).
  double budget_seconds = 0;
};

// The least number of pairs a comparison grades (DESIGN.md §5).
inline constexpr int kMinimumPairs = 5;

// Runs `baseline` and `candidate` interleaved and returns both times and the median ratio.
// Each call must do the same work every time (copy fresh inputs inside the callable if it mutates them).
// Around each call it sets the test phase ("baseline: <name>", "candidate: <name>"; watchdog.hpp), so a
// time-out says which side was running, and puts back the phase the test had set before.
SpeedComparison compare_speed(const std::string& baseline_name, const std::function<void()>& baseline,
                              const std::string& candidate_name, const std::function<void()>& candidate,
                              CompareOptions options = {});

// The skip reason for a comparison marked machine_too_slow: its reason, the ratio measured so far against
// the bar, and the command that reruns just the current test.
std::string too_slow_skip_message(const SpeedComparison& comparison, double bar);

// "<this program> --gtest_filter=Suite.Name" for the running GoogleTest test (absolute path).
std::string rerun_command();

// Seconds taken by one call of f.
double seconds_for(const std::function<void()>& f);

// Why speed cannot be graded in this build ("" when it can): unoptimized code or a sanitizer.
std::string speed_grading_unavailable_reason();

unsigned available_cores();

// Two threads of plain integer work against one, interleaved like any comparison: near 2x when this
// process really has two cores to itself right now, near 1x when other programs hold them. Speed tests
// that need two cores measure it when they miss their bar, to skip (with the number) instead of failing.
double two_core_ratio();

// How a two-core speed test tells a busy machine from slow code (see skip_reason_if_machine_busy).
struct TwoCoreCheck {
  // Two threads of the test's own against one (near 2x when the test has two cores right now).
  std::function<double()> machine_ratio = two_core_ratio;
  double machine_bar = 1.7;       // below it, the machine is busy and nothing is graded
  std::string subject = "yours";  // who measured the ratios, for the reason: "your ring", "your queue"
};

// For tests whose candidate needs two cores, on a machine that other programs share: a missed bar may be
// the load's doing, not the code's. `comparisons[i]` was measured against `bars[i]`. When every bar is
// met (or a comparison could not finish: EXPECT_SPEEDUP_AT_LEAST skips it), returns "" at once. When a
// bar is missed, the machine is checked: busy, the test is to be skipped; free, every missed comparison
// is measured again (measure_again(i)). A bar still missed then is graded only if a second check of the
// machine finds it free too: the check is a moment and the measurement after it takes seconds, and under
// a load that comes and goes (stress-ng --cpu 2) a check once read 1.90x and the reference MPMC queue of
// lab 06 then measured 0.32x of a mutex queue. Returns "" when `comparisons` (updated) are to be graded,
// else the reason to skip, after printing them as not graded: GTEST_SKIP() << reason in the test's body.
std::string skip_reason_if_machine_busy(std::vector<SpeedComparison>& comparisons,
                                        const std::vector<double>& bars,
                                        const std::function<SpeedComparison(std::size_t)>& measure_again,
                                        const TwoCoreCheck& check = {});

// Grades a comparison whose candidate needs two cores, the way every lab's two-core speed test ends:
// measure(), then skip_reason_if_machine_busy (a missed bar on a busy machine skips the test with the
// numbers; on a free machine measure() runs again), then EXPECT_SPEEDUP_AT_LEAST (which prints the
// ratio, records it for the grade table, and skips a comparison the machine could not finish, so no
// HPC_SKIP_IF_MACHINE_TOO_SLOW is needed before it). A failed bar is reported at the line that called
// this function (`where`), so the table's [file:line] names the test, not this library.
//
// A skip inside a function only returns from that function: the call must be the last statement of the
// test that grades anything. Whatever follows it still runs, and a failure after the skip fails the test.
void expect_two_core_speedup(const std::function<SpeedComparison()>& measure, double bar,
                             const TwoCoreCheck& check = {},
                             std::source_location where = std::source_location::current());

// The same, for a test that checks what the first measurement computed before anything is graded:
// `first` is what measure_again() returned the first time, and is graded (or measured again) as above.
void expect_two_core_speedup(SpeedComparison first, const std::function<SpeedComparison()>& measure_again,
                             double bar, const TwoCoreCheck& check = {},
                             std::source_location where = std::source_location::current());

// Several bars that must all be met (a tier against two baselines): measure(i) is the comparison for
// bars[i]. All are measured first, in order; only the missed ones are measured again.
void expect_two_core_speedups(const std::function<SpeedComparison(std::size_t)>& measure,
                              const std::vector<double>& bars, const TwoCoreCheck& check = {},
                              std::source_location where = std::source_location::current());

}  // namespace hpc::common

// Prints both times and the ratio in every case, and fails when the ratio is below the bar. A comparison
// the machine was too loaded to finish (machine_too_slow) skips the test with the measured ratio, the
// reason and the command that reruns just this test; it never passes.
#define EXPECT_SPEEDUP_AT_LEAST(comparison, bar)                                                          \
  do {                                                                                                    \
    const auto& hpc_cmp_ = (comparison);                                                                  \
    std::cout << "[ speed    ] " << hpc_cmp_.describe() << " (bar " << (bar) << "x)" << std::endl;        \
    ::hpc::common::record_speed(hpc_cmp_.ratio, static_cast<double>(bar));                                \
    if (hpc_cmp_.machine_too_slow) GTEST_SKIP() << ::hpc::common::too_slow_skip_message(hpc_cmp_, (bar)); \
    EXPECT_GE(hpc_cmp_.ratio, (bar)) << hpc_cmp_.describe() << ", below the bar of " << (bar) << "x";     \
  } while (0)

// Skips the test when the comparison could not be finished on this machine (see machine_too_slow); for
// tests that grade a comparison some other way than EXPECT_SPEEDUP_AT_LEAST.
#define HPC_SKIP_IF_MACHINE_TOO_SLOW(comparison, bar)                                                     \
  do {                                                                                                    \
    const auto& hpc_cmp_ = (comparison);                                                                  \
    if (hpc_cmp_.machine_too_slow) GTEST_SKIP() << ::hpc::common::too_slow_skip_message(hpc_cmp_, (bar)); \
  } while (0)

// Skips a speed test in builds where times mean nothing (no optimization, sanitizers).
#define HPC_REQUIRE_SPEED_BUILD()                                                      \
  do {                                                                                 \
    const std::string hpc_reason_ = ::hpc::common::speed_grading_unavailable_reason(); \
    if (!hpc_reason_.empty()) GTEST_SKIP() << hpc_reason_;                             \
  } while (0)

// Skips a test that needs more cores than this machine has, saying so.
#define HPC_REQUIRE_CORES(n)                                                                              \
  do {                                                                                                    \
    if (::hpc::common::available_cores() < static_cast<unsigned>(n))                                      \
      GTEST_SKIP() << "needs " << (n) << " cores, this machine has " << ::hpc::common::available_cores(); \
  } while (0)
