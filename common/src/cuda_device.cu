// device_info() from the CUDA runtime (device 0). It never throws: a machine without a GPU, or without a
// driver, is a normal answer ("no CUDA device: <reason>"), and tests skip on it.
#include <cuda_runtime.h>

#include <string>

#include "hpc/gpu/device.hpp"

namespace hpc::gpu {

namespace {

std::string describe(cudaError_t status) {
  return std::string(cudaGetErrorName(status)) + ": " + cudaGetErrorString(status);
}

// FP32 lanes per multiprocessor by compute capability (NVIDIA's CUDA C++ Programming Guide, "Compute
// Capabilities" table); 0 for one this table does not know, and the peak is then left at 0 (unknown).
int fp32_lanes_per_sm(int major, int minor) {
  switch (major) {
    case 5:
      return 128;
    case 6:
      return minor == 0 ? 64 : 128;
    case 7:
      return 64;
    case 8:
      return minor == 0 ? 64 : 128;
    case 9:
    case 10:
    case 11:
    case 12:
      return 128;
    default:
      return 0;
  }
}

int attribute(cudaDeviceAttr what, int device) {
  int value = 0;
  // CUDA 13 removed clockRate and memoryClockRate from cudaDeviceProp; the attributes remain.
  if (cudaDeviceGetAttribute(&value, what, device) != cudaSuccess) return 0;
  return value;
}

DeviceInfo query() {
  DeviceInfo info;
  int count = 0;
  if (const cudaError_t status = cudaGetDeviceCount(&count); status != cudaSuccess) {
    info.reason = describe(status);
    cudaGetLastError();  // clear the sticky "last error" so later checks start clean
    return info;
  }
  if (count == 0) {
    info.reason = describe(cudaErrorNoDevice);  // the runtime usually reports this itself
    return info;
  }
  cudaDeviceProp prop{};
  if (const cudaError_t status = cudaGetDeviceProperties(&prop, 0); status != cudaSuccess) {
    info.reason = describe(status);
    cudaGetLastError();
    return info;
  }
  info.available = true;
  info.name = prop.name;
  info.compute_major = prop.major;
  info.compute_minor = prop.minor;
  info.multiprocessors = prop.multiProcessorCount;
  const double memory_khz = attribute(cudaDevAttrMemoryClockRate, 0);
  const double bus_bits = attribute(cudaDevAttrGlobalMemoryBusWidth, 0);
  const double core_khz = attribute(cudaDevAttrClockRate, 0);
  // Double data rate: two transfers of the bus width per memory clock.
  info.peak_bandwidth_gb_s = 2.0 * memory_khz * 1e3 * (bus_bits / 8.0) / 1e9;
  // One fused multiply-add (2 FLOP) per lane per clock.
  info.peak_fp32_gflop_s =
      2.0 * info.multiprocessors * fp32_lanes_per_sm(prop.major, prop.minor) * core_khz * 1e3 / 1e9;
  return info;
}

}  // namespace

const DeviceInfo& device_info() {
  static const DeviceInfo info = query();
  return info;
}

}  // namespace hpc::gpu
