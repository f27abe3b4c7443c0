// Reference solution, lab 11 task 1: three deadlock-free ways to hold two accounts' locks.
#include "hpc/races/transfers.hpp"

#include <algorithm>
#include <random>
#include <thread>

namespace hpc::races {
namespace {

void move_money(Account& from, Account& to, long long amount) {
  from.balance -= amount;
  to.balance += amount;
}

}  // namespace

void transfer_ordered(Account& from, Account& to, long long amount, const AfterFirstLock& after_first_lock) {
  if (&from == &to) return;  // nothing moves; locking one mutex twice would deadlock
  // Every thread takes the lower rank first, so no cycle of "holds one, waits for the other" can form.
  Account& first = from.id < to.id ? from : to;
  Account& second = from.id < to.id ? to : from;
  std::lock_guard first_lock(first.mutex);
  if (after_first_lock) after_first_lock();
  std::lock_guard second_lock(second.mutex);
  move_money(from, to, amount);
}

void transfer_scoped(Account& from, Account& to, long long amount) {
  if (&from == &to) return;
  std::scoped_lock both(from.mutex, to.mutex);
  move_money(from, to, amount);
}

bool transfer_timed(Account& from, Account& to, long long amount, std::chrono::milliseconds budget,
                    const AfterFirstLock& after_first_lock) {
  using Clock = std::chrono::steady_clock;
  if (&from == &to) return true;
  const auto deadline = Clock::now() + budget;
  // Seeded per call from the thread's id and the clock, so two threads that collide back off by
  // different amounts (the same back-off on both sides would just repeat the collision: livelock).
  std::minstd_rand random(
      static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id()) ^
                            static_cast<std::size_t>(Clock::now().time_since_epoch().count())));
  auto backoff_limit = std::chrono::microseconds(50);
  while (Clock::now() < deadline) {
    std::unique_lock first(from.mutex, std::try_to_lock);
    if (first.owns_lock()) {
      if (after_first_lock) after_first_lock();
      // Ask for the second lock only briefly: holding one lock while waiting is what deadlocks.
      const auto give_up = std::min(deadline, Clock::now() + std::chrono::milliseconds(1));
      do {
        std::unique_lock second(to.mutex, std::try_to_lock);
        if (second.owns_lock()) {
          move_money(from, to, amount);
          return true;
        }
        std::this_thread::yield();
      } while (Clock::now() < give_up);
      first.unlock();  // give up what we hold (breaks hold-and-wait), then wait a random while
    }
    std::uniform_int_distribution<long> pause(0, backoff_limit.count());
    std::this_thread::sleep_for(std::chrono::microseconds(pause(random)));
    backoff_limit = std::min(backoff_limit * 2, std::chrono::microseconds(5000));
  }
  return false;
}

}  // namespace hpc::races
