// The CPU ways that chapter 12's demos and benchmark put beside the GPU kernels, written once: a plain
// serial loop, the same loop shared out by OpenMP, and Thrust's transform on its OpenMP backend (the call
// that runs on a GPU when nvcc compiles it with thrust::device). The lab's own kernels (the CPU grid, the
// blocked matmul, the device) come from lab12_reference; these are the baselines they are measured against.
//
// A target that includes this header links hpc::thrust_cpu (Debian's Thrust, OpenMP backend, -fopenmp).
#pragma once

#include <math.h>  // expf in the global namespace, as the kernel bodies use it
#include <thrust/system/omp/execution_policy.h>
#include <thrust/transform.h>

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>

namespace hpc::gpu_demo {

// Two arrays of different lengths are a caller's mistake that a loop would turn into a buffer overrun.
inline void require_same_size(std::size_t a, std::size_t b, const char* what) {
  if (a != b) {
    throw std::invalid_argument(std::string(what) + ": sizes differ (" + std::to_string(a) + " and " +
                                std::to_string(b) + ")");
  }
}

// y = a * x + y: 2 flops per element for 12 bytes moved (x and y read, y written).
inline void saxpy_serial(float a, std::span<const float> x, std::span<float> y) {
  require_same_size(x.size(), y.size(), "saxpy");
  for (std::size_t i = 0; i < x.size(); ++i) y[i] = a * x[i] + y[i];
}

inline void saxpy_openmp(float a, std::span<const float> x, std::span<float> y) {
  require_same_size(x.size(), y.size(), "saxpy");
  const auto n = static_cast<std::ptrdiff_t>(x.size());
  const float* xs = x.data();
  float* ys = y.data();
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) ys[i] = a * xs[i] + ys[i];
}

// [snippet:thrust-saxpy]
struct SaxpyOp {
  float a;
  float operator()(float xi, float yi) const { return a * xi + yi; }
};

inline void saxpy_thrust(float a, std::span<const float> x, std::span<float> y) {
  require_same_size(x.size(), y.size(), "saxpy");
  thrust::transform(thrust::omp::par, x.data(), x.data() + x.size(), y.data(), y.data(), SaxpyOp{a});
}
// [/snippet:thrust-saxpy]

// out = exp(x) + exp(y), the book's Numba ufunc: two expf calls (tens of flops each) per 12 bytes moved,
// so on a CPU it is bound by arithmetic, not by memory, and a second core doubles its speed.
inline void expon_serial(std::span<const float> x, std::span<const float> y, std::span<float> out) {
  require_same_size(x.size(), y.size(), "expon");
  require_same_size(x.size(), out.size(), "expon");
  for (std::size_t i = 0; i < x.size(); ++i) out[i] = expf(x[i]) + expf(y[i]);
}

inline void expon_openmp(std::span<const float> x, std::span<const float> y, std::span<float> out) {
  require_same_size(x.size(), y.size(), "expon");
  require_same_size(x.size(), out.size(), "expon");
  const auto n = static_cast<std::ptrdiff_t>(x.size());
  const float* xs = x.data();
  const float* ys = y.data();
  float* os = out.data();
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) os[i] = expf(xs[i]) + expf(ys[i]);
}

struct ExponOp {
  float operator()(float xi, float yi) const { return expf(xi) + expf(yi); }
};

inline void expon_thrust(std::span<const float> x, std::span<const float> y, std::span<float> out) {
  require_same_size(x.size(), y.size(), "expon");
  require_same_size(x.size(), out.size(), "expon");
  thrust::transform(thrust::omp::par, x.data(), x.data() + x.size(), y.data(), out.data(), ExponOp{});
}

// C = A * B, row-major n x n, the textbook triple loop: the inner loop walks B down a column (a stride of
// n floats), so every multiply-add waits for a cache line it uses one float of. The baseline that
// blocking (and, on a GPU, shared-memory tiles) exists to beat.
inline void matmul_naive_serial(int n, std::span<const float> a, std::span<const float> b,
                                std::span<float> c) {
  const auto size = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  require_same_size(a.size(), size, "matmul A");
  require_same_size(b.size(), size, "matmul B");
  require_same_size(c.size(), size, "matmul C");
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      float sum = 0;
      for (int k = 0; k < n; ++k)
        sum += a[static_cast<std::size_t>(i) * n + k] * b[static_cast<std::size_t>(k) * n + j];
      c[static_cast<std::size_t>(i) * n + j] = sum;
    }
  }
}

}  // namespace hpc::gpu_demo
