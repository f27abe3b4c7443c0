// Google Benchmark for the chapter's small kernels: the book's Taylor series (deep recursion) and
// seed 000's primes(kmax).
//
//   build/bench/bin/ch01_bench_kernels
#include <benchmark/benchmark.h>

#include "../demos/primes.hpp"
#include "hpc/profiling/taylor.hpp"

namespace {

void BM_Taylor(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  hpc::profiling::reset_factorial_calls();
  for (auto _ : state) {
    auto exp_coefficients = hpc::profiling::taylor_exp(n);
    auto sin_coefficients = hpc::profiling::taylor_sin(n);
    benchmark::DoNotOptimize(exp_coefficients.data());
    benchmark::DoNotOptimize(sin_coefficients.data());
  }
  state.counters["factorial_calls"] = benchmark::Counter(
      static_cast<double>(hpc::profiling::factorial_calls()), benchmark::Counter::kAvgIterations);
}

void BM_Primes(benchmark::State& state) {
  const int kmax = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto primes = hpc::profiling::demo::first_primes(kmax);
    benchmark::DoNotOptimize(primes.data());
  }
}

}  // namespace

BENCHMARK(BM_Taylor)->Arg(100)->Arg(500)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Primes)->Arg(100)->Arg(500)->Arg(1000)->Unit(benchmark::kMicrosecond);
