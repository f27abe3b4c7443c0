#include "hpc/common/perf.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>

#include "hpc/common/watchdog.hpp"

namespace hpc::common {
namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// A time in the unit that suits it, the number printed with number_format ("%.3f", "%.3g").
std::string time_in_unit(double seconds, const char* number_format) {
  const char* unit = "s";
  double value = seconds;
  if (seconds < 1e-3) {
    unit = "us";
    value = seconds * 1e6;
  } else if (seconds < 1.0) {
    unit = "ms";
    value = seconds * 1e3;
  }
  char number[32];
  std::snprintf(number, sizeof number, number_format, value);
  return std::string(number) + " " + unit;
}

// "121.900 ms"
std::string human_time(double seconds) { return time_in_unit(seconds, "%.3f"); }

// Three significant digits: "116 ms", "2.35 s".
std::string short_time(double seconds) { return time_in_unit(seconds, "%.3g"); }

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  return buffer;
}

// Names the side that is about to run (so a time-out says which one ran out of time) and times it.
double timed_phase(const std::string& phase, const std::function<void()>& f) {
  set_test_phase(phase);
  return seconds_for(f);
}

}  // namespace

double seconds_for(const std::function<void()>& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  const auto stop = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(stop - start).count();
}

SpeedComparison compare_speed(const std::string& baseline_name, const std::function<void()>& baseline,
                              const std::string& candidate_name, const std::function<void()>& candidate,
                              CompareOptions options) {
  if (options.pairs < kMinimumPairs) throw std::invalid_argument("compare_speed needs at least 5 pairs");
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  // 40% of what is left before the time limit stays free: the test still has to report, and a run that
  // overshoots its estimate on a loaded machine must not be the one that meets the limit.
  double budget = 0.6 * seconds_left_in_test();
  if (options.budget_seconds > 0) budget = std::min(budget, options.budget_seconds);

  const std::string previous_phase = current_test_phase();
  const std::string baseline_phase = "baseline: " + baseline_name;
  const std::string candidate_phase = "candidate: " + candidate_name;

  SpeedComparison result;
  result.baseline_name = baseline_name;
  result.candidate_name = candidate_name;
  result.budget_seconds = budget;

  // The latest run of each side: the estimate of what the next pair costs (-1: nothing measured yet).
  double last_a = -1;
  double last_b = -1;
  for (int i = 0; i < options.warmup; ++i) {
    last_a = timed_phase(baseline_phase, baseline);
    last_b = timed_phase(candidate_phase, candidate);
  }
  const double warmup_a = last_a;
  const double warmup_b = last_b;

  std::vector<double> ratios;
  for (int i = 0; i < options.pairs; ++i) {
    if (last_a >= 0) {
      // Before the fifth pair, all the pairs still missing must fit; after it, only the next one.
      const int still_needed = std::max(kMinimumPairs - i, 1);
      if (elapsed() + still_needed * (last_a + last_b) > budget) {
        if (i >= kMinimumPairs) break;
        // Short, because grade tables cut long reasons (the [ speed ] line has the details).
        const std::string fit =
            ", " + std::to_string(kMinimumPairs) + " pairs overrun the " + seconds_text(budget) + " budget";
        std::string reason;
        if (last_b <= last_a) {
          result.machine_too_slow = true;
          reason = "the baseline alone took " + short_time(last_a) + " a run" + fit +
                   ": the machine is too loaded to grade speed";
        } else {
          // The slow side is the candidate: that is a result, not the machine's fault.
          reason = "the candidate took " + short_time(last_b) + " a run (the baseline " + short_time(last_a) +
                   ")" + fit;
        }
        result.too_slow_reason = reason;
        break;
      }
    }
    last_a = timed_phase(baseline_phase, baseline);
    last_b = timed_phase(candidate_phase, candidate);
    result.baseline_seconds.push_back(last_a);
    result.candidate_seconds.push_back(last_b);
    // A candidate too fast for the clock would divide by zero; one clock tick is the honest floor.
    ratios.push_back(last_a / std::max(last_b, 1e-9));
  }
  set_test_phase(previous_phase);

  if (ratios.empty()) {
    // Not one pair fitted: keep what the warm-up measured, so the report still shows both sides.
    result.baseline_median = warmup_a;
    result.candidate_median = warmup_b;
    result.ratio = warmup_a / std::max(warmup_b, 1e-9);
  } else {
    result.baseline_median = median(result.baseline_seconds);
    result.candidate_median = median(result.candidate_seconds);
    result.ratio = median(ratios);
  }
  result.elapsed_seconds = elapsed();
  return result;
}

std::string SpeedComparison::describe() const {
  char ratio_text[32];
  std::snprintf(ratio_text, sizeof ratio_text, "%.2fx", ratio);
  std::string text = candidate_name + " vs " + baseline_name + ": " + human_time(candidate_median) + " vs " +
                     human_time(baseline_median) + " (medians), median ratio " + ratio_text + " over " +
                     std::to_string(baseline_seconds.size()) + " interleaved pairs";
  if (baseline_seconds.empty()) text += " (the warm-up's times)";
  if (!too_slow_reason.empty()) text += "; " + too_slow_reason;
  return text;
}

std::string rerun_command() {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  std::string command = error ? std::string("<this test program>") : self.string();
  if (const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info())
    command += std::string(" --gtest_filter=") + test->test_suite_name() + "." + test->name();
  return command;
}

std::string too_slow_skip_message(const SpeedComparison& comparison, double bar) {
  char ratio_text[80];
  std::snprintf(ratio_text, sizeof ratio_text, " (%.2fx, bar %gx, not graded); rerun: ", comparison.ratio,
                bar);
  return comparison.too_slow_reason + ratio_text + rerun_command();
}

std::string speed_grading_unavailable_reason() {
#if defined(HPC_SANITIZER)
  return std::string("speed is not graded under a sanitizer (") + HPC_SANITIZER +
         "); use the grade or check preset";
#elif defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return "speed is not graded under a sanitizer; use the grade or check preset";
#elif !defined(__OPTIMIZE__)
  return "speed is not graded in an unoptimized build; use the grade or check preset";
#else
  return "";
#endif
}

double two_core_ratio() {
  auto spin = [](std::int64_t n) {
    volatile std::int64_t sink = 0;
    for (std::int64_t i = 0; i < n; ++i) sink = sink + i % 7;
  };
  constexpr std::int64_t n = 20'000'000;
  const auto machine = compare_speed(
      "one thread", [&] { spin(n); }, "two threads",
      [&] {
        std::jthread helper(spin, n / 2);
        spin(n / 2);
      },
      {.pairs = 5, .warmup = 1});
  std::cout << "[ machine  ] " << machine.describe() << std::endl;
  return machine.ratio;
}

std::string skip_reason_if_machine_busy(std::vector<SpeedComparison>& comparisons,
                                        const std::vector<double>& bars,
                                        const std::function<SpeedComparison(std::size_t)>& measure_again,
                                        const TwoCoreCheck& check) {
  if (comparisons.size() != bars.size())
    throw std::invalid_argument("skip_reason_if_machine_busy needs one bar per comparison");
  auto missed = [&](std::size_t i) { return comparisons[i].ratio < bars[i]; };
  // "" when the machine gives two cores now; else prints the measurements as not graded and says why.
  auto busy_machine = [&]() -> std::string {
    const double machine = check.machine_ratio();
    if (machine >= check.machine_bar) return "";
    std::ostringstream reason;
    reason << "this machine cannot give the test two cores right now: two threads of the test's own reached "
           << "only " << std::fixed << std::setprecision(2) << machine << "x of one; " << check.subject
           << " measured ";
    for (std::size_t i = 0; i < comparisons.size(); ++i) {
      std::cout << "[ speed    ] " << comparisons[i].describe() << " (not graded: the machine is busy)"
                << std::endl;
      record_speed(comparisons[i].ratio, bars[i]);
      char bar_text[32];
      std::snprintf(bar_text, sizeof bar_text, "%g", bars[i]);  // 2.25 stays 2.25, 1.5 stays 1.5
      reason << (i == 0 ? "" : ", ") << comparisons[i].ratio << "x against the bar of " << bar_text << "x";
      if (comparisons.size() > 1) reason << " (" << comparisons[i].baseline_name << ")";
    }
    reason << "; rerun on a quiet machine: " << rerun_command();
    return reason.str();
  };

  bool any_missed = false;
  for (std::size_t i = 0; i < comparisons.size(); ++i)
    any_missed = any_missed || (missed(i) && !comparisons[i].machine_too_slow);
  if (!any_missed) return "";
  if (std::string busy = busy_machine(); !busy.empty()) return busy;
  bool still_missed = false;
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    if (missed(i)) comparisons[i] = measure_again(i);
    still_missed = still_missed || missed(i);
  }
  if (still_missed) return busy_machine();
  return "";
}

namespace {

// skip_reason_if_machine_busy, then EXPECT_SPEEDUP_AT_LEAST for each bar: the common end of the
// expect_two_core_speedup forms.
void grade_two_core(std::vector<SpeedComparison> comparisons, const std::vector<double>& bars,
                    const std::function<SpeedComparison(std::size_t)>& measure_again,
                    const TwoCoreCheck& check, const std::source_location& where) {
  const std::string busy = skip_reason_if_machine_busy(comparisons, bars, measure_again, check);
  if (!busy.empty()) GTEST_SKIP() << busy;
  for (std::size_t i = 0; i < comparisons.size(); ++i) {
    // EXPECT_SPEEDUP_AT_LEAST, written out so that a miss is reported at the caller's line with the
    // macro's own words (the check EXPECT_GE would print: "Expected: (hpc_cmp_.ratio) >= ((bar))").
    const SpeedComparison& comparison = comparisons[i];
    const double bar = bars[i];
    std::cout << "[ speed    ] " << comparison.describe() << " (bar " << bar << "x)" << std::endl;
    record_speed(comparison.ratio, bar);
    // Returns from this function, so no later bar is graded either (as in a test's own loop of the macro).
    if (comparison.machine_too_slow) GTEST_SKIP() << too_slow_skip_message(comparison, bar);
    const ::testing::AssertionResult met =
        ::testing::internal::CmpHelperGE("hpc_cmp_.ratio", "(bar)", comparison.ratio, bar);
    if (!met) {
      GTEST_MESSAGE_AT_(where.file_name(), static_cast<int>(where.line()), met.failure_message(),
                        ::testing::TestPartResult::kNonFatalFailure)
          << comparison.describe() << ", below the bar of " << bar << "x";
    }
  }
}

}  // namespace

void expect_two_core_speedup(const std::function<SpeedComparison()>& measure, double bar,
                             const TwoCoreCheck& check, std::source_location where) {
  expect_two_core_speedup(measure(), measure, bar, check, where);
}

void expect_two_core_speedup(SpeedComparison first, const std::function<SpeedComparison()>& measure_again,
                             double bar, const TwoCoreCheck& check, std::source_location where) {
  std::vector<SpeedComparison> comparisons;
  comparisons.push_back(std::move(first));
  grade_two_core(
      std::move(comparisons), {bar}, [&](std::size_t) { return measure_again(); }, check, where);
}

void expect_two_core_speedups(const std::function<SpeedComparison(std::size_t)>& measure,
                              const std::vector<double>& bars, const TwoCoreCheck& check,
                              std::source_location where) {
  std::vector<SpeedComparison> comparisons;
  for (std::size_t i = 0; i < bars.size(); ++i) comparisons.push_back(measure(i));
  grade_two_core(std::move(comparisons), bars, measure, check, where);
}

unsigned available_cores() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace hpc::common
