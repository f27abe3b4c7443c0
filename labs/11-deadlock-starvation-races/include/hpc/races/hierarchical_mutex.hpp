// A mutex with a level: a thread may only lock levels strictly below every level it already holds, so
// a lock-order mistake throws at the first wrong lock instead of deadlocking one run in a thousand.
// Lab task 2 (labs/11-deadlock-starvation-races/src/hierarchical_mutex.cpp).
//
// It meets the standard Lockable requirements, so std::lock_guard, std::unique_lock and std::scoped_lock
// work with it. Unlock in the reverse order of locking (what nested lock_guards do).
#pragma once

#include <limits>
#include <mutex>
#include <stdexcept>

namespace hpc::races {

// Thrown by lock() and try_lock() on a level violation; what() names both levels.
class HierarchyViolation : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

class HierarchicalMutex {
 public:
  explicit HierarchicalMutex(unsigned level);
  HierarchicalMutex(const HierarchicalMutex&) = delete;
  HierarchicalMutex& operator=(const HierarchicalMutex&) = delete;

  // Throws HierarchyViolation (without locking) when level() >= the lowest level this thread holds.
  void lock();
  // Restores this thread's level to what it was before the matching lock().
  void unlock();
  // The same check as lock(), then never blocks: false when another thread holds the mutex.
  bool try_lock();

  unsigned level() const { return level_; }

  // The lowest level the calling thread holds; no_level when it holds none.
  static constexpr unsigned no_level = std::numeric_limits<unsigned>::max();
  static unsigned this_thread_level();

 private:
  std::mutex mutex_;
  const unsigned level_;
  unsigned previous_level_ = no_level;              // the owner's level before it locked this mutex
  static thread_local unsigned this_thread_level_;  // defined in the .cpp file, starts at no_level
};

}  // namespace hpc::races
