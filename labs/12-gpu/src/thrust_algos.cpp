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

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/thrust_algos_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/thrust_algos_entries.inc"
#endif
