// Two readers-writers locks with a stated policy (std::shared_mutex promises none).
// Lab task 4 (labs/11-deadlock-starvation-races/src/rw_locks.cpp).
//
// Both meet the standard SharedMutex requirements (lock, unlock, try_lock, lock_shared, unlock_shared,
// try_lock_shared), so std::unique_lock, std::shared_lock and std::lock_guard work with them. Many readers
// may hold the lock together; a writer holds it alone. Both are built from one std::mutex and condition
// variables; neither may rely on the order in which std::mutex or a condition variable wakes threads.
//
// The waiting_*() observers count threads blocked inside lock() / lock_shared() right now; the tests
// use them to know that a thread has really started waiting before the next one arrives.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace hpc::races {

// Writer preference: once a writer waits, no new reader gets in (lock_shared blocks, try_lock_shared
// fails) until no writer waits or writes. Readers can starve under a stream of writers.
class WriterPreferringLock {
 public:
  void lock();
  void unlock();
  bool try_lock();
  void lock_shared();
  void unlock_shared();
  bool try_lock_shared();

  int waiting_readers() const;
  int waiting_writers() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable readers_cv_;
  std::condition_variable writers_cv_;
  int active_readers_ = 0;
  bool writer_active_ = false;
  int waiting_readers_ = 0;
  int waiting_writers_ = 0;
};

// FIFO fairness: threads are served in the order they called lock() / lock_shared(); consecutive readers
// share the lock. Nobody overtakes an earlier arrival, so neither side can starve. The try_* functions
// succeed only when nobody is waiting and the lock is free for them.
class FairSharedLock {
 public:
  void lock();
  void unlock();
  bool try_lock();
  void lock_shared();
  void unlock_shared();
  bool try_lock_shared();

  int waiting_readers() const;
  int waiting_writers() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable turn_cv_;
  std::uint64_t next_ticket_ = 0;  // the ticket the next arrival takes
  std::uint64_t now_serving_ = 0;  // the ticket whose holder may enter next
  int active_readers_ = 0;
  bool writer_active_ = false;
  int waiting_readers_ = 0;
  int waiting_writers_ = 0;
};

}  // namespace hpc::races
