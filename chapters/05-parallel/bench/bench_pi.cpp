// The granularity curve: Monte Carlo π over 4 million samples cut into 1 to 1,000,000 chunks, run by
// each scheduling policy: OpenMP static, dynamic and guided (one chunk per loop iteration), oneTBB's
// parallel_reduce split down to single chunks, and a tbb::task_group with one task per chunk. Few
// chunks leave cores idle; too many make the scheduling cost more than the work (the book's one task
// per sample). items_per_second counts samples; samples_per_chunk is the grain.
//
//   ch05_bench_pi
//   ch05_bench_pi --benchmark_filter='Dynamic'
#include <benchmark/benchmark.h>
#include <omp.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>
#include <tbb/task_group.h>

#include <atomic>
#include <cstdint>
#include <functional>

#include "../demos/kernels.hpp"

namespace {

using hpc::parallel::chunk_range;
using hpc::parallel::demos::hits_in_chunk;
constexpr std::uint64_t kSamples = 4'000'000;
constexpr std::uint64_t kSeed = 5;

std::uint64_t chunk_hits(std::uint64_t chunks, std::uint64_t c) {
  const auto [begin, end] = chunk_range(kSamples, chunks, c);
  return hits_in_chunk(kSeed, c, end - begin);
}

void report(benchmark::State& state, std::uint64_t chunks) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kSamples));
  state.counters["samples_per_chunk"] = static_cast<double>(kSamples / chunks);
}

void BM_Serial(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(hits_in_chunk(kSeed, 0, kSamples));
  report(state, 1);
}

// [snippet:bench-pi-openmp]
// One loop for the three OpenMP policies: schedule(runtime) takes the kind from omp_set_schedule.
void openmp(benchmark::State& state, omp_sched_t kind) {
  const auto chunks = static_cast<std::uint64_t>(state.range(0));
  omp_set_schedule(kind, 1);
  for (auto _ : state) {
    std::uint64_t hits = 0;
#pragma omp parallel for schedule(runtime) reduction(+ : hits)
    for (std::uint64_t c = 0; c < chunks; ++c) hits += chunk_hits(chunks, c);
    benchmark::DoNotOptimize(hits);
  }
  report(state, chunks);
}
// [/snippet:bench-pi-openmp]
void BM_OpenMPStatic(benchmark::State& state) { openmp(state, omp_sched_static); }
void BM_OpenMPDynamic(benchmark::State& state) { openmp(state, omp_sched_dynamic); }
void BM_OpenMPGuided(benchmark::State& state) { openmp(state, omp_sched_guided); }

// oneTBB, told to split the range down to single chunks (simple_partitioner, grain 1).
void BM_TbbReduce(benchmark::State& state) {
  const auto chunks = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    const auto hits = tbb::parallel_reduce(
        tbb::blocked_range<std::uint64_t>(0, chunks, 1), std::uint64_t{0},
        [chunks](const tbb::blocked_range<std::uint64_t>& range, std::uint64_t sum) {
          for (auto c = range.begin(); c != range.end(); ++c) sum += chunk_hits(chunks, c);
          return sum;
        },
        std::plus<>(), tbb::simple_partitioner());
    benchmark::DoNotOptimize(hits);
  }
  report(state, chunks);
}

// A task per chunk, spawned one by one from this thread: the shape of the book's apply_async loop.
void BM_TbbTaskPerChunk(benchmark::State& state) {
  const auto chunks = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    std::atomic<std::uint64_t> hits{0};
    tbb::task_group group;
    for (std::uint64_t c = 0; c < chunks; ++c)
      group.run([&hits, chunks, c] { hits.fetch_add(chunk_hits(chunks, c), std::memory_order_relaxed); });
    group.wait();
    benchmark::DoNotOptimize(hits.load());
  }
  report(state, chunks);
}

void chunk_counts(benchmark::internal::Benchmark* b) {
  for (long chunks = 1; chunks <= 1'000'000; chunks *= 10) b->Arg(chunks);
  b->Arg(2)->ArgName("chunks")->UseRealTime()->Unit(benchmark::kMillisecond);
}

}  // namespace

BENCHMARK(BM_Serial)->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenMPStatic)->Apply(chunk_counts);
BENCHMARK(BM_OpenMPDynamic)->Apply(chunk_counts);
BENCHMARK(BM_OpenMPGuided)->Apply(chunk_counts);
BENCHMARK(BM_TbbReduce)->Apply(chunk_counts);
BENCHMARK(BM_TbbTaskPerChunk)->Apply(chunk_counts);
