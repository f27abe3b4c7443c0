// Graded test, lab 11 task 3: the forced schedule in every round, not only the first.
//
// The first forced-schedule tests stop each philosopher with one fork in hand only at its first meal; a
// strategy applied only to the first meal (the waiter asked once, before the loop, and thanked after
// every meal, so the semaphore's count grows), or one whose order drifts from meal to meal, passes them
// unless luck makes it deadlock later. Here the first kForcedRounds meals of every philosopher are
// forced the same way, and the test watches for the state in which the deadlock is certain: every
// philosopher holding one fork (its first) at the same moment. No correct strategy ever gets there;
// when one does, the test names the round, and the watchdog ends the deadlock that follows.
#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/dining.hpp"
#include "schedule.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::races::DiningStrategy;
using hpc::races::testing::Rendezvous;

constexpr int kSeats = 5;
constexpr int kForcedRounds = 4;
constexpr int kMeals = 30;

class ForcedRounds {
 public:
  explicit ForcedRounds(const char* strategy) : strategy_(strategy) {
    for (int round = 0; round < kForcedRounds; ++round)
      rounds_.push_back(std::make_unique<Rendezvous>(kSeats, 150ms));
  }

  // after_first_fork: this philosopher holds its first fork.
  void holding_first_fork(int seat) {
    const int round = started_[seat]++;  // only this seat's thread touches its counter
    {
      std::lock_guard guard(mutex_);
      holding_[seat] = true;
      int holding = 0;
      for (const bool h : holding_) holding += h ? 1 : 0;
      if (holding == kSeats && !reported_) {
        reported_ = true;
        const std::string mistake = std::string(strategy_) + ", meal " + std::to_string(round + 1) +
                                    " of seat " + std::to_string(seat) + ": all " + std::to_string(kSeats) +
                                    " philosophers held one fork at once, the circular wait" +
                                    " (is the strategy applied to every meal, not only the first?)";
        hpc::common::set_test_phase(mistake);
        std::cerr << mistake << std::endl;
      }
    }
    if (round < kForcedRounds) rounds_[static_cast<std::size_t>(round)]->arrive();
  }

  // eat: both forks held.
  void eat(int seat) {
    std::lock_guard guard(mutex_);
    holding_[seat] = false;
    ++meals_[seat];
  }

  int meals(int seat) {
    std::lock_guard guard(mutex_);
    return meals_[seat];
  }

 private:
  const char* strategy_;
  std::vector<std::unique_ptr<Rendezvous>> rounds_;
  int started_[kSeats] = {};
  std::mutex mutex_;
  bool holding_[kSeats] = {};
  int meals_[kSeats] = {};
  bool reported_ = false;
};

GRADED_TEST(Dining, EveryRoundForced, 2) {
  hpc::common::within_time_limit(20, [] {
    const std::pair<DiningStrategy, const char*> strategies[] = {
        {DiningStrategy::resource_ranking, "resource_ranking"},
        {DiningStrategy::waiter, "waiter"},
        {DiningStrategy::asymmetric, "asymmetric"}};
    for (const auto& [strategy, name] : strategies) {
      ForcedRounds table(name);
      hpc::common::set_test_phase(std::string(name) + ": forced rounds");
      hpc::races::dine(
          strategy, kSeats, kMeals, [&](int seat) { table.eat(seat); },
          [&](int seat) { table.holding_first_fork(seat); });
      for (int seat = 0; seat < kSeats; ++seat)
        EXPECT_EQ(table.meals(seat), kMeals) << name << ", seat " << seat;
    }
  });
}
RACE_POINTS(Dining, EveryRoundForced, 1);  // race-freedom, graded in the ThreadSanitizer build

}  // namespace
