// Three counters that many threads increment at once, and the lost update made deterministic.
// Lab task 5 (labs/11-deadlock-starvation-races/src/counters.cpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <vector>

namespace hpc::races {

// The size that keeps two objects off one cache line. libstdc++ defines
// std::hardware_destructive_interference_size, but g++ warns that its value may differ between
// compilations; 64 bytes is right for x86-64 and most ARM cores.
inline constexpr std::size_t cache_line_size = 64;

class MutexCounter {
 public:
  void increment();
  long long value() const;

 private:
  mutable std::mutex mutex_;
  long long value_ = 0;  // guarded by mutex_
};

class AtomicCounter {
 public:
  void increment();  // fetch_add; relaxed order is enough for a pure count
  long long value() const;

 private:
  std::atomic<long long> value_{0};
};

// One slot per thread, each on its own cache line, so the threads never write to the same line.
class ShardedCounter {
 public:
  struct alignas(cache_line_size) Shard {
    std::atomic<long long> value{0};
  };

  explicit ShardedCounter(int shards);  // throws std::invalid_argument when shards < 1
  void increment(int shard);            // shard in [0, shards())
  long long value() const;              // the sum of all shards
  int shards() const;
  const Shard& shard(int index) const;  // the tests check the slots' addresses

 private:
  std::vector<Shard> shards_;
};

// The lost update, forced: `threads` threads each read a shared std::atomic<int> (0), all meet at a
// std::barrier, then each stores what it read plus one. Returns the final value, which is always 1.
// (Atomics make each load and store well defined — this is a race condition, not a data race.)
int lost_update(int threads);

}  // namespace hpc::races
