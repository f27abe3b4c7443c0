// Speed by thread count, 1 to 4 on whatever machine runs it: lab 05's parallel evolve (OpenMP and
// oneTBB) and its reductions (sum with OpenMP, with tbb::parallel_reduce, the deterministic sum, and a
// histogram), all from the reference solution. A sum does one add per 8 bytes loaded, so on arrays
// larger than the caches it is limited by memory bandwidth, not by cores: compare the in-cache size
// (64 Ki values, 512 KiB) with the large one (8 Mi values, 64 MiB).
//
// OpenMP's thread count is set with omp_set_num_threads; oneTBB's with a task_arena, inside a
// global_control that allows that many threads (oneTBB would otherwise never run more threads than
// the machine has cores).
//
//   ch05_bench_scaling
//   ch05_bench_scaling --benchmark_filter='Sum'
#include <benchmark/benchmark.h>
#include <omp.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cstdint>
#include <numeric>
#include <vector>

#include "hpc/parallel/evolve.hpp"
#include "hpc/parallel/monte_carlo_pi.hpp"
#include "hpc/parallel/reduction.hpp"

namespace {

using hpc::parallel::Particle;

// [snippet:tbb-threads]
// Runs f on up to `threads` oneTBB threads (the calling thread is one of them), even past the cores.
template <class F>
void with_tbb_threads(int threads, F&& f) {
  tbb::global_control allow(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  arena.execute(f);
}
// [/snippet:tbb-threads]

const std::vector<Particle>& particles() {
  static const auto start = hpc::profiling::make_random_particles(2'000, 3);
  return start;
}
constexpr double kDt = 0.005;  // 499 steps: about 15 ms on one core

void BM_EvolveOpenMP(benchmark::State& state) {
  omp_set_num_threads(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto ps = particles();
    hpc::parallel::evolve_openmp(ps, kDt);
    benchmark::DoNotOptimize(ps.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(particles().size()));
}

void BM_EvolveTbb(benchmark::State& state) {
  with_tbb_threads(static_cast<int>(state.range(0)), [&] {
    for (auto _ : state) {
      auto ps = particles();
      hpc::parallel::evolve_tbb(ps, kDt);
      benchmark::DoNotOptimize(ps.data());
    }
  });
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(particles().size()));
}

const std::vector<double>& values(std::int64_t n) {
  static std::vector<double> data;
  if (static_cast<std::int64_t>(data.size()) != n) {
    hpc::parallel::SplitMix64 stream{11};
    data.resize(static_cast<std::size_t>(n));
    for (auto& v : data) v = hpc::parallel::unit_interval(stream.next()) - 0.5;
  }
  return data;
}

void BM_SumSerial(benchmark::State& state) {
  const auto& v = values(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(std::accumulate(v.begin(), v.end(), 0.0));
  state.SetBytesProcessed(state.iterations() * state.range(0) * 8);
}

template <double (*Sum)(std::span<const double>)>
void sum_openmp_threads(benchmark::State& state) {
  const auto& v = values(state.range(0));
  omp_set_num_threads(static_cast<int>(state.range(1)));
  for (auto _ : state) benchmark::DoNotOptimize(Sum(v));
  state.SetBytesProcessed(state.iterations() * state.range(0) * 8);
}

template <class F>
void tbb_threads(benchmark::State& state, F run) {
  const auto& v = values(state.range(0));
  with_tbb_threads(static_cast<int>(state.range(1)), [&] {
    for (auto _ : state) run(v);
  });
  state.SetBytesProcessed(state.iterations() * state.range(0) * 8);
}

void BM_SumOpenMP(benchmark::State& state) { sum_openmp_threads<hpc::parallel::sum_openmp>(state); }
void BM_SumTbb(benchmark::State& state) {
  tbb_threads(state, [](const auto& v) { benchmark::DoNotOptimize(hpc::parallel::sum_tbb(v)); });
}
void BM_DeterministicSum(benchmark::State& state) {
  tbb_threads(state, [](const auto& v) { benchmark::DoNotOptimize(hpc::parallel::deterministic_sum(v)); });
}
void BM_HistogramTbb(benchmark::State& state) {
  tbb_threads(state, [](const auto& v) {
    benchmark::DoNotOptimize(hpc::parallel::histogram_tbb(v, -0.5, 0.5, 64).data());
  });
}

void threads_1_to_4(benchmark::internal::Benchmark* b) {
  b->DenseRange(1, 4)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
}
void sizes_and_threads(benchmark::internal::Benchmark* b) {
  b->ArgsProduct({{1 << 16, 1 << 23}, {1, 2, 3, 4}})->ArgNames({"values", "threads"})->UseRealTime();
}

}  // namespace

BENCHMARK(BM_EvolveOpenMP)->Apply(threads_1_to_4);
BENCHMARK(BM_EvolveTbb)->Apply(threads_1_to_4);
BENCHMARK(BM_SumSerial)->Arg(1 << 16)->Arg(1 << 23)->ArgName("values")->UseRealTime();
BENCHMARK(BM_SumOpenMP)->Apply(sizes_and_threads);
BENCHMARK(BM_SumTbb)->Apply(sizes_and_threads);
BENCHMARK(BM_DeterministicSum)->Apply(sizes_and_threads);
BENCHMARK(BM_HistogramTbb)->Apply(sizes_and_threads);
