// Lab 12, task 5 on a real GPU (given code, not graded as yours): your sum_with and expon_with called with
// thrust::device on device memory. Compiled by nvcc once per implementation, like lab_device.cu, with that
// implementation's src folder on the include path; HPC_DEVICE_PASS hides thrust_algos.cpp's CPU entry
// points. A file of its own: Thrust's headers cost nvcc several times what the kernels of tasks 1-4 do, so
// an edit to those kernels does not recompile them, and the two files build in parallel.
#define HPC_DEVICE_PASS

#include <cuda_runtime.h>
#include <thrust/execution_policy.h>

#include <span>

#include "device_glue.hpp"
#include "hpc/gpu/cuda_check.hpp"
#include "hpc/gpu_lab/device.hpp"

// The implementation's Thrust code (labs/12-gpu/src or solutions/12-gpu/src, from the include path).
#include "thrust_algos.cpp"

namespace hpc::gpu_lab {

using glue::DeviceBuffer;
using glue::require_same_size;

double thrust_sum_on_device(std::span<const float> x) {
  hpc::gpu::require_device();
  DeviceBuffer<float> d_x(x.size());
  d_x.upload(x.data());
  const double sum = sum_with(thrust::device, d_x.get(), d_x.get() + x.size());
  HPC_CUDA_CHECK(cudaGetLastError());
  return sum;
}

void thrust_expon_on_device(std::span<const float> x, std::span<const float> y, std::span<float> out) {
  hpc::gpu::require_device();
  require_same_size("thrust_expon_on_device: x and y", x.size(), y.size());
  require_same_size("thrust_expon_on_device: x and out", x.size(), out.size());
  if (x.empty()) return;
  DeviceBuffer<float> d_x(x.size()), d_y(y.size()), d_out(out.size());
  d_x.upload(x.data());
  d_y.upload(y.data());
  expon_with(thrust::device, d_x.get(), d_y.get(), d_out.get(), x.size());
  HPC_CUDA_CHECK(cudaGetLastError());
  d_out.download(out.data());
}

}  // namespace hpc::gpu_lab
