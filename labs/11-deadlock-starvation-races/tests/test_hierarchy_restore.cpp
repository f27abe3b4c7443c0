// Graded tests, lab 11 task 2: unlock() gives the thread back the level it had before the matching
// lock(), at every depth, not "no level" and not the level of some other lock.
//
// Mistakes students make, and the line below that names each one:
//   - unlock() resets the thread to "no level" (right only when one lock was held)
//   - one thread_local "previous level" shared by all mutexes (right only two locks deep)
//   - try_lock() that does not remember the previous level the way lock() does
#include <mutex>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/hierarchical_mutex.hpp"

namespace {

using hpc::races::HierarchicalMutex;
using hpc::races::HierarchyViolation;

constexpr unsigned kNone = HierarchicalMutex::no_level;

std::string describe(unsigned level) { return level == kNone ? "no_level" : std::to_string(level); }

GRADED_TEST(HierarchicalMutex, UnlockRestoresEachPreviousLevel, 2) {
  hpc::common::within_time_limit(5, [] {
    HierarchicalMutex top(30);
    HierarchicalMutex middle(20);
    HierarchicalMutex bottom(10);
    HierarchicalMutex between(25);
    HierarchicalMutex below_middle(15);
    top.lock();
    middle.lock();
    bottom.lock();
    ASSERT_EQ(HierarchicalMutex::this_thread_level(), 10u);
    bottom.unlock();
    if (HierarchicalMutex::this_thread_level() != 20u) {
      FAIL() << "unlock() must restore the level from before the matching lock(): after unlocking 10 the "
             << "thread still holds 20 and 30, but its level is "
             << describe(HierarchicalMutex::this_thread_level());
    }
    EXPECT_THROW(between.lock(), HierarchyViolation) << "level 25 while holding 20 must still throw";
    {
      std::lock_guard fine(below_middle);  // 15 < 20: allowed
      EXPECT_EQ(HierarchicalMutex::this_thread_level(), 15u);
    }
    if (HierarchicalMutex::this_thread_level() != 20u) {
      FAIL() << "unlock() must restore the level from before the matching lock(): after locking and "
             << "unlocking 15 on top of 20 the level is " << describe(HierarchicalMutex::this_thread_level());
    }
    middle.unlock();
    if (HierarchicalMutex::this_thread_level() != 30u) {
      FAIL() << "the previous level is lost three locks deep: after unlocking 20 the thread still holds 30, "
             << "but its level is " << describe(HierarchicalMutex::this_thread_level())
             << " (kept in one variable that the second lock overwrote, instead of per mutex?)";
    }
    EXPECT_NO_THROW({ std::lock_guard fine(between); }) << "level 25 under 30 must be allowed again";
    top.unlock();
    EXPECT_EQ(HierarchicalMutex::this_thread_level(), kNone) << "nothing held: the level must be no_level";

    // The same through try_lock.
    ASSERT_TRUE(top.try_lock());
    ASSERT_TRUE(middle.try_lock());
    ASSERT_TRUE(bottom.try_lock());
    bottom.unlock();
    if (HierarchicalMutex::this_thread_level() != 20u) {
      ADD_FAILURE() << "try_lock() must remember the previous level as lock() does: after unlocking 10 "
                    << "the level is " << describe(HierarchicalMutex::this_thread_level()) << ", not 20";
    }
    middle.unlock();
    if (HierarchicalMutex::this_thread_level() != 30u) {
      ADD_FAILURE() << "try_lock() must remember the previous level as lock() does: after unlocking 20 "
                    << "the level is " << describe(HierarchicalMutex::this_thread_level()) << ", not 30";
    }
    top.unlock();
    EXPECT_EQ(HierarchicalMutex::this_thread_level(), kNone);
  });
}

}  // namespace
