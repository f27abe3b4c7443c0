// Graded tests, lab 11 task 7: compare-and-swap elects exactly one winner.
#include <atomic>
#include <latch>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/election.hpp"

namespace {

using hpc::common::within_time_limit;
using hpc::races::Election;

GRADED_TEST(Election, FirstClaimWins, 1) {
  Election election;
  EXPECT_EQ(election.winner(), Election::nobody);
  EXPECT_TRUE(election.try_claim(3));
  EXPECT_FALSE(election.try_claim(5));
  EXPECT_FALSE(election.try_claim(3)) << "winning twice is still one win: the second call must say false";
  EXPECT_EQ(election.winner(), 3);
  EXPECT_THROW(election.try_claim(-2), std::invalid_argument);
}

// 16 threads released together by a latch claim the same election, 50 times over.
GRADED_TEST(Election, ExactlyOneWinnerAmongThreads, 2) {
  within_time_limit(20, [] {
    constexpr int kThreads = 16;
    constexpr int kRounds = 50;
    for (int round = 0; round < kRounds; ++round) {
      Election election;
      std::atomic<int> wins{0};
      std::atomic<int> claimed_by{Election::nobody};
      std::latch start(kThreads);
      {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) {
          threads.emplace_back([&, t] {
            start.arrive_and_wait();
            if (election.try_claim(t)) {
              wins.fetch_add(1);
              claimed_by.store(t);
            }
          });
        }
      }
      ASSERT_EQ(wins.load(), 1) << "round " << round;
      EXPECT_EQ(election.winner(), claimed_by.load()) << "round " << round;
    }
  });
}

}  // namespace
