// Throughput of the lab's BoundedQueue (reference solution) with 1..4 producers and 1..4 consumers, and
// oneTBB's concurrent_bounded_queue at the same shapes for comparison. Every iteration moves kItems
// integers through a queue of kCapacity slots and starts and joins its threads, so the times include
// thread start-up (a few tens of microseconds per thread, small against the transfer).
//
//   ch06_bench_queue                                   all shapes
//   ch06_bench_queue --benchmark_filter=Bounded/2/2    one shape
#include <benchmark/benchmark.h>
#include <tbb/concurrent_queue.h>

#include <cstdint>
#include <thread>
#include <vector>

#include "hpc/threads/bounded_queue.hpp"

namespace {

constexpr std::int64_t kItems = 20'000;
constexpr std::size_t kCapacity = 256;

// [snippet:bench-queue]
void BM_BoundedQueue(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  const int consumers = static_cast<int>(state.range(1));
  for (auto _ : state) {
    hpc::threads::BoundedQueue<std::int64_t> queue(kCapacity);
    std::vector<std::int64_t> sums(consumers, 0);
    std::vector<std::thread> takers;
    for (int c = 0; c < consumers; ++c) {
      takers.emplace_back([&queue, &sums, c] {
        while (const auto item = queue.pop()) sums[c] += *item;
      });
    }
    std::vector<std::thread> makers;
    for (int p = 0; p < producers; ++p) {
      makers.emplace_back([&queue, p, producers] {
        for (std::int64_t i = p; i < kItems; i += producers) queue.push(i);
      });
    }
    for (auto& maker : makers) maker.join();
    queue.close();  // the consumers drain what is left, then see nullopt
    for (auto& taker : takers) taker.join();
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}
BENCHMARK(BM_BoundedQueue)
    ->ArgsProduct({{1, 2, 3, 4}, {1, 2, 3, 4}})
    ->ArgNames({"producers", "consumers"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
// [/snippet:bench-queue]

// oneTBB's bounded queue has no close(): each consumer stops at a sentinel (-1), one per consumer.
void BM_TbbBoundedQueue(benchmark::State& state) {
  const int producers = static_cast<int>(state.range(0));
  const int consumers = static_cast<int>(state.range(1));
  for (auto _ : state) {
    tbb::concurrent_bounded_queue<std::int64_t> queue;
    queue.set_capacity(kCapacity);
    std::vector<std::int64_t> sums(consumers, 0);
    std::vector<std::thread> takers;
    for (int c = 0; c < consumers; ++c) {
      takers.emplace_back([&queue, &sums, c] {
        for (std::int64_t item = 0;;) {
          queue.pop(item);
          if (item < 0) return;
          sums[c] += item;
        }
      });
    }
    std::vector<std::thread> makers;
    for (int p = 0; p < producers; ++p) {
      makers.emplace_back([&queue, p, producers] {
        for (std::int64_t i = p; i < kItems; i += producers) queue.push(i);
      });
    }
    for (auto& maker : makers) maker.join();
    for (int c = 0; c < consumers; ++c) queue.push(-1);
    for (auto& taker : takers) taker.join();
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetItemsProcessed(state.iterations() * kItems);
}
BENCHMARK(BM_TbbBoundedQueue)
    ->ArgsProduct({{1, 2, 4}, {1, 2, 4}})
    ->ArgNames({"producers", "consumers"})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

}  // namespace
