// Google Benchmark: one lock guarding a table of 256 numbers, hit by 1, 2 and 4 threads that mostly read.
// std::mutex makes every reader exclusive; std::shared_mutex and the lab's two readers-writers locks let
// readers share. Arg = percentage of reads (the rest are writes).
//
//   build/bench/bin/ch11_bench_rw_locks
#include <benchmark/benchmark.h>

#include <array>
#include <mutex>
#include <shared_mutex>

#include "hpc/races/rw_locks.hpp"

namespace {

// The guarded data: 256 numbers. A read sums them, a write bumps them all.
struct Table {
  std::array<long, 256> values{};
};

template <class Lock>
struct Shared {
  static inline Lock lock;
  static inline Table table;
};

// [snippet:read-or-write]
template <class Lock, bool kShared>
void BM_ReadMostly(benchmark::State& state) {
  using S = Shared<Lock>;
  const long read_percent = state.range(0);
  long op = state.thread_index();  // threads start at different points of the read/write pattern
  for (auto _ : state) {
    if (++op % 100 < read_percent) {
      long sum = 0;
      if constexpr (kShared) {
        std::shared_lock read(S::lock);
        for (const long v : S::table.values) sum += v;
      } else {
        std::lock_guard read(S::lock);  // std::mutex: readers exclude each other too
        for (const long v : S::table.values) sum += v;
      }
      benchmark::DoNotOptimize(sum);
    } else {
      std::lock_guard write(S::lock);
      for (long& v : S::table.values) ++v;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
// [/snippet:read-or-write]

void read_ratios(benchmark::internal::Benchmark* b) {
  b->ArgName("read%")->Arg(50)->Arg(90)->Arg(99)->Threads(1)->Threads(2)->Threads(4)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_ReadMostly<std::mutex, false>)->Name("std::mutex")->Apply(read_ratios);
BENCHMARK(BM_ReadMostly<std::shared_mutex, true>)->Name("std::shared_mutex")->Apply(read_ratios);
BENCHMARK(BM_ReadMostly<hpc::races::WriterPreferringLock, true>)
    ->Name("WriterPreferringLock")
    ->Apply(read_ratios);
BENCHMARK(BM_ReadMostly<hpc::races::FairSharedLock, true>)->Name("FairSharedLock")->Apply(read_ratios);
