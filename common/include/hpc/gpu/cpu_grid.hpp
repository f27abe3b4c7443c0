#pragma once
// The CPU grid: runs a kernel body (see thread.hpp) for every (block, thread) of a launch, on a machine
// with or without a GPU. It exists to check correctness, not to be fast.
//
//   hpc::gpu::launch(grid, block, [&](const hpc::gpu::CpuThread& t) { saxpy_body(t, n, a, x, y); });
//   hpc::gpu::launch_cooperative(grid, block, shared_bytes, [&](const hpc::gpu::CpuThread& t) { ... });
//
// launch() runs the threads one after another, each to its end, in the order the options ask for
// (blocks and threads in index order, reversed, or shuffled): a body whose result depends on the order
// in which threads run (no order between threads exists on a GPU) gives different results per order.
// A body launched with launch() may not call sync_threads() (std::logic_error says so).
//
// launch_cooperative() gives the body barriers and block-shared memory: the threads of one block run
// one at a time, each until its next sync_threads() or its end, in the chosen order; when every thread
// of the block has reached the barrier, the next phase starts. The schedule is deterministic, so a
// missing barrier shows as a wrong result every time (with the reversed or shuffled orders, whichever way
// the data flows), not once in a thousand runs. Shared memory starts every block filled with the byte
// 0xFF (a NaN as float), so reading a slot no thread wrote shows. A thread that returns while others
// wait at a barrier (a barrier in a branch not every thread takes: undefined on a GPU, often a hang) is
// reported as std::logic_error naming the block, the thread and the barrier's number.
//
// Bad launches throw std::invalid_argument, as a GPU reports cudaErrorInvalidConfiguration: a grid or
// block dimension of 0, more than 1024 threads per block, more than 48 KiB of shared memory. An
// exception thrown by a body is rethrown from the launch (the other threads are stopped first).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu {

inline constexpr unsigned kMaxThreadsPerBlock = 1024;
inline constexpr std::size_t kMaxSharedBytes = 48 * 1024;

enum class Order { in_order, reversed, shuffled };

struct LaunchOptions {
  Order order = Order::shuffled;
  std::uint64_t seed = 12;  // for Order::shuffled
};

class CpuThread {
 public:
  Dim3 block_idx, thread_idx, block_dim, grid_dim;

  void sync_threads() const;
  template <class T>
  T* shared() const {
    return static_cast<T*>(shared_memory());
  }

  // Used by the launchers only.
  struct Runtime;
  CpuThread(Dim3 block, Dim3 thread, Dim3 block_dim, Dim3 grid_dim, Runtime* runtime)
      : block_idx(block), thread_idx(thread), block_dim(block_dim), grid_dim(grid_dim), runtime_(runtime) {}

 private:
  void* shared_memory() const;
  Runtime* runtime_;
};

using CpuBody = std::function<void(const CpuThread&)>;

// Every thread of every block, one at a time, without barriers (shared memory: shared_bytes per block).
void launch(Dim3 grid, Dim3 block, const CpuBody& body, const LaunchOptions& options = {},
            std::size_t shared_bytes = 0);

// Barriers and shared memory, a deterministic schedule (see above).
void launch_cooperative(Dim3 grid, Dim3 block, std::size_t shared_bytes, const CpuBody& body,
                        const LaunchOptions& options = {});

// "in order", "reversed", "shuffled (seed 12)": for test messages.
std::string to_string(const LaunchOptions& options);

}  // namespace hpc::gpu
