// Lab 12 on a real GPU (given code, not graded as yours), tasks 1-4 and cuBLAS; task 5's Thrust calls are in
// lab_device_thrust.cu. Compiled by nvcc once per implementation (the student's and the reference), with
// that implementation's src folder on the include path: the kernel bodies you wrote for the CPU grid become
// the bodies of the __global__ kernels below, unchanged. HPC_DEVICE_PASS hides each file's CPU entry points
// (they are compiled by g++ into the lab's library). Thrust lives in a file of its own because its headers
// are most of nvcc's time: an edit to a kernel body then recompiles only this smaller file.
//
// Every function: a device or NoDevice, the same size checks as the CPU entry points, copies in, the
// kernel, copies out. Two times come back: `total_seconds` from the first copy in to the last copy out
// (what a caller waits for) and `kernel_seconds` for the kernel alone, both from CUDA events on the
// stream, so the GPU's own clock measures them.
#define HPC_DEVICE_PASS

#include <cublas_v2.h>
#include <cuda_runtime.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_glue.hpp"
#include "hpc/gpu/cuda_check.hpp"
#include "hpc/gpu/thread.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/matmul.hpp"

// The implementation's kernel bodies (found on this target's include path: labs/12-gpu/src or
// solutions/12-gpu/src).
#include "elementwise.cpp"
#include "matmul.cpp"
#include "monte_carlo.cpp"
#include "reduction.cpp"

// cuBLAS reports a status of its own, not a cudaError_t.
#define HPC_CUBLAS_CHECK(call)                                                                    \
  do {                                                                                            \
    const cublasStatus_t hpc_cublas_status_ = (call);                                             \
    if (hpc_cublas_status_ != CUBLAS_STATUS_SUCCESS) {                                            \
      throw ::hpc::gpu::CudaError(#call, cublasGetStatusName(hpc_cublas_status_),                 \
                                  cublasGetStatusString(hpc_cublas_status_), __FILE__, __LINE__); \
    }                                                                                             \
  } while (false)

namespace hpc::gpu_lab {
namespace {

using glue::DeviceBuffer;
using glue::require_same_size;
using glue::Timeline;
using hpc::gpu::DeviceThread;

// ---- kernels: one line each, the body does the work -----------------------------------------------------
__global__ void saxpy_kernel(std::size_t n, float a, const float* x, float* y) {
  saxpy_body(DeviceThread{}, n, a, x, y);
}
__global__ void expon_kernel(std::size_t n, const float* x, const float* y, float* out) {
  expon_body(DeviceThread{}, n, x, y, out);
}
__global__ void gray_kernel(int width, int height, const std::uint8_t* bgr, std::size_t row_stride,
                            std::uint8_t* gray) {
  gray_body(DeviceThread{}, width, height, bgr, row_stride, gray);
}
__global__ void pi_kernel(std::uint64_t samples, std::uint64_t seed, std::uint64_t* hits,
                          std::uint64_t* drawn) {
  pi_body(DeviceThread{}, samples, seed, hits, drawn);
}
__global__ void block_sum_kernel(std::size_t n, const float* x, double* partial) {
  block_sum_body(DeviceThread{}, n, x, partial);
}
__global__ void matmul_naive_kernel(int n, const float* a, const float* b, float* c) {
  matmul_naive_body(DeviceThread{}, n, a, b, c);
}
__global__ void matmul_tiled_kernel(int n, const float* a, const float* b, float* c) {
  matmul_tiled_body(DeviceThread{}, n, a, b, c);
}

// ---- helpers ------------------------------------------------------------------------------------------
unsigned blocks_of(std::size_t n, Launch launch) {
  return launch.blocks != 0 ? launch.blocks : blocks_for(n, launch.threads);
}

dim3 matmul_grid(const char* who, int n, unsigned tile) {
  if (tile == 0 || tile > 32) {
    throw std::invalid_argument(std::string(who) + ": tile " + std::to_string(tile) + " (1 to 32 allowed)");
  }
  const unsigned blocks = (unsigned(n) + tile - 1) / tile;
  return dim3(blocks, blocks, 1);
}

// Copies A and B in, runs `kernel`, copies C out: the frame the three matmuls share.
template <class Launcher>
DeviceTiming matmul_on_device(int n, std::span<const float> a, std::span<const float> b, std::span<float> c,
                              Launcher&& launch_kernel) {
  const std::size_t count = std::size_t(n) * std::size_t(n);
  DeviceBuffer<float> d_a(count), d_b(count), d_c(count);
  Timeline timeline;
  timeline.start();
  d_a.upload(a.data());
  d_b.upload(b.data());
  timeline.kernel_starts();
  launch_kernel(d_a.get(), d_b.get(), d_c.get());
  timeline.kernel_ends();
  d_c.download(c.data());
  return timeline.finish();
}

}  // namespace

// ---- entry points (device.hpp) ----------------------------------------------------------------------------
DeviceTiming saxpy_on_device(float a, std::span<const float> x, std::span<float> y, Launch launch) {
  hpc::gpu::require_device();
  require_same_size("saxpy_on_device: x and y", x.size(), y.size());
  if (x.empty()) return {};
  const unsigned blocks = blocks_of(x.size(), launch);
  DeviceBuffer<float> d_x(x.size()), d_y(y.size());
  Timeline timeline;
  timeline.start();
  d_x.upload(x.data());
  d_y.upload(y.data());
  timeline.kernel_starts();
  saxpy_kernel<<<blocks, launch.threads>>>(x.size(), a, d_x.get(), d_y.get());
  timeline.kernel_ends();
  d_y.download(y.data());
  return timeline.finish();
}

DeviceTiming expon_on_device(std::span<const float> x, std::span<const float> y, std::span<float> out,
                             Launch launch) {
  hpc::gpu::require_device();
  require_same_size("expon_on_device: x and y", x.size(), y.size());
  require_same_size("expon_on_device: x and out", x.size(), out.size());
  if (x.empty()) return {};
  const unsigned blocks = blocks_of(x.size(), launch);
  DeviceBuffer<float> d_x(x.size()), d_y(y.size()), d_out(out.size());
  Timeline timeline;
  timeline.start();
  d_x.upload(x.data());
  d_y.upload(y.data());
  timeline.kernel_starts();
  expon_kernel<<<blocks, launch.threads>>>(x.size(), d_x.get(), d_y.get(), d_out.get());
  timeline.kernel_ends();
  d_out.download(out.data());
  return timeline.finish();
}

DeviceTiming gray_on_device(int width, int height, std::span<const std::uint8_t> bgr, std::size_t row_stride,
                            std::span<std::uint8_t> gray) {
  hpc::gpu::require_device();
  if (width < 0 || height < 0) {
    throw std::invalid_argument("gray_on_device: negative size " + std::to_string(width) + "x" +
                                std::to_string(height));
  }
  const std::size_t w = std::size_t(width), h = std::size_t(height);
  if (row_stride < 3 * w) {
    throw std::invalid_argument("gray_on_device: row_stride " + std::to_string(row_stride) +
                                " is less than 3 * width = " + std::to_string(3 * w));
  }
  require_same_size("gray_on_device: gray and width * height", gray.size(), w * h);
  if (w == 0 || h == 0) return {};
  const std::size_t needed = (h - 1) * row_stride + 3 * w;
  if (bgr.size() < needed) {
    throw std::invalid_argument("gray_on_device: bgr has " + std::to_string(bgr.size()) + " bytes, " +
                                std::to_string(needed) + " needed");
  }
  const dim3 block(16, 16, 1);
  const dim3 grid(blocks_for(w, block.x), blocks_for(h, block.y), 1);
  DeviceBuffer<std::uint8_t> d_bgr(needed), d_gray(gray.size());
  Timeline timeline;
  timeline.start();
  d_bgr.upload(bgr.data());
  timeline.kernel_starts();
  gray_kernel<<<grid, block>>>(width, height, d_bgr.get(), row_stride, d_gray.get());
  timeline.kernel_ends();
  d_gray.download(gray.data());
  return timeline.finish();
}

PiResult estimate_pi_on_device(std::uint64_t samples, std::uint64_t seed, Launch launch) {
  hpc::gpu::require_device();
  const unsigned blocks = blocks_of(samples, launch);
  PiResult result;
  if (blocks == 0) return result;
  const std::size_t threads_in_grid = std::size_t(blocks) * launch.threads;
  DeviceBuffer<std::uint64_t> d_hits(threads_in_grid), d_drawn(threads_in_grid);
  // As on the CPU grid: a slot no thread writes keeps all bits set, which the totals make obvious.
  HPC_CUDA_CHECK(cudaMemset(d_hits.get(), 0xFF, d_hits.bytes()));
  HPC_CUDA_CHECK(cudaMemset(d_drawn.get(), 0xFF, d_drawn.bytes()));
  pi_kernel<<<blocks, launch.threads>>>(samples, seed, d_hits.get(), d_drawn.get());
  HPC_CUDA_CHECK(cudaGetLastError());
  result.hits_per_thread.resize(threads_in_grid);
  result.drawn_per_thread.resize(threads_in_grid);
  d_hits.download(result.hits_per_thread.data());
  d_drawn.download(result.drawn_per_thread.data());
  for (std::size_t i = 0; i < threads_in_grid; ++i) {
    result.hits += result.hits_per_thread[i];
    result.samples += result.drawn_per_thread[i];
  }
  result.estimate = result.samples == 0 ? 0.0 : 4.0 * double(result.hits) / double(result.samples);
  return result;
}

double sum_on_device(std::span<const float> x, Launch launch, DeviceTiming* timing) {
  hpc::gpu::require_device();
  if (launch.threads == 0 || launch.threads > 1024) {
    throw std::invalid_argument("sum_on_device: " + std::to_string(launch.threads) +
                                " threads per block (1 to 1024 allowed)");
  }
  const unsigned blocks = blocks_of(x.size(), launch);
  if (blocks == 0) {
    if (timing != nullptr) *timing = {};
    return 0.0;
  }
  DeviceBuffer<float> d_x(x.size());
  DeviceBuffer<double> d_partial(blocks);
  std::vector<double> partial(blocks);
  Timeline timeline;
  timeline.start();
  d_x.upload(x.data());
  timeline.kernel_starts();
  block_sum_kernel<<<blocks, launch.threads, launch.threads * sizeof(double)>>>(x.size(), d_x.get(),
                                                                                d_partial.get());
  timeline.kernel_ends();
  d_partial.download(partial.data());
  const DeviceTiming measured = timeline.finish();
  if (timing != nullptr) *timing = measured;
  double total = 0;
  for (const double p : partial) total += p;
  return total;
}

DeviceTiming matmul_naive_on_device(int n, std::span<const float> a, std::span<const float> b,
                                    std::span<float> c, unsigned tile) {
  hpc::gpu::require_device();
  check_matmul_sizes("matmul_naive_on_device", n, a.size(), b.size(), c.size());
  const dim3 grid = matmul_grid("matmul_naive_on_device", n, tile);
  if (n == 0) return {};
  return matmul_on_device(n, a, b, c, [&](const float* d_a, const float* d_b, float* d_c) {
    matmul_naive_kernel<<<grid, dim3(tile, tile, 1)>>>(n, d_a, d_b, d_c);
  });
}

DeviceTiming matmul_tiled_on_device(int n, std::span<const float> a, std::span<const float> b,
                                    std::span<float> c, unsigned tile) {
  hpc::gpu::require_device();
  check_matmul_sizes("matmul_tiled_on_device", n, a.size(), b.size(), c.size());
  const dim3 grid = matmul_grid("matmul_tiled_on_device", n, tile);
  if (n == 0) return {};
  const std::size_t shared_bytes = 2 * std::size_t(tile) * tile * sizeof(float);
  return matmul_on_device(n, a, b, c, [&](const float* d_a, const float* d_b, float* d_c) {
    matmul_tiled_kernel<<<grid, dim3(tile, tile, 1), shared_bytes>>>(n, d_a, d_b, d_c);
  });
}

DeviceTiming matmul_cublas_on_device(int n, std::span<const float> a, std::span<const float> b,
                                     std::span<float> c) {
  hpc::gpu::require_device();
  check_matmul_sizes("matmul_cublas_on_device", n, a.size(), b.size(), c.size());
  if (n == 0) return {};
  cublasHandle_t handle = nullptr;
  HPC_CUBLAS_CHECK(cublasCreate(&handle));
  try {
    const float one = 1.0f, zero = 0.0f;
    // cuBLAS is column-major: our row-major A, B, C are its Aᵀ, Bᵀ, Cᵀ. Cᵀ = Bᵀ·Aᵀ, so asking it for
    // B·A on the same memory (no transposes) leaves our row-major C = A·B.
    const DeviceTiming timing =
        matmul_on_device(n, a, b, c, [&](const float* d_a, const float* d_b, float* d_c) {
          HPC_CUBLAS_CHECK(
              cublasSgemm(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &one, d_b, n, d_a, n, &zero, d_c, n));
        });
    cublasDestroy(handle);
    return timing;
  } catch (...) {
    cublasDestroy(handle);
    throw;
  }
}

}  // namespace hpc::gpu_lab
