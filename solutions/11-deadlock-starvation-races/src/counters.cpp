// Reference solution, lab 11 task 5: exact counters and a deterministic lost update.
#include "hpc/races/counters.hpp"

#include <barrier>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>

namespace hpc::races {

void MutexCounter::increment() {
  std::lock_guard guard(mutex_);
  ++value_;
}

long long MutexCounter::value() const {
  std::lock_guard guard(mutex_);
  return value_;
}

void AtomicCounter::increment() { value_.fetch_add(1, std::memory_order_relaxed); }

long long AtomicCounter::value() const { return value_.load(std::memory_order_relaxed); }

ShardedCounter::ShardedCounter(int shards) {
  if (shards < 1)
    throw std::invalid_argument("ShardedCounter needs at least one shard, got " + std::to_string(shards));
  // std::vector allocates over-aligned types with their alignment (C++17), so each Shard starts a line.
  shards_ = std::vector<Shard>(static_cast<std::size_t>(shards));
}

void ShardedCounter::increment(int shard) {
  // Each shard has one writer; relaxed is enough, and no other thread writes to this cache line.
  shards_[static_cast<std::size_t>(shard)].value.fetch_add(1, std::memory_order_relaxed);
}

long long ShardedCounter::value() const {
  long long total = 0;
  for (const Shard& shard : shards_) total += shard.value.load(std::memory_order_relaxed);
  return total;
}

int ShardedCounter::shards() const { return static_cast<int>(shards_.size()); }

const ShardedCounter::Shard& ShardedCounter::shard(int index) const {
  return shards_.at(static_cast<std::size_t>(index));
}

int lost_update(int threads) {
  std::atomic<int> counter{0};
  std::barrier everyone_has_read(threads);
  {
    std::vector<std::jthread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        const int seen = counter.load();
        everyone_has_read.arrive_and_wait();  // nobody writes before everybody has read the old value
        counter.store(seen + 1);
      });
    }
  }
  return counter.load();
}

}  // namespace hpc::races
