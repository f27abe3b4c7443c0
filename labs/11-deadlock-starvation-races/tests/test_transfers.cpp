// Graded tests, lab 11 task 1: transfers that cannot deadlock and never lose money.
#include <chrono>
#include <latch>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/transfers.hpp"
#include "schedule.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::common::within_time_limit;
using hpc::races::Account;
using hpc::races::testing::Rendezvous;

// Two transfers in opposite directions, each made to wait with one lock held until the other has taken
// its first lock too. Locking in argument order deadlocks here every time.
template <class Transfer>
void opposite_transfers_under_forced_schedule(Transfer transfer) {
  Account a(1, 1000);
  Account b(2, 1000);
  Rendezvous both_hold_one_lock(2, 500ms);
  const auto hook = [&] { both_hold_one_lock.arrive(); };
  {
    std::jthread ab([&] { transfer(a, b, 100, hook); });
    std::jthread ba([&] { transfer(b, a, 30, hook); });
  }
  EXPECT_EQ(a.balance, 930);
  EXPECT_EQ(b.balance, 1070);
  EXPECT_GE(both_hold_one_lock.arrivals(), 2) << "after_first_lock was not called by both transfers";
}

// `threads` threads make random transfers (some from an account to itself) among `accounts` accounts;
// the total must not change by a cent.
template <class Transfer>
void stress_transfers(Transfer transfer, int threads, int transfers_each) {
  constexpr int kAccounts = 6;
  constexpr long long kOpening = 1000;
  std::vector<std::unique_ptr<Account>> accounts;
  for (int i = 0; i < kAccounts; ++i) accounts.push_back(std::make_unique<Account>(i, kOpening));
  std::latch start(threads);
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        std::mt19937 random(static_cast<unsigned>(t + 1));
        std::uniform_int_distribution<int> pick(0, kAccounts - 1);
        std::uniform_int_distribution<int> amount(1, 50);
        start.arrive_and_wait();
        for (int i = 0; i < transfers_each; ++i) {
          transfer(*accounts[static_cast<std::size_t>(pick(random))],
                   *accounts[static_cast<std::size_t>(pick(random))], amount(random));
        }
      });
    }
  }
  long long total = 0;
  for (const auto& account : accounts) total += account->balance;
  EXPECT_EQ(total, kAccounts * kOpening) << "money was created or destroyed";
}

GRADED_TEST(Transfers, OrderedSurvivesOppositeOrder, 2) {
  within_time_limit(5, [] {
    opposite_transfers_under_forced_schedule(
        [](Account& from, Account& to, long long amount, const auto& hook) {
          hpc::races::transfer_ordered(from, to, amount, hook);
        });
  });
}

GRADED_TEST(Transfers, OrderedConservesMoney, 2) {
  within_time_limit(20, [] {
    stress_transfers(
        [](Account& from, Account& to, long long amount) { hpc::races::transfer_ordered(from, to, amount); },
        4, 20000);
  });
}
RACE_POINTS(Transfers, OrderedConservesMoney, 1);  // race-freedom, graded in the ThreadSanitizer build

// The two directions run one after the other and never overlap, so even argument-order locking finishes
// here. Under ThreadSanitizer, though, argument order shows up as a lock-order inversion (the proof
// ch11.variant.inverted_lock_order); the ranked order does not.
GRADED_TEST(Transfers, OppositeDirectionsInTurn, 1) {
  within_time_limit(10, [] {
    Account a(1, 500);
    Account b(2, 500);
    std::thread([&] {
      for (int i = 0; i < 100; ++i) hpc::races::transfer_ordered(a, b, 2);
    }).join();
    std::thread([&] {
      for (int i = 0; i < 100; ++i) hpc::races::transfer_ordered(b, a, 1);
    }).join();
    EXPECT_EQ(a.balance, 400);
    EXPECT_EQ(b.balance, 600);
  });
}

GRADED_TEST(Transfers, ScopedConservesMoney, 2) {
  within_time_limit(20, [] {
    stress_transfers(
        [](Account& from, Account& to, long long amount) { hpc::races::transfer_scoped(from, to, amount); },
        4, 20000);
  });
}
RACE_POINTS(Transfers, ScopedConservesMoney, 1);  // race-freedom, graded in the ThreadSanitizer build

GRADED_TEST(Transfers, TimedSurvivesOppositeOrder, 2) {
  within_time_limit(20, [] {
    opposite_transfers_under_forced_schedule(
        [](Account& from, Account& to, long long amount, const auto& hook) {
          EXPECT_TRUE(hpc::races::transfer_timed(from, to, amount, 5000ms, hook))
              << "the transfer gave up although the other one would have let go";
        });
    stress_transfers(
        [](Account& from, Account& to, long long amount) {
          EXPECT_TRUE(hpc::races::transfer_timed(from, to, amount, 5000ms));
        },
        4, 2000);
  });
}
RACE_POINTS(Transfers, TimedSurvivesOppositeOrder, 1);  // race-freedom, graded in the ThreadSanitizer build

GRADED_TEST(Transfers, TimedGivesUpWhenBudgetExpires, 1) {
  within_time_limit(10, [] {
    Account a(1, 100);
    Account b(2, 100);
    std::latch held(1);
    std::latch release(1);
    std::jthread holder([&] {
      std::lock_guard guard(b.mutex);  // b stays locked for the whole attempt
      held.count_down();
      release.wait();
    });
    held.wait();
    const auto start = std::chrono::steady_clock::now();
    bool moved = false;
    try {
      moved = hpc::races::transfer_timed(a, b, 10, 50ms);
    } catch (...) {
      release.count_down();  // let the holder go, or its join would hang the test
      throw;
    }
    const auto waited = std::chrono::steady_clock::now() - start;
    release.count_down();
    EXPECT_FALSE(moved) << "b was locked the whole time; the transfer cannot have happened";
    EXPECT_GE(waited, 45ms) << "gave up before the budget was spent";
    EXPECT_LT(waited, 1000ms) << "kept trying long after the 50 ms budget";
    holder.join();
    EXPECT_EQ(a.balance, 100);
    EXPECT_EQ(b.balance, 100);
    EXPECT_TRUE(a.mutex.try_lock()) << "a is still locked after transfer_timed gave up";
    a.mutex.unlock();
  });
}

GRADED_TEST(Transfers, SameAccountIsNoOp, 1) {
  within_time_limit(5, [] {
    Account a(7, 250);
    hpc::races::transfer_ordered(a, a, 100);
    hpc::races::transfer_scoped(a, a, 100);
    EXPECT_TRUE(hpc::races::transfer_timed(a, a, 100, 100ms));
    EXPECT_EQ(a.balance, 250);
    EXPECT_TRUE(a.mutex.try_lock()) << "a transfer left the account locked";
    a.mutex.unlock();
  });
}

}  // namespace
