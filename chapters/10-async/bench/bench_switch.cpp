// What one coroutine switch costs: a yield through the ready queue and back, and an await of a coroutine
// that finishes at once, in lab 10's tiny event loop (part a) and in Asio, beside a plain function call.
// Each benchmark iteration does kBatch switches inside one coroutine (starting a loop per switch would
// measure the start-up instead), and reports the time per switch as items_per_second's inverse.
//
//   ch10_bench_switch                                     every benchmark
//   ch10_bench_switch --benchmark_filter=Yield            the yields only
#include <benchmark/benchmark.h>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>

#include "hpc/async/mini_loop.hpp"

namespace {

constexpr int kBatch = 1000;

// The baseline: a call the compiler may not inline or delete.
[[gnu::noinline]] int add_one(int x) {
  benchmark::ClobberMemory();
  return x + 1;
}

void BM_PlainCall(benchmark::State& state) {
  int x = 0;
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) x = add_one(x);
    benchmark::DoNotOptimize(x);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_PlainCall);

// ---- the tiny loop ----
namespace mini = hpc::async::mini;

// [snippet:mini-yield]
mini::Task<void> yield_many(int times) {
  for (int i = 0; i < times; ++i) co_await mini::sleep_for(std::chrono::nanoseconds(0));  // back of the queue
}
// [/snippet:mini-yield]

void BM_MiniLoopYield(benchmark::State& state) {
  mini::EventLoop loop;
  for (auto _ : state) loop.run_until_complete(yield_many(kBatch));
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_MiniLoopYield);

mini::Task<int> ready_value(int x) { co_return x + 1; }

mini::Task<int> await_many(int times) {
  int x = 0;
  for (int i = 0; i < times; ++i)
    x = co_await ready_value(x);  // a frame, a resume, a symmetric transfer back
  co_return x;
}

void BM_MiniTaskAwait(benchmark::State& state) {
  mini::EventLoop loop;
  for (auto _ : state) benchmark::DoNotOptimize(loop.run_until_complete(await_many(kBatch)));
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_MiniTaskAwait);

// ---- Asio ----
// [snippet:asio-yield]
asio::awaitable<void> asio_yield_many(int times) {
  const auto loop = co_await asio::this_coro::executor;
  for (int i = 0; i < times; ++i) co_await asio::post(loop, asio::use_awaitable);  // asyncio.sleep(0)
}
// [/snippet:asio-yield]

void BM_AsioPostYield(benchmark::State& state) {
  asio::io_context loop;
  for (auto _ : state) {
    asio::co_spawn(loop, asio_yield_many(kBatch), asio::detached);
    loop.run();
    loop.restart();
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_AsioPostYield);

asio::awaitable<int> asio_ready_value(int x) { co_return x + 1; }

asio::awaitable<void> asio_await_many(int times, int& out) {
  int x = 0;
  for (int i = 0; i < times; ++i) x = co_await asio_ready_value(x);
  out = x;
}

void BM_AsioAwait(benchmark::State& state) {
  asio::io_context loop;
  int out = 0;
  for (auto _ : state) {
    asio::co_spawn(loop, asio_await_many(kBatch, out), asio::detached);
    loop.run();
    loop.restart();
    benchmark::DoNotOptimize(out);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_AsioAwait);

}  // namespace
