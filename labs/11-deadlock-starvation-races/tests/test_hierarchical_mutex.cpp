// Graded tests, lab 11 task 2: a mutex that refuses to be locked out of order.
#include <latch>
#include <mutex>
#include <string>
#include <thread>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/hierarchical_mutex.hpp"

namespace {

using hpc::common::within_time_limit;
using hpc::races::HierarchicalMutex;
using hpc::races::HierarchyViolation;

GRADED_TEST(HierarchicalMutex, HighToLowIsAllowed, 1) {
  within_time_limit(5, [] {
    HierarchicalMutex high(10);
    HierarchicalMutex low(5);
    EXPECT_EQ(HierarchicalMutex::this_thread_level(), HierarchicalMutex::no_level);
    {
      std::lock_guard outer(high);
      EXPECT_EQ(HierarchicalMutex::this_thread_level(), 10u);
      std::lock_guard inner(low);
      EXPECT_EQ(HierarchicalMutex::this_thread_level(), 5u);
    }
    EXPECT_EQ(HierarchicalMutex::this_thread_level(), HierarchicalMutex::no_level)
        << "unlocking must restore the level the thread had before";
    std::lock_guard again(high);  // and the thread may start from the top again
    EXPECT_EQ(high.level(), 10u);
  });
}

GRADED_TEST(HierarchicalMutex, LowToHighThrows, 2) {
  within_time_limit(5, [] {
    HierarchicalMutex high(10);
    HierarchicalMutex low(5);
    HierarchicalMutex same(5);
    {
      std::lock_guard inner(low);
      try {
        std::lock_guard wrong(high);
        ADD_FAILURE() << "locking level 10 while holding level 5 did not throw";
      } catch (const HierarchyViolation& violation) {
        const std::string what = violation.what();
        EXPECT_NE(what.find("10"), std::string::npos) << "the message should name both levels: " << what;
        EXPECT_NE(what.find('5'), std::string::npos) << "the message should name both levels: " << what;
      }
      EXPECT_THROW(std::lock_guard equal(same), HierarchyViolation) << "equal levels must throw too";
      EXPECT_THROW((void)high.try_lock(), std::logic_error) << "try_lock checks the level as well";
      EXPECT_EQ(HierarchicalMutex::this_thread_level(), 5u) << "a refused lock must not change the level";
    }
    // The refused mutexes were never locked: another thread can take them at once.
    std::thread([&] {
      EXPECT_TRUE(high.try_lock());
      high.unlock();
      EXPECT_TRUE(same.try_lock());
      same.unlock();
    }).join();
  });
}

GRADED_TEST(HierarchicalMutex, LevelsArePerThread, 1) {
  within_time_limit(5, [] {
    HierarchicalMutex high(10);
    HierarchicalMutex low(5);
    std::lock_guard mine(low);
    // Another thread holds nothing, so it may lock level 10 although this thread holds level 5.
    std::thread([&] {
      EXPECT_EQ(HierarchicalMutex::this_thread_level(), HierarchicalMutex::no_level);
      EXPECT_NO_THROW({ std::lock_guard theirs(high); });
    }).join();
    EXPECT_EQ(HierarchicalMutex::this_thread_level(), 5u);
  });
}

GRADED_TEST(HierarchicalMutex, ExcludesOtherThreads, 1) {
  within_time_limit(10, [] {
    HierarchicalMutex mutex(3);
    long long counter = 0;  // guarded by mutex
    {
      std::latch start(4);
      std::jthread workers[4];
      for (auto& worker : workers) {
        worker = std::jthread([&] {
          start.arrive_and_wait();
          for (int i = 0; i < 20000; ++i) {
            std::lock_guard guard(mutex);
            ++counter;
          }
        });
      }
    }
    EXPECT_EQ(counter, 80000);
    std::latch held(1);
    std::latch release(1);
    std::jthread holder([&] {
      std::lock_guard guard(mutex);
      held.count_down();
      release.wait();
    });
    held.wait();
    EXPECT_FALSE(mutex.try_lock()) << "try_lock succeeded while another thread held the mutex";
    release.count_down();
  });
}
RACE_POINTS(HierarchicalMutex, ExcludesOtherThreads, 1);  // race-freedom, graded in the ThreadSanitizer build

}  // namespace
