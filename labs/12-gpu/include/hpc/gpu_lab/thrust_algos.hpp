#pragma once
// Task 5: the same algorithms written with Thrust, one source for the CPU (g++, Debian's Thrust on its
// OpenMP backend) and the GPU (nvcc, thrust::device). The template bodies live in thrust_algos.cpp, which
// alone includes Thrust (it costs seconds per file); this header declares plain functions.
#include <span>

namespace hpc::gpu_lab {

// The sum of x, accumulated in double (a float accumulator drifts over millions of elements). 0 for empty x.
double thrust_sum(std::span<const float> x);

// out[i] = expf(x[i]) + expf(y[i]); sizes must match (std::invalid_argument naming them).
void thrust_expon(std::span<const float> x, std::span<const float> y, std::span<float> out);

}  // namespace hpc::gpu_lab
