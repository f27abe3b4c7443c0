// The book's loop / comprehension / generator and its map pipeline: the lab's reference versions, all
// O(N); the allocations column says which ones build containers.
//
//   build/bench/bin/ch02_bench_pipelines
#include <benchmark/benchmark.h>

#include <cstdint>

#include "hpc/common/alloc_counter.hpp"
#include "hpc/datastructures/pipelines.hpp"

namespace {

template <auto Function>
void BM_Pipeline(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(n);  // a runtime n: a constant n lets the compiler fold the whole sum
    benchmark::DoNotOptimize(Function(n));
  }
  state.SetComplexityN(state.range(0));
  const auto allocations = hpc::common::count_allocations([&] { benchmark::DoNotOptimize(Function(n)); });
  state.counters["allocs"] = static_cast<double>(allocations.count);
  state.counters["bytes"] = static_cast<double>(allocations.bytes);
}

namespace ds = hpc::datastructures;

}  // namespace

BENCHMARK(BM_Pipeline<ds::sum_squares_loop>)
    ->RangeMultiplier(4)
    ->Range(1 << 12, 1 << 18)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Pipeline<ds::sum_squares_reserve>)
    ->RangeMultiplier(4)
    ->Range(1 << 12, 1 << 18)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Pipeline<ds::sum_squares_lazy>)
    ->RangeMultiplier(4)
    ->Range(1 << 12, 1 << 18)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Pipeline<ds::map_materialized>)
    ->RangeMultiplier(4)
    ->Range(1 << 12, 1 << 18)
    ->Complexity(benchmark::oN);
BENCHMARK(BM_Pipeline<ds::map_lazy>)->RangeMultiplier(4)->Range(1 << 12, 1 << 18)->Complexity(benchmark::oN);
