// The watchdog must turn a hang into a failure with a readable reason, name a crash's signal, pass the
// child's assertion failures on, and let a healthy body pass.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <mutex>
#include <thread>

#include "hpc/common/watchdog.hpp"

using hpc::common::ChildOutcome;
using hpc::common::run_in_child;

TEST(Watchdog, HealthyBodyPasses) {
  const auto result = run_in_child([] { EXPECT_EQ(2 + 2, 4); }, 5);
  EXPECT_EQ(result.outcome, ChildOutcome::passed) << result.message;
}

TEST(Watchdog, DeadlockBecomesTimeout) {
  const auto start = std::chrono::steady_clock::now();
  const auto result = run_in_child(
      [] {
        std::mutex m;
        m.lock();
        std::thread t([&] { m.lock(); });  // waits forever: the classic self-deadlock
        t.join();
      },
      1.0);
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(result.outcome, ChildOutcome::timed_out);
  EXPECT_NE(result.message.find("timed out after"), std::string::npos) << result.message;
  EXPECT_NE(result.message.find("deadlock?"), std::string::npos) << result.message;
  EXPECT_LT(waited, 10.0) << "the watchdog must not wait much longer than its limit";
}

// Under AddressSanitizer the sanitizer catches the signal itself and exits with its report ("SEGV on
// unknown address"); either way the message names the fault.
TEST(Watchdog, CrashNamesTheSignal) {
  const auto result = run_in_child([] { std::raise(SIGSEGV); }, 5);
  EXPECT_EQ(result.outcome, ChildOutcome::crashed) << result.message;
  EXPECT_NE(result.message.find("SEGV"), std::string::npos) << result.message;
}

TEST(Watchdog, AbortNamesTheSignal) {
  const auto result = run_in_child([] { std::abort(); }, 5);
  EXPECT_EQ(result.outcome, ChildOutcome::crashed);
  EXPECT_NE(result.message.find("SIGABRT"), std::string::npos) << result.message;
}

TEST(Watchdog, ChildAssertionFailuresReachTheParent) {
  const auto result = run_in_child([] { EXPECT_EQ(1, 2) << "the marker 4711"; }, 5);
  EXPECT_EQ(result.outcome, ChildOutcome::failed);
  EXPECT_NE(result.message.find("4711"), std::string::npos) << result.message;
}

TEST(Watchdog, UncaughtExceptionIsAFailure) {
  const auto result = run_in_child([] { throw std::runtime_error("boom 99"); }, 5);
  EXPECT_EQ(result.outcome, ChildOutcome::failed);
  EXPECT_NE(result.message.find("boom 99"), std::string::npos) << result.message;
}

TEST(Watchdog, WithinTimeLimitReportsTheTimeoutToTheTest) {
  EXPECT_NONFATAL_FAILURE(
      hpc::common::within_time_limit(0.5, [] { std::this_thread::sleep_for(std::chrono::seconds(30)); }),
      "timed out after");
}

TEST(Watchdog, SkipInsideTheChildReachesTheParent) {
  const auto result = run_in_child([] { GTEST_SKIP() << "machine busy 42"; }, 5);
  EXPECT_EQ(result.outcome, ChildOutcome::skipped);
  EXPECT_NE(result.message.find("machine busy 42"), std::string::npos) << result.message;
}

TEST(Watchdog, AFailureBeatsASkip) {
  const auto result = run_in_child(
      [] {
        ADD_FAILURE() << "real failure";
        GTEST_SKIP() << "skip";
      },
      5);
  EXPECT_EQ(result.outcome, ChildOutcome::failed);
}
