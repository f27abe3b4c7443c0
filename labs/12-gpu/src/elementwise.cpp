// Lab 12, task 1 (labs/12-gpu/LAB.md): element-wise kernels with grid-stride loops.
// Everything above the line "given code" is yours; the device glue (chapters/12-gpu/device) compiles this
// file with nvcc as well, so the bodies may use only what thread.hpp allows (t.block_idx, t.thread_idx,
// t.block_dim, t.grid_dim, arithmetic, expf from <math.h>).
#include <math.h>  // expf in the global namespace, as CUDA has it

#include <cstddef>
#include <cstdint>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// y[i] = a * x[i] + y[i] for every i < n, whatever the grid's size: fewer threads than n, or more.
template <class T>
HPC_HD void saxpy_body([[maybe_unused]] const T& t, [[maybe_unused]] std::size_t n, [[maybe_unused]] float a,
                       [[maybe_unused]] const float* x, [[maybe_unused]] float* y) {
  // Your code: a grid-stride loop.
}

// out[i] = expf(x[i]) + expf(y[i]) for every i < n.
template <class T>
HPC_HD void expon_body([[maybe_unused]] const T& t, [[maybe_unused]] std::size_t n,
                       [[maybe_unused]] const float* x, [[maybe_unused]] const float* y,
                       [[maybe_unused]] float* out) {
  // Your code.
}

// gray[row * width + col] = (29*B + 150*G + 77*R + 128) >> 8 with B, G, R the bytes at
// bgr + row * row_stride + 3 * col. x of the grid over columns, y over rows, grid-stride on both axes.
template <class T>
HPC_HD void gray_body([[maybe_unused]] const T& t, [[maybe_unused]] int width, [[maybe_unused]] int height,
                      [[maybe_unused]] const std::uint8_t* bgr, [[maybe_unused]] std::size_t row_stride,
                      [[maybe_unused]] std::uint8_t* gray) {
  // Your code.
}

}  // namespace hpc::gpu_lab

#ifndef HPC_DEVICE_PASS
#include "hpc/common/not_implemented.hpp"
#include "hpc/gpu_lab/launch.hpp"

namespace hpc::gpu_lab {

// Plain host code: the launch shape for n elements (launch.hpp says what it returns and throws).
unsigned blocks_for([[maybe_unused]] std::size_t n, [[maybe_unused]] unsigned threads,
                    [[maybe_unused]] unsigned max_blocks) {
  hpc::common::not_implemented();
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
