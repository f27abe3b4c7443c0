// Speed grading by ratios measured in one run (DESIGN.md §5).
//
// The baseline and the candidate run interleaved (A B A B ...) after a warm-up, for at least five pairs,
// and the grade uses the median of the per-pair ratios baseline_time / candidate_time. Interleaving means
// a burst of noise on a shared machine hits both sides; the median throws away the pairs it spoiled.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace hpc::common {

struct SpeedComparison {
  std::string baseline_name;
  std::string candidate_name;
  std::vector<double> baseline_seconds;   // one per pair, in run order
  std::vector<double> candidate_seconds;
  double baseline_median = 0;             // seconds
  double candidate_median = 0;            // seconds
  double ratio = 0;                       // median over pairs of baseline/candidate: > 1 means faster

  // "evolve_fast vs evolve: 26.1 ms vs 121.9 ms, median ratio 4.67x over 7 pairs"
  std::string describe() const;
};

struct CompareOptions {
  int pairs = 7;    // at least 5; more pairs make the median steadier
  int warmup = 1;   // untimed runs of each side before the first pair
};

// Runs `baseline` and `candidate` interleaved and returns both times and the median ratio.
// Each call must do the same work every time (copy fresh inputs inside the callable if it mutates them).
SpeedComparison compare_speed(const std::string& baseline_name, const std::function<void()>& baseline,
                              const std::string& candidate_name, const std::function<void()>& candidate,
                              CompareOptions options = {});

// Seconds taken by one call of f.
double seconds_for(const std::function<void()>& f);

// Why speed cannot be graded in this build ("" when it can): unoptimized code or a sanitizer.
std::string speed_grading_unavailable_reason();

unsigned available_cores();

}  // namespace hpc::common

// Prints both times and the ratio in every case, and fails when the ratio is below the bar.
#define EXPECT_SPEEDUP_AT_LEAST(comparison, bar)                                                     \
  do {                                                                                               \
    const auto& hpc_cmp_ = (comparison);                                                             \
    std::cout << "[ speed    ] " << hpc_cmp_.describe() << " (bar " << (bar) << "x)" << std::endl;   \
    ::testing::Test::RecordProperty("speed_ratio", std::to_string(hpc_cmp_.ratio));                  \
    ::testing::Test::RecordProperty("speed_bar", std::to_string(static_cast<double>(bar)));          \
    EXPECT_GE(hpc_cmp_.ratio, (bar)) << hpc_cmp_.describe() << ", below the bar of " << (bar) << "x"; \
  } while (0)

// Skips a speed test in builds where times mean nothing (no optimization, sanitizers).
#define HPC_REQUIRE_SPEED_BUILD()                                                                    \
  do {                                                                                               \
    const std::string hpc_reason_ = ::hpc::common::speed_grading_unavailable_reason();               \
    if (!hpc_reason_.empty()) GTEST_SKIP() << hpc_reason_;                                           \
  } while (0)

// Skips a test that needs more cores than this machine has, saying so.
#define HPC_REQUIRE_CORES(n)                                                                         \
  do {                                                                                               \
    if (::hpc::common::available_cores() < static_cast<unsigned>(n))                                 \
      GTEST_SKIP() << "needs " << (n) << " cores, this machine has "                                 \
                   << ::hpc::common::available_cores();                                              \
  } while (0)
