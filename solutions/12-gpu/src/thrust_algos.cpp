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
