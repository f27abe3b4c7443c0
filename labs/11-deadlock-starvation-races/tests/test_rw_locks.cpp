// Graded tests, lab 11 task 4: readers-writers locks whose policy is tested by forcing the arrival order.
#include <atomic>
#include <chrono>
#include <latch>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/rw_locks.hpp"
#include "schedule.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::common::within_time_limit;
using hpc::races::FairSharedLock;
using hpc::races::WriterPreferringLock;
using hpc::races::testing::eventually;

// Who got the lock, in order.
class Log {
 public:
  void add(const std::string& who) {
    std::lock_guard guard(mutex_);
    entries_.push_back(who);
  }
  std::vector<std::string> entries() const {
    std::lock_guard guard(mutex_);
    return entries_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> entries_;
};

// A reader holds the lock until told to go; meanwhile the main thread must be able to read too, and
// must not be able to write.
template <class Lock>
void readers_share() {
  within_time_limit(10, [] {
    Lock lock;
    std::latch inside(1);
    std::latch leave(1);
    std::jthread reader([&] {
      std::shared_lock guard(lock);
      inside.count_down();
      leave.wait();
    });
    inside.wait();
    EXPECT_TRUE(lock.try_lock_shared()) << "a second reader was refused while only a reader held the lock";
    lock.unlock_shared();
    {
      std::shared_lock second(lock, std::try_to_lock);
      EXPECT_TRUE(second.owns_lock());
    }
    EXPECT_FALSE(lock.try_lock()) << "a writer got in while a reader held the lock";
    leave.count_down();
  });
}

GRADED_TEST(WriterPreferringLock, ReadersShare, 1) { readers_share<WriterPreferringLock>(); }

GRADED_TEST(FairSharedLock, ReadersShare, 1) { readers_share<FairSharedLock>(); }

// Reader R1 holds the lock, writer W queues, then reader R2 arrives. R2 must not overtake W (a
// reader-preferring lock such as libstdc++'s std::shared_mutex lets it in at once).
template <class Lock>
void waiting_writer_blocks_new_readers() {
  Lock lock;
  Log log;
  std::latch r1_inside(1);
  std::latch r1_leave(1);
  std::jthread r1([&] {
    std::shared_lock guard(lock);
    r1_inside.count_down();
    r1_leave.wait();
  });
  r1_inside.wait();
  std::jthread writer([&] {
    std::unique_lock guard(lock);
    log.add("W");
    std::this_thread::sleep_for(10ms);
  });
  ASSERT_TRUE(eventually([&] { return lock.waiting_writers() == 1; })) << "the writer never waited";
  EXPECT_FALSE(lock.try_lock_shared()) << "a new reader got in although a writer was waiting";
  std::jthread r2([&] {
    std::shared_lock guard(lock);
    log.add("R2");
  });
  ASSERT_TRUE(eventually([&] { return lock.waiting_readers() == 1; })) << "the second reader never waited";
  r1_leave.count_down();
  r1.join();
  writer.join();
  r2.join();
  EXPECT_EQ(log.entries(), (std::vector<std::string>{"W", "R2"}));
}

GRADED_TEST(WriterPreferringLock, WaitingWriterBlocksNewReaders, 2) {
  within_time_limit(10, [] { waiting_writer_blocks_new_readers<WriterPreferringLock>(); });
}

GRADED_TEST(FairSharedLock, ServesInArrivalOrder, 3) {
  within_time_limit(10, [] {
    // The same scene as for the writer-preferring lock: a waiting writer goes before a later reader.
    waiting_writer_blocks_new_readers<FairSharedLock>();

    // W1 holds the lock; then R, W2 and R3 arrive in that order. FIFO serves R, W2, R3. (A
    // writer-preferring lock lets W2 overtake R; a reader-preferring one lets R3 overtake W2.)
    FairSharedLock lock;
    Log log;
    lock.lock();
    const auto hold_then_leave = [&](const char* who, bool writer) {
      if (writer) {
        std::unique_lock guard(lock);
        log.add(who);
        std::this_thread::sleep_for(20ms);
      } else {
        std::shared_lock guard(lock);
        log.add(who);
        std::this_thread::sleep_for(20ms);
      }
    };
    std::jthread r([&] { hold_then_leave("R", false); });
    ASSERT_TRUE(eventually([&] { return lock.waiting_readers() == 1; }));
    std::jthread w2([&] { hold_then_leave("W2", true); });
    ASSERT_TRUE(eventually([&] { return lock.waiting_writers() == 1; }));
    std::jthread r3([&] { hold_then_leave("R3", false); });
    ASSERT_TRUE(eventually([&] { return lock.waiting_readers() == 2; }));
    EXPECT_FALSE(lock.try_lock_shared()) << "try_lock_shared jumped the queue";
    lock.unlock();
    r.join();
    w2.join();
    r3.join();
    EXPECT_EQ(log.entries(), (std::vector<std::string>{"R", "W2", "R3"}));
  });
}

// Many overlapping readers (a flood) must not keep a writer out, and many writers must not keep a
// reader out. Each side's wait is measured; a starving lock would wait for ever (the flood stops after
// 3 s so the test ends either way).
template <class Lock>
void wait_under_flood(bool flood_of_readers, std::chrono::milliseconds& waited) {
  Lock lock;
  std::atomic<bool> stop{false};
  std::vector<std::jthread> flood;
  for (int i = 0; i < 4; ++i) {
    flood.emplace_back([&] {
      while (!stop.load()) {
        if (flood_of_readers) {
          std::shared_lock guard(lock);
          std::this_thread::sleep_for(1ms);
        } else {
          std::unique_lock guard(lock);
          std::this_thread::sleep_for(1ms);
        }
      }
    });
  }
  std::this_thread::sleep_for(50ms);  // the flood is in full swing
  std::atomic<bool> done{false};
  std::jthread victim([&] {
    const auto start = std::chrono::steady_clock::now();
    if (flood_of_readers) {
      std::unique_lock guard(lock);
    } else {
      std::shared_lock guard(lock);
    }
    waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    done.store(true);
  });
  const bool got_in = eventually([&] { return done.load(); }, 3000ms);
  stop.store(true);
  flood.clear();
  victim.join();
  EXPECT_TRUE(got_in) << (flood_of_readers ? "the writer" : "the reader") << " starved for 3 s";
}

GRADED_TEST(FairSharedLock, NoStarvationUnderFloods, 2) {
  within_time_limit(20, [] {
    std::chrono::milliseconds writer_wait{};
    wait_under_flood<FairSharedLock>(true, writer_wait);
    EXPECT_LT(writer_wait, 500ms) << "writer waited " << writer_wait.count() << " ms under 4 readers";
    std::chrono::milliseconds reader_wait{};
    wait_under_flood<FairSharedLock>(false, reader_wait);
    EXPECT_LT(reader_wait, 500ms) << "reader waited " << reader_wait.count() << " ms under 4 writers";
  });
}

// Readers and writers hammer one lock; the checks inside see any reader beside a writer or two writers
// together. The plain int is written only under the exclusive lock, so TSan must stay silent too.
template <class Lock>
void exclusion_under_stress() {
  Lock lock;
  std::atomic<int> readers_inside{0};
  std::atomic<int> writers_inside{0};
  std::atomic<int> violations{0};
  long long data = 0;
  std::latch start(5);
  {
    std::vector<std::jthread> threads;
    for (int w = 0; w < 2; ++w) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        for (int i = 0; i < 2000; ++i) {
          std::unique_lock guard(lock);
          if (writers_inside.fetch_add(1) != 0 || readers_inside.load() != 0) violations.fetch_add(1);
          ++data;
          writers_inside.fetch_sub(1);
        }
      });
    }
    for (int r = 0; r < 3; ++r) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        long long seen = 0;
        for (int i = 0; i < 2000; ++i) {
          std::shared_lock guard(lock);
          readers_inside.fetch_add(1);
          if (writers_inside.load() != 0) violations.fetch_add(1);
          if (data < seen) violations.fetch_add(1);  // the count only grows
          seen = data;
          readers_inside.fetch_sub(1);
        }
      });
    }
  }
  EXPECT_EQ(violations.load(), 0);
  EXPECT_EQ(data, 4000);
}

GRADED_TEST(RWLocks, ExclusionUnderStress, 1) {
  within_time_limit(20, [] {
    exclusion_under_stress<WriterPreferringLock>();
    exclusion_under_stress<FairSharedLock>();
  });
}
RACE_POINTS(RWLocks, ExclusionUnderStress, 1);  // race-freedom, graded in the ThreadSanitizer build

template <class Lock>
void try_lock_rules() {
  Lock lock;
  EXPECT_TRUE(lock.try_lock());
  EXPECT_FALSE(lock.try_lock());
  EXPECT_FALSE(lock.try_lock_shared());
  lock.unlock();
  EXPECT_TRUE(lock.try_lock_shared());
  EXPECT_TRUE(lock.try_lock_shared());
  EXPECT_FALSE(lock.try_lock());
  lock.unlock_shared();
  EXPECT_FALSE(lock.try_lock()) << "one reader is still inside";
  lock.unlock_shared();
  {
    std::unique_lock writer(lock, std::try_to_lock);
    EXPECT_TRUE(writer.owns_lock());
  }
  EXPECT_EQ(lock.waiting_readers(), 0);
  EXPECT_EQ(lock.waiting_writers(), 0);
}

GRADED_TEST(RWLocks, TryLockRules, 1) {
  within_time_limit(5, [] {
    try_lock_rules<WriterPreferringLock>();
    try_lock_rules<FairSharedLock>();
  });
}

}  // namespace
