// Graded tests, lab 11 task 5: counters that many threads increment, counted exactly.
// A wrong count is not how a race is caught here (an unprotected counter can come out right at -O2):
// run these tests under ThreadSanitizer (the tsan preset) to see a missing lock.
#include <cstdint>
#include <latch>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/counters.hpp"

namespace {

using hpc::common::within_time_limit;

constexpr int kThreads = 4;
constexpr int kIncrements = 50000;

// All threads start together (a latch), so the increments really overlap.
template <class Increment>
void hammer(Increment increment) {
  std::latch start(kThreads);
  std::vector<std::jthread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kIncrements; ++i) increment(t);
    });
  }
}

GRADED_TEST(Counters, MutexCounterIsExact, 1) {
  within_time_limit(20, [] {
    hpc::races::MutexCounter counter;
    hammer([&](int) { counter.increment(); });
    EXPECT_EQ(counter.value(), kThreads * kIncrements);
  });
}
RACE_POINTS(Counters, MutexCounterIsExact, 1);  // race-freedom, graded in the ThreadSanitizer build

GRADED_TEST(Counters, AtomicCounterIsExact, 1) {
  within_time_limit(20, [] {
    hpc::races::AtomicCounter counter;
    hammer([&](int) { counter.increment(); });
    EXPECT_EQ(counter.value(), kThreads * kIncrements);
  });
}

GRADED_TEST(Counters, ShardedCounterIsExact, 1) {
  within_time_limit(20, [] {
    hpc::races::ShardedCounter counter(kThreads);
    EXPECT_EQ(counter.shards(), kThreads);
    hammer([&](int thread) { counter.increment(thread); });
    EXPECT_EQ(counter.value(), kThreads * kIncrements);
    for (int s = 0; s < kThreads; ++s) EXPECT_EQ(counter.shard(s).value.load(), kIncrements) << "shard " << s;
    EXPECT_THROW(hpc::races::ShardedCounter(0), std::invalid_argument);
  });
}
RACE_POINTS(Counters, ShardedCounterIsExact, 1);  // race-freedom, graded in the ThreadSanitizer build

GRADED_TEST(Counters, ShardsOnSeparateCacheLines, 1) {
  hpc::races::ShardedCounter counter(8);
  ASSERT_EQ(counter.shards(), 8);
  for (int s = 0; s < 8; ++s) {
    const auto address = reinterpret_cast<std::uintptr_t>(&counter.shard(s));
    EXPECT_EQ(address % hpc::races::cache_line_size, 0u) << "shard " << s << " does not start a cache line";
    if (s > 0) {
      const auto previous = reinterpret_cast<std::uintptr_t>(&counter.shard(s - 1));
      EXPECT_GE(address - previous, hpc::races::cache_line_size)
          << "shards " << s - 1 << " and " << s << " share a cache line";
    }
  }
}

// The book's lost update, made certain: everybody reads before anybody writes.
GRADED_TEST(Counters, LostUpdateIsDeterministic, 1) {
  within_time_limit(10, [] {
    EXPECT_EQ(hpc::races::lost_update(2), 1);
    EXPECT_EQ(hpc::races::lost_update(8), 1);
    EXPECT_EQ(hpc::races::lost_update(20), 1);
  });
}

}  // namespace
