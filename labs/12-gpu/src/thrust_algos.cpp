// Lab 12, task 5 (labs/12-gpu/LAB.md): a reduction and a transform with Thrust, one source for the CPU
// (thrust::omp::par, host pointers) and the GPU (thrust::device, device pointers, compiled by the device
// glue). Everything above the line "given code" is yours. Functors you pass to Thrust need HPC_HD on
// operator() so that nvcc can call them on the device.
#include <math.h>  // expf in the global namespace, as CUDA has it
#include <thrust/functional.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// The sum of [first, last), accumulated in double. 0 for an empty range.
template <class Policy>
double sum_with([[maybe_unused]] const Policy& policy, [[maybe_unused]] const float* first,
                [[maybe_unused]] const float* last) {
  return 0.0;  // your code (a stub cannot throw: this body is also compiled for the device)
}

// out[i] = expf(x[i]) + expf(y[i]) for i < n.
template <class Policy>
void expon_with([[maybe_unused]] const Policy& policy, [[maybe_unused]] const float* x,
                [[maybe_unused]] const float* y, [[maybe_unused]] float* out,
                [[maybe_unused]] std::size_t n) {
  // Your code.
}

}  // namespace hpc::gpu_lab

// ---- given code: the CPU entry points (do not change) --------------------------------------------------
#ifndef HPC_DEVICE_PASS
#include <thrust/system/omp/execution_policy.h>

#include <span>
#include <stdexcept>
#include <string>

#include "hpc/gpu_lab/thrust_algos.hpp"

namespace hpc::gpu_lab {

double thrust_sum(std::span<const float> x) {
  return sum_with(thrust::omp::par, x.data(), x.data() + x.size());
}

void thrust_expon(std::span<const float> x, std::span<const float> y, std::span<float> out) {
  if (x.size() != y.size() || x.size() != out.size()) {
    throw std::invalid_argument("thrust_expon: sizes differ (x " + std::to_string(x.size()) + ", y " +
                                std::to_string(y.size()) + ", out " + std::to_string(out.size()) + ")");
  }
  expon_with(thrust::omp::par, x.data(), y.data(), out.data(), x.size());
}

}  // namespace hpc::gpu_lab
#endif
