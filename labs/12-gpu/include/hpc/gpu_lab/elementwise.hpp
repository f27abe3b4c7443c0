#pragma once
// Task 1: element-wise kernels with grid-stride loops. The kernel bodies (saxpy_body, expon_body,
// gray_body) are templates in elementwise.cpp, so the device glue can compile the same code with nvcc;
// this header declares the CPU-grid entry points the tests and demos call.
#include <cstddef>
#include <cstdint>
#include <span>

#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/launch.hpp"

namespace hpc::gpu_lab {

// y[i] = a * x[i] + y[i]. x and y of different sizes: std::invalid_argument naming both sizes.
void saxpy_on_cpu_grid(float a, std::span<const float> x, std::span<float> y, Launch launch = {},
                       const hpc::gpu::LaunchOptions& options = {});

// out[i] = expf(x[i]) + expf(y[i]) (the book's exp(x)+exp(y)). Sizes must match.
void expon_on_cpu_grid(std::span<const float> x, std::span<const float> y, std::span<float> out,
                       Launch launch = {}, const hpc::gpu::LaunchOptions& options = {});

// A BGR image of height rows (each row_stride bytes, the first 3*width of them pixels) to gray (width
// bytes a row, no padding): gray = (29*B + 150*G + 77*R + 128) >> 8, exact integers. A 2-D grid of
// `block`-shaped blocks, x over columns and y over rows; max_blocks_per_axis > 0 caps the grid on each
// axis (the body's 2-D grid-stride loops cover the rest). Bad sizes: std::invalid_argument.
void gray_on_cpu_grid(int width, int height, std::span<const std::uint8_t> bgr, std::size_t row_stride,
                      std::span<std::uint8_t> gray, hpc::gpu::Dim3 block = {16, 16, 1},
                      unsigned max_blocks_per_axis = 0, const hpc::gpu::LaunchOptions& options = {});

}  // namespace hpc::gpu_lab
