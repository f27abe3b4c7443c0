// The speed harness: interleaved pairs, median ratio, a readable description, and a bar that fails.
#include "hpc/common/perf.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

namespace {
void sleep_ms(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
}  // namespace

TEST(CompareSpeed, MeasuresARatioAndInterleaves) {
  std::vector<char> order;
  const auto cmp = hpc::common::compare_speed(
      "slow", [&] { order.push_back('A'); sleep_ms(8); }, "fast", [&] { order.push_back('B'); sleep_ms(2); },
      {.pairs = 5, .warmup = 1});
  ASSERT_EQ(order.size(), 12u);   // 1 warm-up pair + 5 timed pairs
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i % 2 == 0 ? 'A' : 'B');
  EXPECT_EQ(cmp.baseline_seconds.size(), 5u);
  EXPECT_GT(cmp.ratio, 2.0);   // 8 ms against 2 ms; sleeps overshoot, so only a loose lower bound
  EXPECT_LT(cmp.ratio, 6.0);
  EXPECT_NE(cmp.describe().find("median ratio"), std::string::npos);
}

TEST(CompareSpeed, RejectsTooFewPairs) {
  EXPECT_THROW(hpc::common::compare_speed("a", [] {}, "b", [] {}, {.pairs = 3, .warmup = 0}),
               std::invalid_argument);
}

TEST(CompareSpeed, BarFailsWhenTheCandidateIsSlower) {
  EXPECT_NONFATAL_FAILURE(
      {
        const auto cmp = hpc::common::compare_speed("fast", [] { sleep_ms(1); }, "slow", [] { sleep_ms(4); });
        EXPECT_SPEEDUP_AT_LEAST(cmp, 1.5);
      },
      "below the bar");
}
