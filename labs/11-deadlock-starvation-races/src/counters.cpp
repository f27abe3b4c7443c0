// Lab 11, task 5 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures.
#include "hpc/races/counters.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

void MutexCounter::increment() { hpc::common::not_implemented(); }
long long MutexCounter::value() const { hpc::common::not_implemented(); }

void AtomicCounter::increment() { hpc::common::not_implemented(); }
long long AtomicCounter::value() const { hpc::common::not_implemented(); }

ShardedCounter::ShardedCounter([[maybe_unused]] int shards) { hpc::common::not_implemented(); }
void ShardedCounter::increment([[maybe_unused]] int shard) { hpc::common::not_implemented(); }
long long ShardedCounter::value() const { hpc::common::not_implemented(); }
int ShardedCounter::shards() const { hpc::common::not_implemented(); }
const ShardedCounter::Shard& ShardedCounter::shard([[maybe_unused]] int index) const {
  hpc::common::not_implemented();
}

int lost_update([[maybe_unused]] int threads) { hpc::common::not_implemented(); }

}  // namespace hpc::races
