// Graded tests, lab 11 task 6: Synchronized<T>, a value that cannot be reached without its lock.
#include <atomic>
#include <chrono>
#include <latch>
#include <map>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/synchronized.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::common::within_time_limit;
using Numbers = hpc::races::Synchronized<std::vector<int>>;
using Tally = hpc::races::Synchronized<std::map<std::string, int>>;

// What the interface promises at compile time: a handle holds a lock, so it moves but never copies,
// and only Synchronized can make one.
static_assert(!std::is_copy_constructible_v<Numbers::Locked>);
static_assert(std::is_move_constructible_v<Numbers::Locked>);
static_assert(!std::is_default_constructible_v<Numbers::Locked>);
static_assert(!std::is_copy_constructible_v<Numbers>);

GRADED_TEST(Synchronized, WithAndLockHandle, 1) {
  within_time_limit(5, [] {
    Numbers numbers(std::vector<int>{1, 2, 3});
    EXPECT_EQ(numbers.with([](std::vector<int>& v) { return v.size(); }), 3u);
    {
      auto handle = numbers.lock();
      handle->push_back(4);
      (*handle)[0] = 10;
    }
    EXPECT_EQ(numbers.with([](const std::vector<int>& v) { return v; }), (std::vector<int>{10, 2, 3, 4}));
    Tally tally;
    tally.lock()->emplace("a", 1);
    EXPECT_EQ(tally.with([](auto& m) { return m.at("a"); }), 1);
  });
}

GRADED_TEST(Synchronized, ConcurrentUpdatesAreExact, 1) {
  within_time_limit(20, [] {
    Numbers numbers;
    Tally tally;
    {
      std::latch start(4);
      std::vector<std::jthread> threads;
      for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
          start.arrive_and_wait();
          for (int i = 0; i < 10000; ++i) {
            numbers.with([&](std::vector<int>& v) { v.push_back(t); });
            ++(*tally.lock())[i % 2 == 0 ? "even" : "odd"];
          }
        });
      }
    }
    EXPECT_EQ(numbers.with([](auto& v) { return v.size(); }), 40000u);
    EXPECT_EQ(tally.with([](auto& m) { return m["even"] + 0; }), 20000);
    EXPECT_EQ(tally.with([](auto& m) { return m["odd"] + 0; }), 20000);
  });
}
RACE_POINTS(Synchronized, ConcurrentUpdatesAreExact, 1);  // race-freedom, graded in the ThreadSanitizer build

// While the main thread holds a handle, another thread's with() must wait: its push_back lands after
// the main thread's, however long the main thread dawdles.
GRADED_TEST(Synchronized, HandleExcludesOthers, 2) {
  within_time_limit(10, [] {
    Numbers numbers;
    std::latch started(1);
    std::atomic<bool> other_done{false};
    std::jthread other;
    {
      auto handle = numbers.lock();
      other = std::jthread([&] {
        started.count_down();
        numbers.with([](std::vector<int>& v) { v.push_back(2); });
        other_done.store(true);
      });
      started.wait();
      std::this_thread::sleep_for(100ms);
      EXPECT_FALSE(other_done.load()) << "with() ran while another thread held the handle";
      handle->push_back(1);
    }
    other.join();
    EXPECT_EQ(numbers.with([](auto& v) { return v; }), (std::vector<int>{1, 2}));
    // A moved handle keeps the lock; the moved-from one does not release it twice.
    {
      auto first = numbers.lock();
      auto second = std::move(first);
      second->push_back(3);
    }
    EXPECT_EQ(numbers.with([](auto& v) { return v.size(); }), 3u);
  });
}

}  // namespace
