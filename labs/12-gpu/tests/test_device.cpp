// Lab 12 on a real GPU: your kernel bodies compiled by nvcc (chapters/12-gpu/device/lab_device.cu) must give
// what the same bodies give on the CPU grid and what a serial computation gives. These tests run where a
// CUDA device exists (the maintainer's `common/course cuda`) and are skipped elsewhere with the reason.
// Each prints both times: with the copies to and from the device, and the kernel alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/gpu/device.hpp"
#include "hpc/gpu/testing.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/elementwise.hpp"
#include "hpc/gpu_lab/monte_carlo.hpp"
#include "hpc/gpu_lab/reduction.hpp"
#include "hpc/gpu_lab/thrust_algos.hpp"
#include "matmul_support.hpp"

namespace {

using hpc::gpu_lab::DeviceTiming;
using hpc::gpu_lab::testing::matmul_problem;
using hpc::gpu_lab::testing::random_matrix;

std::vector<float> uniform(std::size_t n, float low, float high, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> value(low, high);
  std::vector<float> v(n);
  for (float& x : v) x = value(gen);
  return v;
}

void print_timing(const std::string& what, const DeviceTiming& timing) {
  std::cout << "[ device   ] " << what << ": " << timing.total_seconds * 1e3 << " ms with copies, "
            << timing.kernel_seconds * 1e3 << " ms kernel only (" << hpc::gpu::device_info().name << ")"
            << std::endl;
}

// Floats a and b at most `ulps` representable values apart (NaN never is).
bool within_ulps(float a, float b, int ulps) {
  if (std::isnan(a) || std::isnan(b)) return false;
  float step = a;
  for (int i = 0; i < ulps && step != b; ++i) step = std::nextafter(step, b);
  return step == b;
}

constexpr std::size_t kLength = 1'000'003;  // not a multiple of any block size

GRADED_TEST(Device, SaxpyMatchesSerial, 1) {
  HPC_REQUIRE_CUDA_DEVICE();
  const std::vector<float> x = uniform(kLength, -1, 1, 1), y0 = uniform(kLength, -1, 1, 2);
  std::vector<float> y = y0;
  print_timing("saxpy, 10^6 elements", hpc::gpu_lab::saxpy_on_device(2.5f, x, y));
  for (std::size_t i = 0; i < kLength; ++i) {
    // nvcc may fuse a*x+y into one multiply-add (one rounding instead of two): 1 ulp of freedom.
    ASSERT_TRUE(within_ulps(y[i], 2.5f * x[i] + y0[i], 1))
        << "y[" << i << "] = " << y[i] << " instead of " << 2.5f * x[i] + y0[i]
        << (y[i] == y0[i] ? " — never written: is the body still the stub?" : "");
  }
}

GRADED_TEST(Device, ExponMatchesCpuGrid, 1) {
  HPC_REQUIRE_CUDA_DEVICE();
  const std::vector<float> x = uniform(kLength, -4, 4, 3), y = uniform(kLength, -4, 4, 4);
  std::vector<float> on_device(kLength, std::numeric_limits<float>::quiet_NaN());
  print_timing("exp(x)+exp(y), 10^6 elements", hpc::gpu_lab::expon_on_device(x, y, on_device));
  for (std::size_t i = 0; i < kLength; ++i) {
    // CUDA documents expf within 2 ulp of exp; with the sum that leaves 4 ulp of the host result.
    const float want = std::exp(x[i]) + std::exp(y[i]);
    ASSERT_TRUE(within_ulps(on_device[i], want, 4))
        << "out[" << i << "] = " << on_device[i] << " instead of " << want
        << (std::isnan(on_device[i]) ? " — never written: is the body still the stub?" : "");
  }
}

GRADED_TEST(Device, GrayMatchesCpuGrid, 1) {
  HPC_REQUIRE_CUDA_DEVICE();
  const int width = 1001, height = 517;
  const std::size_t stride = 3 * width + 5;
  std::vector<std::uint8_t> bgr(stride * height);
  std::mt19937 gen(5);
  for (auto& v : bgr) v = std::uint8_t(gen());
  std::vector<std::uint8_t> on_device(std::size_t(width) * height, 0), on_cpu(on_device.size(), 0);
  print_timing("gray 1001x517", hpc::gpu_lab::gray_on_device(width, height, bgr, stride, on_device));
  hpc::gpu_lab::gray_on_cpu_grid(width, height, bgr, stride, on_cpu);
  for (int r = 0; r < height; ++r) {
    for (int c = 0; c < width; ++c) {
      const std::uint8_t* p = &bgr[r * stride + 3 * c];
      const int want = (29 * p[0] + 150 * p[1] + 77 * p[2] + 128) >> 8;
      const std::size_t i = std::size_t(r) * width + c;
      ASSERT_EQ(int(on_device[i]), want) << "pixel (" << c << ", " << r << ") on the device";
      ASSERT_EQ(on_device[i], on_cpu[i]) << "pixel (" << c << ", " << r << "): device and CPU grid differ";
    }
  }
}

GRADED_TEST(Device, PiMatchesCpuGrid, 1) {
  HPC_REQUIRE_CUDA_DEVICE();
  const std::uint64_t samples = 10'000'000, seed = 2024;
  const hpc::gpu_lab::PiResult device = hpc::gpu_lab::estimate_pi_on_device(samples, seed, {64, 128});
  const hpc::gpu_lab::PiResult cpu = hpc::gpu_lab::estimate_pi_on_cpu_grid(samples, seed, {64, 128});
  EXPECT_EQ(device.samples, samples) << "points drawn on the device, all threads together";
  EXPECT_NEAR(device.estimate, 3.14159265358979, 0.005) << "10^7 points: pi within 0.005 (about 6 sigma)";
  EXPECT_EQ(device.hits, cpu.hits) << "the same seed and launch must give the same points on both grids";
  EXPECT_TRUE(device.hits_per_thread == cpu.hits_per_thread) << "per-thread hits differ between the grids";
}

GRADED_TEST(Device, BlockSumMatchesSerial, 2) {
  HPC_REQUIRE_CUDA_DEVICE();
  const std::vector<float> x = uniform(10'000'019, 0, 1, 6);
  double want = 0;
  for (const float v : x) want += v;
  for (const hpc::gpu_lab::Launch launch : {hpc::gpu_lab::Launch{}, hpc::gpu_lab::Launch{7, 96},
                                            hpc::gpu_lab::Launch{160, 33}, hpc::gpu_lab::Launch{1, 1024}}) {
    DeviceTiming timing;
    const double got = hpc::gpu_lab::sum_on_device(x, launch, &timing);
    print_timing(
        "block sum of 10^7, " + std::to_string(launch.blocks) + " x " + std::to_string(launch.threads),
        timing);
    EXPECT_NEAR(got, want, 1e-9 * want) << launch.blocks << " blocks of " << launch.threads << " threads"
                                        << (std::isnan(got) ? ": NaN, a partial never written" : "");
  }
}

void expect_matmul(const char* what, int n,
                   DeviceTiming (*matmul)(int, std::span<const float>, std::span<const float>,
                                          std::span<float>, unsigned)) {
  const std::vector<float> a = random_matrix(n, 7), b = random_matrix(n, 8);
  for (const unsigned tile : {8u, 16u, 32u}) {
    std::vector<float> c(a.size(), hpc::gpu_lab::testing::kPoison);
    print_timing(std::string(what) + " " + std::to_string(n) + "², tile " + std::to_string(tile),
                 matmul(n, a, b, c, tile));
    const std::string problem = matmul_problem(n, a, b, c, 1e-3);
    ASSERT_TRUE(problem.empty()) << what << ", tile " << tile << ": " << problem;
  }
}

GRADED_TEST(Device, MatmulNaiveRight, 1) {
  HPC_REQUIRE_CUDA_DEVICE();
  expect_matmul("naive matmul", 333, hpc::gpu_lab::matmul_naive_on_device);
}

GRADED_TEST(Device, MatmulTiledRight, 2) {
  HPC_REQUIRE_CUDA_DEVICE();
  expect_matmul("tiled matmul", 333, hpc::gpu_lab::matmul_tiled_on_device);
}

GRADED_TEST(Device, TiledThreeTimesNaiveOn2048, 2) {
  HPC_REQUIRE_CUDA_DEVICE();
  const int n = 2048;
  const std::vector<float> a = random_matrix(n, 9), b = random_matrix(n, 10);
  std::vector<float> c(a.size());
  std::vector<double> naive, tiled;
  hpc::gpu_lab::matmul_naive_on_device(n, a, b, c);  // warm-up: the first launch pays for the context
  for (int run = 0; run < 5; ++run) {
    naive.push_back(hpc::gpu_lab::matmul_naive_on_device(n, a, b, c).kernel_seconds);
    tiled.push_back(hpc::gpu_lab::matmul_tiled_on_device(n, a, b, c).kernel_seconds);
  }
  ASSERT_TRUE(matmul_problem(n, a, b, c, 1e-3).empty()) << "the tiled result of 2048² is wrong";
  std::sort(naive.begin(), naive.end());
  std::sort(tiled.begin(), tiled.end());
  const DeviceTiming cublas = hpc::gpu_lab::matmul_cublas_on_device(n, a, b, c);
  const double flop = 2.0 * n * n * double(n);
  std::cout << "[ device   ] 2048² kernels, median of 5: naive " << naive[2] * 1e3 << " ms ("
            << flop / naive[2] / 1e9 << " GFLOP/s), tiled " << tiled[2] * 1e3 << " ms ("
            << flop / tiled[2] / 1e9 << " GFLOP/s), cuBLAS " << cublas.kernel_seconds * 1e3 << " ms"
            << std::endl;
  EXPECT_GE(naive[2] / tiled[2], 3.0) << "tiled kernel only " << naive[2] / tiled[2]
                                      << "x the naive one: does it read its tiles from shared memory?";
}

GRADED_TEST(Device, ThrustMatchesCpuBackend, 1) {
  HPC_REQUIRE_CUDA_DEVICE();
  const std::vector<float> x = uniform(kLength, 0, 1, 11), y = uniform(kLength, -4, 4, 12);
  EXPECT_NEAR(hpc::gpu_lab::thrust_sum_on_device(x), hpc::gpu_lab::thrust_sum(x), 1e-9 * kLength);
  std::vector<float> on_device(kLength, std::numeric_limits<float>::quiet_NaN()), on_cpu(kLength);
  hpc::gpu_lab::thrust_expon_on_device(x, y, on_device);
  hpc::gpu_lab::thrust_expon(x, y, on_cpu);
  for (std::size_t i = 0; i < kLength; ++i) {
    ASSERT_TRUE(within_ulps(on_device[i], on_cpu[i], 4))
        << "out[" << i << "]: device " << on_device[i] << ", CPU backend " << on_cpu[i];
  }
}

// The given glue, not your code: cuBLAS through the row-major trick gives A·B.
TEST(DeviceGlue, CublasRight) {
  HPC_REQUIRE_CUDA_DEVICE();
  const int n = 333;
  const std::vector<float> a = random_matrix(n, 13), b = random_matrix(n, 14);
  std::vector<float> c(a.size(), hpc::gpu_lab::testing::kPoison);
  print_timing("cuBLAS sgemm 333²", hpc::gpu_lab::matmul_cublas_on_device(n, a, b, c));
  const std::string problem = matmul_problem(n, a, b, c, 1e-3);
  EXPECT_TRUE(problem.empty()) << problem;
}

// Without a device, the device entry points say so with an exception, never a crash.
TEST(DeviceGlue, WithoutADeviceAClearError) {
  if (hpc::gpu::device_info().available) GTEST_SKIP() << "a CUDA device is present";
  std::vector<float> x(10, 1.0f), y(10, 2.0f);
  try {
    hpc::gpu_lab::saxpy_on_device(2.0f, x, y);
    FAIL() << "saxpy_on_device returned without a device";
  } catch (const hpc::gpu::NoDevice& e) {
    EXPECT_NE(std::string(e.what()).find("no CUDA device"), std::string::npos) << e.what();
    std::cout << "[ device   ] " << e.what() << std::endl;
  } catch (const hpc::gpu::CudaError& e) {
    EXPECT_FALSE(e.error_name().empty()) << e.what();
    std::cout << "[ device   ] " << e.what() << std::endl;
  }
  EXPECT_EQ(y, std::vector<float>(10, 2.0f)) << "y changed although nothing ran";
}

}  // namespace
