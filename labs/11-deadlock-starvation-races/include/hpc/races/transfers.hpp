// Moving money between accounts without deadlock: three ways to take two locks.
// Lab task 1 (labs/11-deadlock-starvation-races/src/transfers.cpp).
//
// Every transfer locks both accounts, moves `amount` from `from` to `to` (balances may go negative:
// the bank allows overdrafts) and unlocks both. A transfer from an account to itself changes nothing and
// must not deadlock: locking the same std::mutex twice is undefined behaviour, scoped_lock included.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

namespace hpc::races {

struct Account {
  explicit Account(int account_id, long long opening_balance = 0)
      : id(account_id), balance(opening_balance) {}
  Account(const Account&) = delete;
  Account& operator=(const Account&) = delete;

  const int id;       // unique per account; the rank used by transfer_ordered
  long long balance;  // read or written only while holding `mutex`
  std::mutex mutex;
};

// Called (when set) by transfer_ordered and transfer_timed while the transfer holds exactly one of its
// two locks, the first one, before it asks for the second. The tests use it to force the schedule in
// which two opposite transfers each hold one lock; a transfer that does not call it is not graded
// differently, but then the forced-schedule tests prove nothing about it.
using AfterFirstLock = std::function<void()>;

// Locks the account with the smaller id first, whatever the argument order (resource ranking: it breaks
// the circular wait). Calls after_first_lock between the two locks.
void transfer_ordered(Account& from, Account& to, long long amount,
                      const AfterFirstLock& after_first_lock = {});

// Locks both with one std::scoped_lock (the library's deadlock-avoidance algorithm).
void transfer_scoped(Account& from, Account& to, long long amount);

// Never blocks on a lock: takes `from` with try_lock, calls after_first_lock, then tries `to` with
// try_lock for a short while; if that fails it releases `from`, waits a random back-off and starts again
// (giving up what it holds breaks hold-and-wait). Returns true once the money has moved; returns false,
// with both balances unchanged and no lock held, when `budget` has run out. (try_lock, not
// std::timed_mutex::try_lock_for: ThreadSanitizer in g++ 12 does not see the locks try_lock_for takes
// and reports false races.)
bool transfer_timed(Account& from, Account& to, long long amount, std::chrono::milliseconds budget,
                    const AfterFirstLock& after_first_lock = {});

}  // namespace hpc::races
