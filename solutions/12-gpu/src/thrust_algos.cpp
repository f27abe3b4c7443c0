// Lab 12, task 5 (labs/12-gpu/LAB.md): a reduction and a transform with Thrust — reference.
// One source for both sides: the CPU entry points below run these templates with thrust::omp::par on host
// pointers, the device glue with thrust::device on device pointers.
#include <math.h>  // expf in the global namespace, as CUDA has it
#include <thrust/functional.h>
#include <thrust/transform.h>
#include <thrust/transform_reduce.h>

#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

struct ToDouble {
  HPC_HD double operator()(float v) const { return static_cast<double>(v); }
};

struct ExpSum {
  HPC_HD float operator()(float a, float b) const { return expf(a) + expf(b); }
};

// Each element widened to double before it is added, so the partial sums are doubles too.
template <class Policy>
double sum_with(const Policy& policy, const float* first, const float* last) {
  return thrust::transform_reduce(policy, first, last, ToDouble{}, 0.0, thrust::plus<double>{});
}

template <class Policy>
void expon_with(const Policy& policy, const float* x, const float* y, float* out, std::size_t n) {
  thrust::transform(policy, x, x + n, y, out, ExpSum{});
}

}  // namespace hpc::gpu_lab

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/thrust_algos_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/thrust_algos_entries.inc"
#endif
