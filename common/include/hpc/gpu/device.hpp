#pragma once
// Is there a CUDA device, and which? Plain C++ (no CUDA headers), so tests, demos and benchmarks compiled
// by g++ can ask. Built from common/src/cuda_device.cu where nvcc exists; without nvcc a fallback says
// so. Never throws: on a machine without a GPU the answer carries the reason CUDA gave.
#include <stdexcept>
#include <string>

namespace hpc::gpu {

struct DeviceInfo {
  bool available = false;
  std::string reason;  // why not, when !available: CUDA's own error name and text, or "this build has no CUDA compiler (nvcc): ..."
  std::string name;    // e.g. "NVIDIA H100 80GB HBM3"
  int compute_major = 0, compute_minor = 0;
  int multiprocessors = 0;
  double peak_bandwidth_gb_s = 0;  // from the memory clock and bus width
  double peak_fp32_gflop_s = 0;    // cores x clock x 2 (a multiply-add), estimated from the compute capability
};

// Device 0, asked once per process.
const DeviceInfo& device_info();

// A failed CUDA runtime call, thrown by HPC_CUDA_CHECK (cuda_check.hpp): what() names the call, CUDA's
// error name and text, and the source line, e.g.
//   "cudaMalloc(&d_x, bytes) failed: cudaErrorMemoryAllocation (out of memory) at lab_device.cu:41"
class CudaError : public std::runtime_error {
 public:
  CudaError(std::string call, std::string error_name, const std::string& error_text, const char* file, int line);
  const std::string& call() const { return call_; }
  const std::string& error_name() const { return error_name_; }

 private:
  std::string call_, error_name_;
};

// Thrown by code that needs a device when there is none (the reason of device_info()).
class NoDevice : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws NoDevice("no CUDA device: <reason>") unless device_info().available.
void require_device();

}  // namespace hpc::gpu
