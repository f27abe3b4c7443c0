// Naive against memoized Fibonacci: exponential against linear work. Google Benchmark fits the naive
// times to the golden ratio to the power n, a curve it has no name for, so we give it as a function.
//
//   build/bench/bin/ch02_bench_fibonacci
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <optional>

#include "hpc/datastructures/fibonacci.hpp"
#include "hpc/datastructures/lru_cache.hpp"

namespace {

void BM_FibonacciNaive(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(hpc::datastructures::fibonacci(n));
  }
  state.SetComplexityN(state.range(0));
}

// A fresh cache in every iteration, so each run memoizes from scratch: n + 2 computations.
void BM_FibonacciMemo(benchmark::State& state) {
  int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    hpc::datastructures::LruCache<int, std::uint64_t> cache(std::nullopt);
    benchmark::DoNotOptimize(n);
    benchmark::DoNotOptimize(hpc::datastructures::fibonacci_memo(n, cache));
  }
  state.SetComplexityN(state.range(0));
}

}  // namespace

BENCHMARK(BM_FibonacciNaive)->DenseRange(10, 20, 2)->Complexity([](benchmark::IterationCount n) {
  return std::pow(1.618033988749895, static_cast<double>(n));
});
BENCHMARK(BM_FibonacciMemo)->DenseRange(10, 60, 10)->Complexity(benchmark::oN);
