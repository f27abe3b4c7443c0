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

// ---- given code: the CPU entry points (do not change) --------------------------------------------------
#ifndef HPC_DEVICE_PASS
#include <span>
#include <stdexcept>
#include <string>

#include "hpc/gpu_lab/elementwise.hpp"

namespace hpc::gpu_lab {
namespace {

void require_same_size(const char* what, std::size_t a, std::size_t b) {
  if (a != b) {
    throw std::invalid_argument(std::string(what) + ": sizes differ (" + std::to_string(a) + " and " +
                                std::to_string(b) + ")");
  }
}

hpc::gpu::Dim3 grid_of(std::size_t n, Launch launch) {
  return {launch.blocks != 0 ? launch.blocks : blocks_for(n, launch.threads), 1, 1};
}

}  // namespace

void saxpy_on_cpu_grid(float a, std::span<const float> x, std::span<float> y, Launch launch,
                       const hpc::gpu::LaunchOptions& options) {
  require_same_size("saxpy_on_cpu_grid: x and y", x.size(), y.size());
  if (x.empty()) return;  // a grid of 0 blocks is an invalid launch
  hpc::gpu::launch(
      grid_of(x.size(), launch), {launch.threads, 1, 1},
      [&](const hpc::gpu::CpuThread& t) { saxpy_body(t, x.size(), a, x.data(), y.data()); }, options);
}

void expon_on_cpu_grid(std::span<const float> x, std::span<const float> y, std::span<float> out,
                       Launch launch, const hpc::gpu::LaunchOptions& options) {
  require_same_size("expon_on_cpu_grid: x and y", x.size(), y.size());
  require_same_size("expon_on_cpu_grid: x and out", x.size(), out.size());
  if (x.empty()) return;
  hpc::gpu::launch(
      grid_of(x.size(), launch), {launch.threads, 1, 1},
      [&](const hpc::gpu::CpuThread& t) { expon_body(t, x.size(), x.data(), y.data(), out.data()); },
      options);
}

void gray_on_cpu_grid(int width, int height, std::span<const std::uint8_t> bgr, std::size_t row_stride,
                      std::span<std::uint8_t> gray, hpc::gpu::Dim3 block, unsigned max_blocks_per_axis,
                      const hpc::gpu::LaunchOptions& options) {
  if (width < 0 || height < 0) {
    throw std::invalid_argument("gray_on_cpu_grid: negative size " + std::to_string(width) + "x" +
                                std::to_string(height));
  }
  const std::size_t w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
  if (row_stride < 3 * w) {
    throw std::invalid_argument("gray_on_cpu_grid: row_stride " + std::to_string(row_stride) +
                                " is less than 3 * width = " + std::to_string(3 * w));
  }
  require_same_size("gray_on_cpu_grid: gray and width * height", gray.size(), w * h);
  if (w == 0 || h == 0) return;
  // The last row needs its pixels, not its padding.
  const std::size_t needed = (h - 1) * row_stride + 3 * w;
  if (bgr.size() < needed) {
    throw std::invalid_argument("gray_on_cpu_grid: bgr has " + std::to_string(bgr.size()) + " bytes, " +
                                std::to_string(needed) + " needed");
  }
  const unsigned cap = max_blocks_per_axis != 0 ? max_blocks_per_axis : 65535;
  const hpc::gpu::Dim3 grid{blocks_for(w, block.x, cap), blocks_for(h, block.y, cap), 1};
  hpc::gpu::launch(
      grid, block,
      [&](const hpc::gpu::CpuThread& t) { gray_body(t, width, height, bgr.data(), row_stride, gray.data()); },
      options);
}

}  // namespace hpc::gpu_lab
#endif
