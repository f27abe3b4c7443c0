// Graded test, lab 11 task 7: the check and the set are one step, shown by a forced schedule.
//
// ExactlyOneWinnerAmongThreads races sixteen threads and hopes that two of them fall into the gap of a
// check-then-act ("load: nobody yet? then store me"); on two cores they mostly do not, and the wrong
// code passes. Here every thread is stopped right after its load until all of them have loaded (the
// winner's ObservedAtomic calls the hook), so each one has seen "nobody" before anyone acts: a
// check-then-act then crowns all of them, every run. A compare_exchange has no gap to stop in.
//
// Mistakes students make, and the message that names each one:
//   - load, compare with nobody, then store            -> "N claims won ... check-then-act"
//   - exchange(candidate) and "won if it was nobody"   -> FirstClaimWins (the winner is overwritten)
#include <atomic>
#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/election.hpp"
#include "schedule.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::races::Election;

GRADED_TEST(Election, CheckAndSetAreOneStep, 2) {
  hpc::common::within_time_limit(20, [] {
    constexpr int kThreads = 8;
    for (int round = 0; round < 5; ++round) {
      Election election;
      // Patience is only spent by code that loads: a check-then-act waits here until every thread has
      // looked; a correct compare_exchange never comes here.
      hpc::races::testing::Rendezvous everyone_has_looked(kThreads, 3000ms);
      election.after_each_load([&] { everyone_has_looked.arrive(); });
      std::atomic<int> wins{0};
      std::latch start(kThreads);
      {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) {
          threads.emplace_back([&, t] {
            start.arrive_and_wait();
            if (election.try_claim(t)) wins.fetch_add(1);
          });
        }
      }
      election.after_each_load({});
      if (wins.load() != 1) {
        FAIL() << "check-then-act: " << wins.load()
               << " claims won when every thread was stopped right after "
               << "loading the winner: each saw nobody, then set itself (round " << round << "). The check "
               << "and the set must be one step: compare_exchange_strong.";
      }
    }
  });
}
RACE_POINTS(Election, CheckAndSetAreOneStep, 1);  // race-freedom, graded in the ThreadSanitizer build

}  // namespace
