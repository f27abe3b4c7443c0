// Three schedulers on the same work, in one run: lab 05's work-stealing TaskGroup (reference solution),
// lab 06's ThreadPool (one locked queue, a packaged_task and a future per task) and oneTBB's
// tbb::task_group. Each is made once per benchmark and reused, with as many threads as cores: the pool
// one worker per core (the caller sleeps while it waits), the TaskGroup and oneTBB one fewer (the thread
// in wait() works too).
//
//   Tiny        100,000 tasks of one write each, run from outside: the cost of the machinery itself
//   Triangular  2,000 tasks, task i spins ~50 i steps: uneven work, run from outside
//   Tree        a binary tree of 2^16 - 1 tiny tasks, each spawning its two children (nested run)
//
// "per_task" is wall time divided by the number of tasks.
//   ch05_bench_schedulers
//   ch05_bench_schedulers --benchmark_filter=Tree
#include <benchmark/benchmark.h>
#include <tbb/task_group.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "hpc/parallel/task_group.hpp"
#include "hpc/threads/thread_pool.hpp"

namespace {

unsigned cores() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

// The same two calls, run(f) and wait(), on each scheduler.
struct Ours {
  hpc::parallel::TaskGroup group{cores() > 1 ? cores() - 1 : 1};  // the waiting thread is the last
  template <class F>
  void run(F f) {
    group.run(std::move(f));
  }
  void wait() { group.wait(); }
};

struct Tbb {
  tbb::task_group group;
  template <class F>
  void run(F f) {
    group.run(std::move(f));
  }
  void wait() { group.wait(); }
};

// Lab 06's pool has no wait-for-everything; tasks may submit tasks, so a counter of unfinished tasks
// and a condition variable stand in for it (the futures are dropped: a packaged_task's never blocks).
struct Pool {
  hpc::threads::ThreadPool pool{cores()};
  std::atomic<std::int64_t> pending{0};
  std::mutex mutex;
  std::condition_variable done;
  template <class F>
  void run(F f) {
    pending.fetch_add(1);
    pool.submit([this, f = std::move(f)]() mutable {
      f();
      if (pending.fetch_sub(1) == 1) {
        std::lock_guard lock(mutex);
        done.notify_all();
      }
    });
  }
  void wait() {
    std::unique_lock lock(mutex);
    done.wait(lock, [&] { return pending.load() == 0; });
  }
};

void per_task(benchmark::State& state, std::int64_t tasks) {
  state.SetItemsProcessed(state.iterations() * tasks);
  state.counters["per_task"] =
      benchmark::Counter(static_cast<double>(tasks),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

template <class Scheduler>
void BM_Tiny(benchmark::State& state) {
  constexpr std::int64_t kTasks = 100'000;
  Scheduler scheduler;
  std::vector<std::int64_t> out(kTasks);
  for (auto _ : state) {
    for (std::int64_t i = 0; i < kTasks; ++i) scheduler.run([&out, i] { out[i] = 2 * i + 1; });
    scheduler.wait();
    benchmark::DoNotOptimize(out.data());
  }
  per_task(state, kTasks);
}

std::int64_t spin(std::int64_t steps) {
  std::int64_t x = steps;
  for (std::int64_t s = 0; s < steps; ++s) {
    x = x * 6364136223846793005LL + 1442695040888963407LL;
    benchmark::DoNotOptimize(x);
  }
  return x;
}

template <class Scheduler>
void BM_Triangular(benchmark::State& state) {
  constexpr std::int64_t kTasks = 2'000;
  Scheduler scheduler;
  std::vector<std::int64_t> out(kTasks);
  for (auto _ : state) {
    for (std::int64_t i = 0; i < kTasks; ++i) scheduler.run([&out, i] { out[i] = spin(50 * i); });
    scheduler.wait();
    benchmark::DoNotOptimize(out.data());
  }
  per_task(state, kTasks);
}

template <class Scheduler>
void spawn_tree(Scheduler& scheduler, std::atomic<std::int64_t>& nodes, int depth) {
  nodes.fetch_add(1, std::memory_order_relaxed);
  if (depth == 0) return;
  scheduler.run([&scheduler, &nodes, depth] { spawn_tree(scheduler, nodes, depth - 1); });
  scheduler.run([&scheduler, &nodes, depth] { spawn_tree(scheduler, nodes, depth - 1); });
}

template <class Scheduler>
void BM_Tree(benchmark::State& state) {
  constexpr int kDepth = 15;  // 2^16 - 1 nodes
  Scheduler scheduler;
  std::atomic<std::int64_t> nodes{0};
  for (auto _ : state) {
    nodes = 0;
    scheduler.run([&] { spawn_tree(scheduler, nodes, kDepth); });
    scheduler.wait();
    if (nodes.load() != (std::int64_t{1} << (kDepth + 1)) - 1) state.SkipWithError("lost tasks");
  }
  per_task(state, (std::int64_t{1} << (kDepth + 1)) - 1);
}

#define HPC_SCHEDULER_BENCH(kind)                                                                         \
  BENCHMARK_TEMPLATE(kind, Ours)->Name(#kind "/TaskGroup")->UseRealTime()->Unit(benchmark::kMillisecond); \
  BENCHMARK_TEMPLATE(kind, Pool)->Name(#kind "/Lab06Pool")->UseRealTime()->Unit(benchmark::kMillisecond); \
  BENCHMARK_TEMPLATE(kind, Tbb)->Name(#kind "/TbbTaskGroup")->UseRealTime()->Unit(benchmark::kMillisecond)

HPC_SCHEDULER_BENCH(BM_Tiny);
HPC_SCHEDULER_BENCH(BM_Triangular);
HPC_SCHEDULER_BENCH(BM_Tree);

}  // namespace
