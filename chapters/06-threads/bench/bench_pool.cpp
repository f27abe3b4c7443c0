// What it costs to run a tiny task on another thread, three ways, in one run: the lab's ThreadPool
// (reference solution: a locked deque of std::function plus a std::packaged_task and a future per
// task), oneTBB's task_group (work-stealing, no future), and a brand-new std::thread per task. The
// "per_task" counter is wall time divided by the number of tasks.
//
//   ch06_bench_pool
//   ch06_bench_pool --benchmark_filter=Tbb
#include <benchmark/benchmark.h>
#include <tbb/task_group.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "hpc/threads/thread_pool.hpp"

namespace {

// The task: almost nothing, so the numbers are the machinery's own cost.
int tiny_task(int i) { return i * 2 + 1; }

void report(benchmark::State& state, long tasks) {
  state.SetItemsProcessed(state.iterations() * tasks);
  state.counters["per_task"] =
      benchmark::Counter(static_cast<double>(tasks),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// [snippet:bench-pool]
void BM_ThreadPool(benchmark::State& state) {
  const long tasks = state.range(0);
  hpc::threads::ThreadPool pool(2);  // made once: reusing its threads is the point of a pool
  std::vector<std::future<int>> futures;
  futures.reserve(tasks);
  for (auto _ : state) {
    futures.clear();
    for (long i = 0; i < tasks; ++i)
      futures.push_back(pool.submit([i] { return tiny_task(static_cast<int>(i)); }));
    long sum = 0;
    for (auto& future : futures) sum += future.get();
    benchmark::DoNotOptimize(sum);
  }
  report(state, tasks);
}

void BM_TbbTaskGroup(benchmark::State& state) {
  const long tasks = state.range(0);
  std::vector<int> results(tasks);
  for (auto _ : state) {
    tbb::task_group group;
    for (long i = 0; i < tasks; ++i)
      group.run([&results, i] { results[i] = tiny_task(static_cast<int>(i)); });
    group.wait();
    benchmark::DoNotOptimize(results.data());
  }
  report(state, tasks);
}

void BM_ThreadPerTask(benchmark::State& state) {
  const long tasks = state.range(0);
  std::vector<int> results(tasks);
  std::vector<std::thread> threads;
  threads.reserve(tasks);
  for (auto _ : state) {
    threads.clear();
    for (long i = 0; i < tasks; ++i)
      threads.emplace_back([&results, i] { results[i] = tiny_task(static_cast<int>(i)); });
    for (auto& thread : threads) thread.join();
    benchmark::DoNotOptimize(results.data());
  }
  report(state, tasks);
}
// [/snippet:bench-pool]

BENCHMARK(BM_ThreadPool)->Arg(1000)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TbbTaskGroup)->Arg(1000)->Arg(10000)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ThreadPerTask)->Arg(1000)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
