// The speed harness: interleaved pairs, median ratio, a readable description, and a bar that fails; pairs
// sized to a time budget, a slow baseline that skips (never passes), and the phase names around each side;
// the two-core check of a missed bar, and the labs' common tail (expect_two_core_speedup) built on it.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"

using namespace std::chrono_literals;

namespace {
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
}  // namespace

TEST(CompareSpeed, MeasuresARatioAndInterleaves) {
  std::vector<char> order;
  const auto cmp = hpc::common::compare_speed(
      "slow",
      [&] {
        order.push_back('A');
        sleep_ms(8);
      },
      "fast",
      [&] {
        order.push_back('B');
        sleep_ms(2);
      },
      {.pairs = 5, .warmup = 1});
  ASSERT_EQ(order.size(), 12u);  // 1 warm-up pair + 5 timed pairs
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i % 2 == 0 ? 'A' : 'B');
  EXPECT_EQ(cmp.baseline_seconds.size(), 5u);
  EXPECT_GT(cmp.ratio, 2.0);  // 8 ms against 2 ms; sleeps overshoot, so only a loose lower bound
  EXPECT_LT(cmp.ratio, 6.0);
  EXPECT_NE(cmp.describe().find("median ratio"), std::string::npos);
}

TEST(CompareSpeed, RejectsTooFewPairs) {
  EXPECT_THROW(hpc::common::compare_speed(
                   "a", [] {}, "b", [] {}, {.pairs = 3, .warmup = 0}),
               std::invalid_argument);
}

TEST(CompareSpeed, BarFailsWhenTheCandidateIsSlower) {
  EXPECT_NONFATAL_FAILURE(
      {
        const auto cmp = hpc::common::compare_speed(
            "fast", [] { sleep_ms(1); }, "slow", [] { sleep_ms(4); });
        EXPECT_SPEEDUP_AT_LEAST(cmp, 1.5);
      },
      "below the bar");
}

// Many pairs wanted, a budget that holds about fifteen: the harness stops when the next pair would not fit.
TEST(CompareSpeed, RunsOnlyThePairsThatFitTheBudget) {
  const auto cmp = hpc::common::compare_speed(
      "slow", [] { sleep_ms(16); }, "fast", [] { sleep_ms(4); },
      {.pairs = 60, .warmup = 1, .budget_seconds = 0.4});
  EXPECT_GE(cmp.baseline_seconds.size(), 5u);
  EXPECT_LT(cmp.baseline_seconds.size(), 60u);
  EXPECT_FALSE(cmp.machine_too_slow);
  EXPECT_LE(cmp.elapsed_seconds, 0.4 + 0.1) << "at most one pair's overshoot of the estimate";
  EXPECT_NEAR(cmp.budget_seconds, 0.4, 1e-9);
}

// A budget that holds every pair wanted runs exactly those.
TEST(CompareSpeed, RunsAllPairsWhenTheyFit) {
  const auto cmp = hpc::common::compare_speed(
      "a", [] { sleep_ms(2); }, "b", [] { sleep_ms(1); }, {.pairs = 9, .warmup = 1, .budget_seconds = 30});
  EXPECT_EQ(cmp.baseline_seconds.size(), 9u);
  EXPECT_TRUE(cmp.too_slow_reason.empty());
}

// The baseline alone overruns the budget: the comparison says the machine is too slow, and the speed
// assertion skips the test (with the measured ratio, the reason and a rerun command) instead of grading.
TEST(CompareSpeed, SlowBaselineSkipsWithTheReason) {
  const auto cmp = hpc::common::compare_speed(
      "slow baseline", [] { sleep_ms(100); }, "fast", [] { sleep_ms(1); },
      {.pairs = 7, .warmup = 1, .budget_seconds = 0.3});
  EXPECT_TRUE(cmp.machine_too_slow);
  EXPECT_LT(cmp.baseline_seconds.size(), 5u);
  EXPECT_GT(cmp.ratio, 10.0) << "the ratio measured so far is kept";
  EXPECT_NE(cmp.too_slow_reason.find("the baseline alone took"), std::string::npos) << cmp.too_slow_reason;
  EXPECT_NE(cmp.describe().find("too loaded"), std::string::npos) << cmp.describe();

  // GTEST_SKIP ends the body it is in, so the skip is observed in a child process.
  const auto outcome = hpc::common::run_in_child([&] { EXPECT_SPEEDUP_AT_LEAST(cmp, 2.0); }, 10);
  EXPECT_EQ(outcome.outcome, hpc::common::ChildOutcome::skipped) << outcome.message;
  EXPECT_NE(outcome.message.find("too loaded to grade speed"), std::string::npos) << outcome.message;
  EXPECT_NE(outcome.message.find("bar 2x, not graded); rerun: "), std::string::npos) << outcome.message;
  EXPECT_NE(outcome.message.find("--gtest_filter=CompareSpeed.SlowBaselineSkipsWithTheReason"),
            std::string::npos)
      << outcome.message;
}

// A slow candidate is the candidate's result, not the machine's fault: no skip, and the bar fails.
TEST(CompareSpeed, SlowCandidateFailsInsteadOfSkipping) {
  const auto cmp = hpc::common::compare_speed(
      "fast baseline", [] { sleep_ms(1); }, "slow", [] { sleep_ms(100); },
      {.pairs = 7, .warmup = 1, .budget_seconds = 0.3});
  EXPECT_FALSE(cmp.machine_too_slow);
  EXPECT_LT(cmp.ratio, 1.0);
  EXPECT_NONFATAL_FAILURE(EXPECT_SPEEDUP_AT_LEAST(cmp, 1.5), "below the bar");
}

// Each side runs under its own phase name, and the test's own phase comes back afterwards.
TEST(CompareSpeed, NamesThePhaseOfEachSide) {
  hpc::common::set_test_phase("setting up");
  std::vector<std::string> seen_by_baseline;
  std::vector<std::string> seen_by_candidate;
  hpc::common::compare_speed(
      "sorted insert", [&] { seen_by_baseline.push_back(hpc::common::current_test_phase()); }, "heap push",
      [&] { seen_by_candidate.push_back(hpc::common::current_test_phase()); }, {.pairs = 5, .warmup = 1});
  ASSERT_EQ(seen_by_baseline.size(), 6u);
  for (const auto& phase : seen_by_baseline) EXPECT_EQ(phase, "baseline: sorted insert");
  for (const auto& phase : seen_by_candidate) EXPECT_EQ(phase, "candidate: heap push");
  EXPECT_EQ(hpc::common::current_test_phase(), "setting up");
  hpc::common::set_test_phase("");
}

// The time left before the test's limit bounds the budget: 60% of it, whatever the options say. Inside a
// watchdog child the limit is the watchdog's.
TEST(CompareSpeed, BudgetLeavesHeadroomBeforeTheTestLimit) {
  const auto outcome = hpc::common::run_in_child(
      [] {
        const double left = hpc::common::seconds_left_in_test();
        ASSERT_LT(left, 1e6) << "a watchdog child has a time limit";
        const auto cmp = hpc::common::compare_speed(
            "a", [] { sleep_ms(2); }, "b", [] { sleep_ms(1); },
            {.pairs = 7, .warmup = 1, .budget_seconds = 1e6});
        EXPECT_NEAR(cmp.budget_seconds, 0.6 * left, 0.05);
      },
      2);
  EXPECT_EQ(outcome.outcome, hpc::common::ChildOutcome::passed) << outcome.message;
}

// ---- skip_reason_if_machine_busy: a missed two-core bar is graded only on a machine free before and after
// the re-measurement. The machine check and the measurements are scripted here, so each path is certain.

namespace {

hpc::common::SpeedComparison measured(double ratio, const std::string& baseline = "baseline") {
  hpc::common::SpeedComparison comparison;
  comparison.baseline_name = baseline;
  comparison.candidate_name = "candidate";
  comparison.ratio = ratio;
  return comparison;
}

// A machine whose checks read the given ratios in turn, counting how often it was asked.
struct ScriptedMachine {
  std::vector<double> readings;
  std::size_t checks = 0;
  hpc::common::TwoCoreCheck check(const std::string& subject = "yours") {
    return {
        .machine_ratio = [this] { return readings.at(checks++); }, .machine_bar = 1.7, .subject = subject};
  }
};

}  // namespace

TEST(TwoCoreRecheck, BarMetIsGradedWithoutCheckingTheMachine) {
  ScriptedMachine machine{{}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(1.8)};
  int remeasured = 0;
  const std::string reason = hpc::common::skip_reason_if_machine_busy(
      cmps, {1.4},
      [&](std::size_t) {
        ++remeasured;
        return measured(0.1);
      },
      machine.check());
  EXPECT_EQ(reason, "");
  EXPECT_EQ(machine.checks, 0u);
  EXPECT_EQ(remeasured, 0);
}

TEST(TwoCoreRecheck, BusyMachineSkipsBeforeMeasuringAgain) {
  ScriptedMachine machine{{1.2}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(1.1)};
  int remeasured = 0;
  const std::string reason = hpc::common::skip_reason_if_machine_busy(
      cmps, {1.4},
      [&](std::size_t) {
        ++remeasured;
        return measured(1.9);
      },
      machine.check("your ring"));
  EXPECT_EQ(remeasured, 0);
  EXPECT_NE(reason.find("cannot give the test two cores right now"), std::string::npos) << reason;
  EXPECT_NE(reason.find("reached only 1.20x of one; your ring measured 1.10x against the bar of 1.4x"),
            std::string::npos)
      << reason;
  EXPECT_NE(reason.find("--gtest_filter=TwoCoreRecheck.BusyMachineSkipsBeforeMeasuringAgain"),
            std::string::npos)
      << reason;
}

TEST(TwoCoreRecheck, FreeMachineGradesTheNewMeasurement) {
  ScriptedMachine machine{{1.9}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(1.1)};
  const std::string reason = hpc::common::skip_reason_if_machine_busy(
      cmps, {1.4}, [&](std::size_t) { return measured(1.6); }, machine.check());
  EXPECT_EQ(reason, "");
  EXPECT_EQ(machine.checks, 1u) << "a met bar needs no second check";
  EXPECT_DOUBLE_EQ(cmps[0].ratio, 1.6);
}

// The case the second check exists for: the machine was free for the check, then busy for the measurement.
TEST(TwoCoreRecheck, StillMissedOnAMachineBusyAfterwardsSkips) {
  ScriptedMachine machine{{1.9, 1.1}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(1.1)};
  const std::string reason = hpc::common::skip_reason_if_machine_busy(
      cmps, {2.25}, [&](std::size_t) { return measured(0.3); }, machine.check());
  EXPECT_EQ(machine.checks, 2u);
  EXPECT_NE(reason.find("reached only 1.10x of one; yours measured 0.30x against the bar of 2.25x"),
            std::string::npos)
      << reason;
}

// Slow code on a free machine is graded (and fails): the checks never excuse it.
TEST(TwoCoreRecheck, StillMissedOnAFreeMachineIsGraded) {
  ScriptedMachine machine{{1.9, 1.95}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(1.0)};
  const std::string reason = hpc::common::skip_reason_if_machine_busy(
      cmps, {1.4}, [&](std::size_t) { return measured(1.02); }, machine.check());
  EXPECT_EQ(reason, "");
  EXPECT_EQ(machine.checks, 2u);
  EXPECT_DOUBLE_EQ(cmps[0].ratio, 1.02);
}

// A comparison the machine could not finish is left to EXPECT_SPEEDUP_AT_LEAST (which skips it).
TEST(TwoCoreRecheck, UnfinishedComparisonIsNotChecked) {
  ScriptedMachine machine{{}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(0.5)};
  cmps[0].machine_too_slow = true;
  EXPECT_EQ(hpc::common::skip_reason_if_machine_busy(
                cmps, {1.4}, [&](std::size_t) { return measured(2.0); }, machine.check()),
            "");
  EXPECT_EQ(machine.checks, 0u);
}

// Several bars: only the missed ones are measured again, and a skip names every ratio with its baseline.
TEST(TwoCoreRecheck, SeveralBarsMeasureAgainOnlyTheMissedOnes) {
  ScriptedMachine machine{{1.9, 1.0}};
  std::vector<hpc::common::SpeedComparison> cmps{measured(6.0, "oneTBB"), measured(1.2, "mutex queue")};
  std::vector<std::size_t> remeasured;
  const std::string reason = hpc::common::skip_reason_if_machine_busy(
      cmps, {5.0, 1.5},
      [&](std::size_t i) {
        remeasured.push_back(i);
        return measured(1.3, "mutex queue");
      },
      machine.check("your queue"));
  EXPECT_EQ(remeasured, std::vector<std::size_t>{1});
  EXPECT_NE(reason.find("your queue measured 6.00x against the bar of 5x (oneTBB), 1.30x against the bar of "
                        "1.5x (mutex queue)"),
            std::string::npos)
      << reason;
  EXPECT_THROW(hpc::common::skip_reason_if_machine_busy(
                   cmps, {1.0}, [&](std::size_t) { return measured(1.0); }, machine.check()),
               std::invalid_argument);
}

// ---- expect_two_core_speedup: the measure / busy-machine check / grade tail of the labs' two-core speed
// tests. Its skips and failures are captured here instead of reported (a skip would skip this self-test),
// with scripted measurements and machine checks as above.

namespace {

// Runs `call` with GoogleTest's failures and skips collected into `parts`.
void capture(const std::function<void()>& call, testing::TestPartResultArray& parts) {
  testing::ScopedFakeTestPartResultReporter reporter(
      testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &parts);
  call();
}

// measure() for the helper: returns the given ratios in turn, counting the calls.
struct ScriptedMeasurements {
  std::vector<double> ratios;
  std::size_t calls = 0;
  hpc::common::SpeedComparison operator()() { return measured(ratios.at(calls++)); }
};

}  // namespace

TEST(TwoCoreGrade, MetBarPassesWithoutCheckingTheMachine) {
  ScriptedMachine machine{{}};
  ScriptedMeasurements measure{{1.8}};
  testing::TestPartResultArray parts;
  capture([&] { hpc::common::expect_two_core_speedup(std::ref(measure), 1.4, machine.check()); }, parts);
  EXPECT_EQ(parts.size(), 0);
  EXPECT_EQ(measure.calls, 1u);
  EXPECT_EQ(machine.checks, 0u);
}

TEST(TwoCoreGrade, BusyMachineSkipsWithTheMeasuredRatio) {
  ScriptedMachine machine{{1.2}};
  ScriptedMeasurements measure{{1.1}};
  testing::TestPartResultArray parts;
  capture([&] { hpc::common::expect_two_core_speedup(std::ref(measure), 1.4, machine.check("your ring")); },
          parts);
  ASSERT_EQ(parts.size(), 1);
  EXPECT_TRUE(parts.GetTestPartResult(0).skipped());
  EXPECT_NE(std::string(parts.GetTestPartResult(0).message())
                .find("reached only 1.20x of one; your ring measured 1.10x against the bar of 1.4x"),
            std::string::npos)
      << parts.GetTestPartResult(0).message();
  EXPECT_EQ(measure.calls, 1u) << "a busy machine is not measured again";
}

// Slow code on a free machine fails, with the words EXPECT_SPEEDUP_AT_LEAST uses, at the caller's line.
TEST(TwoCoreGrade, SlowCodeOnAFreeMachineFailsAtTheCallersLine) {
  ScriptedMachine machine{{1.9, 1.95}};
  ScriptedMeasurements measure{{1.0, 1.02}};
  testing::TestPartResultArray parts;
  int line = 0;
  capture(
      [&] {
        line = __LINE__ + 1;
        hpc::common::expect_two_core_speedup(std::ref(measure), 1.4, machine.check());
      },
      parts);
  EXPECT_EQ(measure.calls, 2u);
  ASSERT_EQ(parts.size(), 1);
  const testing::TestPartResult& failure = parts.GetTestPartResult(0);
  EXPECT_TRUE(failure.nonfatally_failed());
  ASSERT_NE(failure.file_name(), nullptr);
  EXPECT_TRUE(std::string(failure.file_name()).ends_with("test_perf.cpp")) << failure.file_name();
  EXPECT_EQ(failure.line_number(), line);

  // The macro's own message for the same comparison, word for word.
  testing::TestPartResultArray macro_parts;
  const hpc::common::SpeedComparison graded = measured(1.02);
  const double bar = 1.4;
  capture([&] { EXPECT_SPEEDUP_AT_LEAST(graded, bar); }, macro_parts);
  ASSERT_EQ(macro_parts.size(), 1);
  EXPECT_EQ(std::string(failure.message()), std::string(macro_parts.GetTestPartResult(0).message()));
}

// A comparison the machine could not finish skips with compare_speed's reason, the machine unchecked.
TEST(TwoCoreGrade, UnfinishedComparisonSkipsWithItsReason) {
  ScriptedMachine machine{{}};
  hpc::common::SpeedComparison unfinished = measured(0.5);
  unfinished.machine_too_slow = true;
  unfinished.too_slow_reason = "the baseline alone took 9 s a run: the machine is too loaded to grade speed";
  int calls = 0;
  testing::TestPartResultArray parts;
  capture(
      [&] {
        hpc::common::expect_two_core_speedup(
            [&] {
              ++calls;
              return unfinished;
            },
            1.4, machine.check());
      },
      parts);
  ASSERT_EQ(parts.size(), 1);
  EXPECT_TRUE(parts.GetTestPartResult(0).skipped());
  EXPECT_EQ(std::string(parts.GetTestPartResult(0).message()),
            hpc::common::too_slow_skip_message(unfinished, 1.4));
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(machine.checks, 0u);
}

// The form for tests that check the first measurement's results: `first` is graded, measure_again() is
// called only when its bar is missed.
TEST(TwoCoreGrade, FirstMeasurementIsGradedAsGiven) {
  ScriptedMachine free_machine{{1.9}};
  ScriptedMeasurements again{{1.6}};
  testing::TestPartResultArray parts;
  capture(
      [&] {
        hpc::common::expect_two_core_speedup(measured(1.8), std::ref(again), 1.4, free_machine.check());
        hpc::common::expect_two_core_speedup(measured(1.1), std::ref(again), 1.4, free_machine.check());
      },
      parts);
  EXPECT_EQ(parts.size(), 0);
  EXPECT_EQ(again.calls, 1u) << "only the missed bar measures again";
  EXPECT_EQ(free_machine.checks, 1u);

  ScriptedMachine busy_machine{{1.0}};
  ScriptedMeasurements never{{}};
  testing::TestPartResultArray busy_parts;
  capture(
      [&] {
        hpc::common::expect_two_core_speedup(measured(0.9), std::ref(never), 1.4, busy_machine.check());
      },
      busy_parts);
  ASSERT_EQ(busy_parts.size(), 1);
  EXPECT_TRUE(busy_parts.GetTestPartResult(0).skipped());
  EXPECT_EQ(never.calls, 0u);
}

// Several bars: each measured once in order, the missed ones again, and every bar graded.
TEST(TwoCoreGrade, SeveralBarsMustAllBeMet) {
  ScriptedMachine machine{{1.9, 1.95}};
  std::vector<std::size_t> order;
  const auto measure = [&](std::size_t i) {
    order.push_back(i);
    return measured(i == 0 ? 6.0 : 1.2, i == 0 ? "oneTBB" : "mutex queue");
  };
  testing::TestPartResultArray parts;
  capture(
      [&] {
        hpc::common::expect_two_core_speedups(measure, {5.0, 1.5}, machine.check("your queue"));
      },
      parts);
  EXPECT_EQ(order, (std::vector<std::size_t>{0, 1, 1}));
  ASSERT_EQ(parts.size(), 1);
  EXPECT_TRUE(parts.GetTestPartResult(0).nonfatally_failed());
  const std::string message = parts.GetTestPartResult(0).message();
  EXPECT_NE(message.find("candidate vs mutex queue"), std::string::npos) << message;
  EXPECT_NE(message.find("below the bar of 1.5x"), std::string::npos) << message;
}
