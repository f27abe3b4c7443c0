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

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/reduction_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/reduction_entries.inc"
#endif
