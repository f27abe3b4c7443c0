// Self-test of the device query and the CUDA error check (hpc/gpu/device.hpp, cuda_check.hpp). On a
// machine without a GPU (this course's CI) it proves the "no device" path says why; with nvcc it also
// proves that HPC_CUDA_CHECK turns a failing call into a CudaError naming the call, the error and the line.
#include <gtest/gtest.h>

#include <iostream>
#include <string>

#include "hpc/gpu/device.hpp"
#include "hpc/gpu/testing.hpp"
#if defined(HPC_TEST_HAVE_CUDA)
#include "hpc/gpu/cuda_check.hpp"
#endif

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(DeviceInfo, SaysWhyThereIsNoDeviceOrDescribesIt) {
  const hpc::gpu::DeviceInfo& info = hpc::gpu::device_info();
  if (info.available) {
    EXPECT_FALSE(info.name.empty());
    EXPECT_GT(info.multiprocessors, 0);
    EXPECT_GT(info.peak_bandwidth_gb_s, 0.0);
    EXPECT_GE(info.peak_fp32_gflop_s, 0.0);  // 0 only for a compute capability the table does not know
    std::cout << "device: " << info.name << " (" << info.compute_major << "." << info.compute_minor << ", "
              << info.peak_bandwidth_gb_s << " GB/s, " << info.peak_fp32_gflop_s << " GFLOP/s)\n";
    return;
  }
#if defined(HPC_TEST_HAVE_CUDA)
  EXPECT_TRUE(info.reason.rfind("cudaError", 0) == 0)
      << "the reason should start with CUDA's error name: " << info.reason;
#else
  EXPECT_TRUE(contains(info.reason, "no CUDA compiler (nvcc)")) << info.reason;
#endif
  std::cout << "no CUDA device: " << info.reason << "\n";
}

TEST(DeviceInfo, RequireDeviceThrowsNoDeviceWithTheReason) {
  const hpc::gpu::DeviceInfo& info = hpc::gpu::device_info();
  if (info.available) {
    EXPECT_NO_THROW(hpc::gpu::require_device());
    return;
  }
  try {
    hpc::gpu::require_device();
    FAIL() << "require_device() returned without a device";
  } catch (const hpc::gpu::NoDevice& e) {
    EXPECT_EQ(std::string(e.what()), "no CUDA device: " + info.reason);
  }
}

TEST(DeviceInfo, RequireCudaDeviceSkipsWithoutOne) {
  HPC_REQUIRE_CUDA_DEVICE();
  EXPECT_TRUE(hpc::gpu::device_info().available)
      << "HPC_REQUIRE_CUDA_DEVICE() let a test run without a device";
}

TEST(CudaError, MessageNamesCallErrorAndLine) {
  const hpc::gpu::CudaError e("cudaMalloc(&d_x, bytes)", "cudaErrorMemoryAllocation", "out of memory",
                              "/home/me/course/chapters/12-gpu/device/lab_device.cu", 41);
  EXPECT_EQ(std::string(e.what()),
            "cudaMalloc(&d_x, bytes) failed: cudaErrorMemoryAllocation (out of memory) at lab_device.cu:41");
  EXPECT_EQ(e.call(), "cudaMalloc(&d_x, bytes)");
  EXPECT_EQ(e.error_name(), "cudaErrorMemoryAllocation");
}

#if defined(HPC_TEST_HAVE_CUDA)
TEST(CudaCheck, AFailingCallThrowsCudaError) {
  // Device 9999 exists nowhere: cudaErrorInvalidDevice with a GPU, cudaErrorNoDevice (or a driver error)
  // without one. Either way the call fails, and the check must say which call, which error and where.
  int line = 0;
  try {
    line = __LINE__ + 1;
    HPC_CUDA_CHECK(cudaSetDevice(9999));
    FAIL() << "cudaSetDevice(9999) succeeded";
  } catch (const hpc::gpu::CudaError& e) {
    const std::string what = e.what();
    EXPECT_TRUE(contains(what, "cudaSetDevice(9999) failed: cudaError")) << what;
    EXPECT_TRUE(contains(what, "test_cuda_check.cpp:" + std::to_string(line))) << what;
    EXPECT_EQ(e.call(), "cudaSetDevice(9999)");
    EXPECT_TRUE(e.error_name().rfind("cudaError", 0) == 0) << e.error_name();
  }
  cudaGetLastError();
}
#endif

}  // namespace
