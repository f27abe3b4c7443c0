// Priority queues: pushing N random values into the lab's BinaryHeap and into std::priority_queue
// (at most O(log N) each) against keeping a std::vector sorted (O(N) each, O(N^2) in all).
//
//   build/bench/bin/ch02_bench_heap
#include <benchmark/benchmark.h>

#include <algorithm>
#include <queue>
#include <random>
#include <vector>

#include "hpc/datastructures/binary_heap.hpp"

namespace {

std::vector<int> random_values(benchmark::State& state) {
  state.SetComplexityN(state.range(0));
  std::mt19937 rng(2);
  std::vector<int> values(static_cast<std::size_t>(state.range(0)));
  for (int& v : values) v = static_cast<int>(rng() % 1'000'000);
  return values;
}

void BM_BinaryHeapPush(benchmark::State& state) {
  const auto values = random_values(state);
  for (auto _ : state) {
    hpc::datastructures::BinaryHeap<int> heap;
    for (const int v : values) heap.push(v);
    benchmark::DoNotOptimize(heap.top());
  }
}

void BM_PriorityQueuePush(benchmark::State& state) {
  const auto values = random_values(state);
  for (auto _ : state) {
    std::priority_queue<int, std::vector<int>, std::greater<>> queue;  // smallest on top, like heapq
    for (const int v : values) queue.push(v);
    benchmark::DoNotOptimize(queue.top());
  }
}

void BM_SortedVectorInsert(benchmark::State& state) {
  const auto values = random_values(state);
  for (auto _ : state) {
    std::vector<int> sorted;
    for (const int v : values) sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), v), v);
    benchmark::DoNotOptimize(sorted.front());
  }
}

}  // namespace

// Sizes stay below 128 KiB of ints: larger vectors come from mmap, fresh pages for every iteration, and
// the page faults would hide the algorithm. We fit the heaps to their worst case, N log N in all; random
// values climb only about two levels on average, so the measured curve is closer to N.
BENCHMARK(BM_BinaryHeapPush)->RangeMultiplier(2)->Range(1 << 10, 1 << 14)->Complexity(benchmark::oNLogN);
BENCHMARK(BM_PriorityQueuePush)->RangeMultiplier(2)->Range(1 << 10, 1 << 14)->Complexity(benchmark::oNLogN);
BENCHMARK(BM_SortedVectorInsert)
    ->RangeMultiplier(2)
    ->Range(1 << 10, 1 << 14)
    ->Complexity(benchmark::oNSquared);
