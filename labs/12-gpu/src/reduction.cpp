// Lab 12, task 3 (labs/12-gpu/LAB.md): the sum of a float array, one partial sum per block.
// Everything above the line "given code" is yours; the device glue (chapters/12-gpu/device) compiles this
// file with nvcc as well, so the body may use only what thread.hpp allows.
#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// One partial sum per block: thread 0 of block b writes partial[b]. Any blockDim.x from 1 to 1024, any
// grid size (a grid smaller than n / blockDim.x must still cover every element).
template <class T>
HPC_HD void block_sum_body([[maybe_unused]] const T& t, [[maybe_unused]] std::size_t n,
                           [[maybe_unused]] const float* x, [[maybe_unused]] double* partial) {
  // Your code: each thread sums its elements (grid-stride) into a double, puts it in shared<double>()[its
  // index], and the block adds its slots with a tree and sync_threads(); thread 0 writes partial[block].
}

}  // namespace hpc::gpu_lab

// ---- given code: the CPU entry point (do not change) ---------------------------------------------------
#ifndef HPC_DEVICE_PASS
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/gpu_lab/reduction.hpp"

namespace hpc::gpu_lab {

double sum_on_cpu_grid(std::span<const float> x, Launch launch, const hpc::gpu::LaunchOptions& options) {
  const unsigned threads = launch.threads;
  if (threads == 0 || threads > hpc::gpu::kMaxThreadsPerBlock) {
    throw std::invalid_argument("sum_on_cpu_grid: " + std::to_string(threads) +
                                " threads per block (1 to 1024 allowed)");
  }
  const unsigned blocks = launch.blocks != 0 ? launch.blocks : blocks_for(x.size(), threads);
  if (blocks == 0) return 0.0;
  // A block whose thread 0 never writes its partial sum leaves NaN, which the total shows.
  std::vector<double> partial(blocks, std::numeric_limits<double>::quiet_NaN());
  hpc::gpu::launch_cooperative(
      {blocks, 1, 1}, {threads, 1, 1}, threads * sizeof(double),
      [&](const hpc::gpu::CpuThread& t) { block_sum_body(t, x.size(), x.data(), partial.data()); }, options);
  double total = 0;
  for (const double p : partial) total += p;
  return total;
}

}  // namespace hpc::gpu_lab
#endif
