// Lab 12, task 1 (labs/12-gpu/LAB.md): element-wise kernels with grid-stride loops — reference.
// The device glue (chapters/12-gpu/device) compiles this file with nvcc as well, so the bodies use only
// what thread.hpp allows.
#include <math.h>  // expf in the global namespace, as CUDA has it

#include <cstddef>
#include <cstdint>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// The thread's first element and the whole grid's width. Computed in size_t: an unsigned product of
// blockIdx.x * blockDim.x wraps past 2^32 elements.
template <class T>
HPC_HD std::size_t first_index(const T& t) {
  return static_cast<std::size_t>(t.block_idx.x) * t.block_dim.x + t.thread_idx.x;
}
template <class T>
HPC_HD std::size_t grid_stride(const T& t) {
  return static_cast<std::size_t>(t.block_dim.x) * t.grid_dim.x;
}

template <class T>
HPC_HD void saxpy_body(const T& t, std::size_t n, float a, const float* x, float* y) {
  for (std::size_t i = first_index(t); i < n; i += grid_stride(t)) y[i] = a * x[i] + y[i];
}

template <class T>
HPC_HD void expon_body(const T& t, std::size_t n, const float* x, const float* y, float* out) {
  for (std::size_t i = first_index(t); i < n; i += grid_stride(t)) out[i] = expf(x[i]) + expf(y[i]);
}

template <class T>
HPC_HD void gray_body(const T& t, int width, int height, const std::uint8_t* bgr, std::size_t row_stride,
                      std::uint8_t* gray) {
  const std::size_t w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  const std::size_t col0 = static_cast<std::size_t>(t.block_idx.x) * t.block_dim.x + t.thread_idx.x;
  const std::size_t row0 = static_cast<std::size_t>(t.block_idx.y) * t.block_dim.y + t.thread_idx.y;
  const std::size_t col_step = static_cast<std::size_t>(t.block_dim.x) * t.grid_dim.x;
  const std::size_t row_step = static_cast<std::size_t>(t.block_dim.y) * t.grid_dim.y;
  for (std::size_t row = row0; row < h; row += row_step) {
    for (std::size_t col = col0; col < w; col += col_step) {
      const std::uint8_t* p = bgr + row * row_stride + 3 * col;
      gray[row * w + col] = static_cast<std::uint8_t>((29u * p[0] + 150u * p[1] + 77u * p[2] + 128u) >> 8);
    }
  }
}

}  // namespace hpc::gpu_lab

#ifndef HPC_DEVICE_PASS
#include <stdexcept>
#include <string>

#include "hpc/gpu_lab/launch.hpp"

namespace hpc::gpu_lab {

// Plain host code: the launch shape for n elements.
unsigned blocks_for(std::size_t n, unsigned threads, unsigned max_blocks) {
  if (threads == 0 || threads > 1024) {
    throw std::invalid_argument("blocks_for: " + std::to_string(threads) + " threads per block (1 to 1024)");
  }
  if (max_blocks == 0) throw std::invalid_argument("blocks_for: max_blocks must be at least 1");
  // n / threads rounded up, without n + threads - 1 (which wraps for n near SIZE_MAX).
  const std::size_t needed = n / threads + (n % threads != 0 ? 1 : 0);
  return needed < max_blocks ? static_cast<unsigned>(needed) : max_blocks;
}

}  // namespace hpc::gpu_lab
#endif

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/elementwise_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/elementwise_entries.inc"
#endif
