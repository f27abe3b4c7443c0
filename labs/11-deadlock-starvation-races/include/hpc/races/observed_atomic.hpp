// A std::atomic whose loads the tests can watch. It behaves as std::atomic<T> for load, store, exchange
// and compare_exchange; in addition a test may install a hook that runs after every load(). The graded
// tests use it to pause every thread right after it has looked at the value, before it acts on what it
// saw: the schedule that a check-then-act ("if nobody has won, I win") loses every time, instead of
// once in a thousand runs. A compare_exchange checks and sets in one step, so it has no "after the
// check" to pause in and calls no hook.
#pragma once

#include <atomic>
#include <functional>
#include <utility>

namespace hpc::races {

template <class T>
class ObservedAtomic {
 public:
  constexpr explicit ObservedAtomic(T initial) noexcept : value_(initial) {}
  ObservedAtomic(const ObservedAtomic&) = delete;
  ObservedAtomic& operator=(const ObservedAtomic&) = delete;

  T load(std::memory_order order = std::memory_order_seq_cst) const {
    const T seen = value_.load(order);
    if (after_load_) after_load_();
    return seen;
  }
  void store(T desired, std::memory_order order = std::memory_order_seq_cst) { value_.store(desired, order); }
  T exchange(T desired, std::memory_order order = std::memory_order_seq_cst) {
    return value_.exchange(desired, order);
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst) {
    return value_.compare_exchange_strong(expected, desired, order);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst) {
    return value_.compare_exchange_weak(expected, desired, order);
  }

  // For the tests: `hook` runs after every load() from now on (an empty function removes it). Install it
  // before the threads start, and remove it after they have been joined.
  void after_each_load(std::function<void()> hook) { after_load_ = std::move(hook); }

 private:
  std::atomic<T> value_;
  std::function<void()> after_load_;
};

}  // namespace hpc::races
