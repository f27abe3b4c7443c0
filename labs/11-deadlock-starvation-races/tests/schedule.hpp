// Test helpers that force a schedule without hoping for one: a rendezvous with a time limit, and polling
// for a condition that another thread makes true.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hpc::races::testing {

// The first `expected` threads to call arrive() wait until all of them have arrived, or until `patience`
// has passed since they themselves arrived. Later calls return at once. With a deadlock-prone strategy
// every thread gets here holding one lock and then the deadlock is certain; with a correct strategy some
// thread is blocked before reaching it, and the patience lets the others go on.
class Rendezvous {
 public:
  Rendezvous(int expected, std::chrono::milliseconds patience) : expected_(expected), patience_(patience) {}

  void arrive() {
    std::unique_lock guard(mutex_);
    const int me = ++arrived_;
    if (me > expected_) return;
    if (me == expected_) {
      all_here_.notify_all();  // everybody leaves together
      return;
    }
    all_here_.wait_for(guard, patience_, [&] { return arrived_ >= expected_; });
  }

  int arrivals() const {
    std::lock_guard guard(mutex_);
    return arrived_;
  }

 private:
  const int expected_;
  const std::chrono::milliseconds patience_;
  mutable std::mutex mutex_;
  std::condition_variable all_here_;
  int arrived_ = 0;
};

// Polls `condition` every millisecond; false if it did not become true within `limit`.
template <class Condition>
bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::milliseconds(5000)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace hpc::races::testing
