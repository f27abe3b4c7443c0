// Lab 12, task 3 (labs/12-gpu/LAB.md): the sum of a float array, one partial sum per block.
// Everything above the line "given code" is yours; the device glue (chapters/12-gpu/device) compiles this
// file with nvcc as well, so the body may use only what thread.hpp allows.
#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// Grid-stride accumulation in a double, then a tree in shared<double>() (blockDim.x slots) that works for
// any blockDim.x: each level folds the upper half (rounded down) onto the lower half (rounded up), so an
// odd width keeps its middle slot for the next level instead of dropping it.
template <class T>
HPC_HD void block_sum_body(const T& t, std::size_t n, const float* x, double* partial) {
  double* slots = t.template shared<double>();
  const unsigned tid = t.thread_idx.x;
  const unsigned threads = t.block_dim.x;
  const std::size_t stride = std::size_t(threads) * t.grid_dim.x;
  double acc = 0;
  for (std::size_t i = std::size_t(t.block_idx.x) * threads + tid; i < n; i += stride) acc += x[i];
  slots[tid] = acc;
  t.sync_threads();  // every thread's sum is in its slot before the tree starts
  for (unsigned width = threads; width > 1; width = (width + 1) / 2) {
    const unsigned half = (width + 1) / 2;
    if (tid + half < width) slots[tid] += slots[tid + half];
    // This level is complete before the next one reads it.
    t.sync_threads();
  }
  if (tid == 0) partial[t.block_idx.x] = slots[0];
}

}  // namespace hpc::gpu_lab

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/reduction_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/reduction_entries.inc"
#endif
