// What a process costs next to a thread, three questions:
//
// 1. Start-up: a std::thread created and joined; fork() of this process, _exit(0) in the child and
//    waitpid() in the parent, with 0 MiB to 256 MiB of touched heap (fork copies the page tables, not
//    the pages: the cost grows with the memory mapped); posix_spawn of /bin/true (a new program: exec
//    and the dynamic loader, but no copy of our memory).
// 2. Data passing: 4 MiB per iteration from this process to a child, in messages of 64 B to 1 MiB,
//    through a pipe (two copies through the kernel, a system call per message at least) and through a
//    ring buffer in shared memory (mmap MAP_SHARED; two copies, no system call; the sides wait by
//    spinning on atomic counters, yielding the core when there is nothing to do).
// 3. Pool overhead: a batch of trivial tasks on lab 08's ProcessPool (2 worker processes, inputs and
//    answers over pipes), on lab 06's ThreadPool (2 threads, a future per task), and one fork() per
//    task (the answer over a pipe). The counter items_per_second is tasks per second.
//
//   ch08_bench_processes
//   ch08_bench_processes --benchmark_filter=Startup
#include <benchmark/benchmark.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <future>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "../demos/posix.hpp"
#include "hpc/processes/process_pool.hpp"
#include "hpc/threads/thread_pool.hpp"

extern char** environ;

namespace {

// ---- 1. start-up ----------------------------------------------------------------------------------

void BM_StartupThread(benchmark::State& state) {
  for (auto _ : state) {
    std::thread t([] {});
    t.join();
  }
}
BENCHMARK(BM_StartupThread)->UseRealTime();

void BM_StartupFork(benchmark::State& state) {
  // Heap the parent has touched (so it is mapped and resident): what fork() must describe to the child.
  std::vector<char> heap(static_cast<std::size_t>(state.range(0)) << 20);
  std::fill(heap.begin(), heap.end(), 1);
  for (auto _ : state) {
    // [snippet:fork-exit-wait]
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);  // the child: nothing to do
    if (pid < 0) ch08::fail("fork");
    int status = 0;
    ::waitpid(pid, &status, 0);
    // [/snippet:fork-exit-wait]
  }
  state.counters["heap_MiB"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_StartupFork)->Arg(0)->Arg(64)->Arg(256)->UseRealTime();

void BM_StartupPosixSpawn(benchmark::State& state) {
  char program[] = "/bin/true";
  char* argv[] = {program, nullptr};
  for (auto _ : state) {
    pid_t pid = 0;
    if (const int error = ::posix_spawn(&pid, program, nullptr, nullptr, argv, environ); error != 0) {
      state.SkipWithError("posix_spawn /bin/true failed");
      break;
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
}
BENCHMARK(BM_StartupPosixSpawn)->UseRealTime();

// ---- 2. data passing ------------------------------------------------------------------------------

constexpr std::size_t kBatch = std::size_t{4} << 20;  // bytes sent per iteration

void BM_PipeThroughput(benchmark::State& state) {
  const auto message = static_cast<std::size_t>(state.range(0));
  ch08::Pipe data, ack;
  const pid_t child = ch08::fork_child([&] {
    data.close_write();
    ack.close_read();
    std::vector<char> buffer(message);
    std::size_t received = 0;
    while (ch08::read_all(data.read_end, buffer.data(), message) == message) {
      benchmark::DoNotOptimize(buffer.data());
      received += message;
      if (received % kBatch == 0) ch08::write_all(ack.write_end, "k", 1);  // one batch is in
    }
    return 0;
  });
  data.close_read();
  ack.close_write();
  std::vector<char> buffer(message, 'x');
  for (auto _ : state) {
    for (std::size_t sent = 0; sent < kBatch; sent += message)
      ch08::write_all(data.write_end, buffer.data(), message);
    char k = 0;
    ch08::read_all(ack.read_end, &k, 1);  // the child has read all of it: the batch counts as passed
  }
  data.close_write();  // the child's read sees the end and it exits
  ch08::wait_blocking(child);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
}

// A single-producer single-consumer byte ring in memory both processes map. head counts the bytes ever
// written, tail the bytes ever read; each side writes only its own counter.
struct alignas(64) Ring {
  static constexpr std::size_t kCapacity = std::size_t{1} << 20;
  alignas(64) std::atomic<std::uint64_t> head{0};
  alignas(64) std::atomic<std::uint64_t> tail{0};
  alignas(64) std::atomic<std::uint64_t> batches_done{0};
  alignas(64) std::atomic<bool> stop{false};
  alignas(64) char bytes[kCapacity];
};
static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "atomics in shared memory must be lock-free");

template <class Ready>
void spin_until(Ready ready) {
  for (int spins = 0; !ready(); ++spins) {
    if (spins > 64) std::this_thread::yield();  // two cores shared by both sides: let the other run
  }
}

// Copies `size` bytes into the ring (in pieces when it wraps or is full).
void ring_put(Ring& ring, const char* data, std::size_t size) {
  std::uint64_t head = ring.head.load(std::memory_order_relaxed);
  while (size > 0) {
    spin_until([&] { return head - ring.tail.load(std::memory_order_acquire) < Ring::kCapacity; });
    const std::size_t free = Ring::kCapacity - (head - ring.tail.load(std::memory_order_acquire));
    const std::size_t at = head % Ring::kCapacity;
    const std::size_t n = std::min({size, free, Ring::kCapacity - at});
    std::memcpy(ring.bytes + at, data, n);
    head += n, data += n, size -= n;
    ring.head.store(head, std::memory_order_release);
  }
}

// Copies `size` bytes out of the ring; false when told to stop while waiting.
bool ring_get(Ring& ring, char* out, std::size_t size) {
  std::uint64_t tail = ring.tail.load(std::memory_order_relaxed);
  while (size > 0) {
    spin_until([&] { return ring.head.load(std::memory_order_acquire) != tail || ring.stop.load(); });
    const std::uint64_t head = ring.head.load(std::memory_order_acquire);
    if (head == tail) return false;
    const std::size_t at = tail % Ring::kCapacity;
    const std::size_t n = std::min({size, static_cast<std::size_t>(head - tail), Ring::kCapacity - at});
    std::memcpy(out, ring.bytes + at, n);
    tail += n, out += n, size -= n;
    ring.tail.store(tail, std::memory_order_release);
  }
  return true;
}

void BM_ShmThroughput(benchmark::State& state) {
  const auto message = static_cast<std::size_t>(state.range(0));
  // [snippet:shared-ring]
  void* memory = ::mmap(nullptr, sizeof(Ring), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) ch08::fail("mmap");
  Ring& ring = *new (memory) Ring;  // made before fork(): parent and child see the same pages
  // [/snippet:shared-ring]
  const pid_t child = ch08::fork_child([&] {
    std::vector<char> buffer(message);
    std::size_t received = 0;
    while (ring_get(ring, buffer.data(), message)) {
      benchmark::DoNotOptimize(buffer.data());
      received += message;
      if (received % kBatch == 0) ring.batches_done.fetch_add(1, std::memory_order_release);
    }
    return 0;
  });
  std::vector<char> buffer(message, 'x');
  std::uint64_t batches = 0;
  for (auto _ : state) {
    for (std::size_t sent = 0; sent < kBatch; sent += message) ring_put(ring, buffer.data(), message);
    ++batches;
    spin_until([&] { return ring.batches_done.load(std::memory_order_acquire) == batches; });
  }
  ring.stop.store(true);
  ch08::wait_blocking(child);
  ring.~Ring();
  ::munmap(memory, sizeof(Ring));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * kBatch));
}

void message_sizes(benchmark::internal::Benchmark* b) {
  for (const long size : {64L, 512L, 4096L, 65536L, 1L << 20}) b->Arg(size);
  b->ArgName("message_bytes")->UseRealTime();
}
BENCHMARK(BM_PipeThroughput)->Apply(message_sizes);
BENCHMARK(BM_ShmThroughput)->Apply(message_sizes);

// ---- 3. pool overhead per task --------------------------------------------------------------------

std::string echo(std::string_view input) { return std::string(input); }

std::vector<std::string> task_inputs(std::size_t n) {
  std::vector<std::string> inputs;
  for (std::size_t i = 0; i < n; ++i) inputs.push_back(std::to_string(i));
  return inputs;
}

void BM_PoolProcessPool(benchmark::State& state) {
  const auto inputs = task_inputs(static_cast<std::size_t>(state.range(0)));
  hpc::processes::ProcessPool pool(2);
  pool.map_values(echo, {"warm-up"});  // the workers are forked before the timing
  for (auto _ : state) benchmark::DoNotOptimize(pool.map_values(echo, inputs));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * inputs.size()));
}

void BM_PoolThreadPool(benchmark::State& state) {
  const auto inputs = task_inputs(static_cast<std::size_t>(state.range(0)));
  hpc::threads::ThreadPool pool(2);
  for (auto _ : state) {
    std::vector<std::future<std::string>> futures;
    futures.reserve(inputs.size());
    for (const auto& input : inputs) futures.push_back(pool.submit([&input] { return echo(input); }));
    for (auto& f : futures) benchmark::DoNotOptimize(f.get());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * inputs.size()));
}

void BM_PoolForkPerTask(benchmark::State& state) {
  const auto inputs = task_inputs(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    for (const auto& input : inputs) {
      ch08::Pipe answer;
      const pid_t child = ch08::fork_child([&] {
        const std::string out = echo(input);
        ch08::write_all(answer.write_end, out.data(), out.size());
        return 0;
      });
      answer.close_write();
      char buffer[32];
      benchmark::DoNotOptimize(ch08::read_all(answer.read_end, buffer, sizeof buffer));
      ch08::wait_blocking(child);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * inputs.size()));
}

BENCHMARK(BM_PoolProcessPool)->Arg(1000)->ArgName("tasks")->UseRealTime();
BENCHMARK(BM_PoolThreadPool)->Arg(1000)->ArgName("tasks")->UseRealTime();
BENCHMARK(BM_PoolForkPerTask)->Arg(100)->ArgName("tasks")->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
