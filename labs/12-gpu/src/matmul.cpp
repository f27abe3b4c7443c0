// Lab 12, task 4 (labs/12-gpu/LAB.md): C = A·B for row-major n×n floats, three ways. Everything above the
// line "given code" is yours; the device glue (chapters/12-gpu/device) compiles the two bodies with nvcc
// too, so they may use only what thread.hpp allows. matmul_cpu_blocked is plain host code (OpenMP).
#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// One thread per element of C (row from the y axis, column from the x axis); threads outside C do nothing.
template <class T>
HPC_HD void matmul_naive_body([[maybe_unused]] const T& t, [[maybe_unused]] int n,
                              [[maybe_unused]] const float* a, [[maybe_unused]] const float* b,
                              [[maybe_unused]] float* c) {}

// Square tiles of blockDim.x == blockDim.y; shared<float>() holds two tiles (one of A, one of B); any n (the
// tiles at the edges padded with zeros).
template <class T>
HPC_HD void matmul_tiled_body([[maybe_unused]] const T& t, [[maybe_unused]] int n,
                              [[maybe_unused]] const float* a, [[maybe_unused]] const float* b,
                              [[maybe_unused]] float* c) {}

}  // namespace hpc::gpu_lab

#ifndef HPC_DEVICE_PASS
#include <span>

#include "hpc/common/not_implemented.hpp"
#include "hpc/gpu_lab/matmul.hpp"

namespace hpc::gpu_lab {

// Cache-blocked and OpenMP-parallel; start with check_matmul_sizes("matmul_cpu_blocked", n, a.size(), ...).
void matmul_cpu_blocked([[maybe_unused]] int n, [[maybe_unused]] std::span<const float> a,
                        [[maybe_unused]] std::span<const float> b, [[maybe_unused]] std::span<float> c) {
  hpc::common::not_implemented();
}

}  // namespace hpc::gpu_lab
#endif

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/matmul_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/matmul_entries.inc"
#endif
