// KNOWN BROKEN (used by the ch11.variant.racy_counter proof under TSan, never by the lab): MutexCounter
// forgets to lock, so concurrent increments are a data race. The count may still come out exact at -O2
// (the compiler can turn the loop into one add), which is why the lab relies on TSan here.
#include <barrier>
#include <stdexcept>
#include <thread>

#include "hpc/races/counters.hpp"

namespace hpc::races {

void MutexCounter::increment() { ++value_; }  // BUG: mutex_ is never locked

long long MutexCounter::value() const { return value_; }

void AtomicCounter::increment() { value_.fetch_add(1, std::memory_order_relaxed); }
long long AtomicCounter::value() const { return value_.load(std::memory_order_relaxed); }

ShardedCounter::ShardedCounter(int shards) {
  if (shards < 1) throw std::invalid_argument("ShardedCounter needs at least one shard");
  shards_ = std::vector<Shard>(static_cast<std::size_t>(shards));
}
void ShardedCounter::increment(int shard) {
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
        everyone_has_read.arrive_and_wait();
        counter.store(seen + 1);
      });
    }
  }
  return counter.load();
}

}  // namespace hpc::races
