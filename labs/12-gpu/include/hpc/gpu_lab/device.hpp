#pragma once
// Lab 12 on a real GPU: the same kernel bodies as the CPU grid runs, compiled by nvcc into __global__
// kernels by chapters/12-gpu/device/lab_device.cu (given code: transfers, launches, timing). In a build
// without nvcc, or on a machine without a device, every function here throws hpc::gpu::NoDevice (or
// hpc::gpu::CudaError for a failed CUDA call) with the reason; none of them crashes.
// Sizes are checked as the CPU entry points check them (std::invalid_argument naming both sizes).
#include <cstdint>
#include <span>

#include "hpc/gpu/device.hpp"
#include "hpc/gpu_lab/launch.hpp"
#include "hpc/gpu_lab/monte_carlo.hpp"

namespace hpc::gpu_lab {

DeviceTiming saxpy_on_device(float a, std::span<const float> x, std::span<float> y, Launch launch = {});
DeviceTiming expon_on_device(std::span<const float> x, std::span<const float> y, std::span<float> out,
                             Launch launch = {});
DeviceTiming gray_on_device(int width, int height, std::span<const std::uint8_t> bgr, std::size_t row_stride,
                            std::span<std::uint8_t> gray);
PiResult estimate_pi_on_device(std::uint64_t samples, std::uint64_t seed, Launch launch = {64, 128});
// timing, when given, receives the transfer-inclusive and the kernel-only time.
double sum_on_device(std::span<const float> x, Launch launch = {}, DeviceTiming* timing = nullptr);
DeviceTiming matmul_naive_on_device(int n, std::span<const float> a, std::span<const float> b,
                                    std::span<float> c, unsigned tile = 16);
DeviceTiming matmul_tiled_on_device(int n, std::span<const float> a, std::span<const float> b,
                                    std::span<float> c, unsigned tile = 16);
// cuBLAS sgemm on the same row-major matrices, for comparison.
DeviceTiming matmul_cublas_on_device(int n, std::span<const float> a, std::span<const float> b,
                                     std::span<float> c);
double thrust_sum_on_device(std::span<const float> x);
void thrust_expon_on_device(std::span<const float> x, std::span<const float> y, std::span<float> out);

}  // namespace hpc::gpu_lab
