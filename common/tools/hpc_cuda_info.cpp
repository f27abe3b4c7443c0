// hpc-cuda-info: which CUDA device this build sees (used by `common/course cuda`). Prints the device's
// name and estimated peaks and exits 0, or "no CUDA device: <reason>" and exits 1.
#include <cstdio>

#include "hpc/gpu/device.hpp"

int main() {
  const hpc::gpu::DeviceInfo& info = hpc::gpu::device_info();
  if (!info.available) {
    std::printf("no CUDA device: %s\n", info.reason.c_str());
    return 1;
  }
  std::printf("CUDA device: %s (compute capability %d.%d, %d multiprocessors)\n", info.name.c_str(),
              info.compute_major, info.compute_minor, info.multiprocessors);
  std::printf("estimated peaks: %.0f GB/s memory bandwidth, %.0f GFLOP/s FP32\n", info.peak_bandwidth_gb_s,
              info.peak_fp32_gflop_s);
  return 0;
}
