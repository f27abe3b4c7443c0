// Google Benchmark: two threads, each adding to its own counter. Whether the two counters share a
// cache line decides the speed (false sharing): the data is private, the line is not. For comparison,
// both threads adding to one shared atomic (true sharing), and the lab's ShardedCounter.
//
//   build/bench/bin/ch11_bench_false_sharing
#include <benchmark/benchmark.h>

#include <atomic>

#include "hpc/races/counters.hpp"

namespace {

using hpc::races::cache_line_size;

// [snippet:padding]
struct Unpadded {
  std::atomic<long> count{0};  // 8 bytes: eight of them share one 64-byte line
};
struct alignas(cache_line_size) Padded {
  std::atomic<long> count{0};  // one per line
};
// [/snippet:padding]

Unpadded unpadded[2];
Padded padded[2];
std::atomic<long> one_shared{0};
hpc::races::ShardedCounter sharded(2);

template <class Slot>
void add_to_own_slot(benchmark::State& state, Slot* slots) {
  std::atomic<long>& mine = slots[state.thread_index()].count;
  for (auto _ : state) mine.fetch_add(1, std::memory_order_relaxed);
  state.SetItemsProcessed(state.iterations());
}

void BM_Unpadded(benchmark::State& state) { add_to_own_slot(state, unpadded); }
void BM_Padded(benchmark::State& state) { add_to_own_slot(state, padded); }

void BM_OneSharedAtomic(benchmark::State& state) {
  for (auto _ : state) one_shared.fetch_add(1, std::memory_order_relaxed);
  state.SetItemsProcessed(state.iterations());
}

void BM_LabShardedCounter(benchmark::State& state) {
  for (auto _ : state) sharded.increment(state.thread_index());
  state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_Unpadded)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_Padded)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_OneSharedAtomic)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_LabShardedCounter)->Threads(1)->Threads(2)->UseRealTime();
