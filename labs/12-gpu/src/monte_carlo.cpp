// Lab 12, task 2 (labs/12-gpu/LAB.md): Monte Carlo pi with one random stream per thread — the lab's
// open-design task. Everything above the line "given code" is yours; the device glue compiles this file
// with nvcc as well (only what thread.hpp allows, and rng.hpp's mix64 and uniform01).
#include <cstdint>

#include "hpc/gpu/thread.hpp"
#include "hpc/gpu_lab/rng.hpp"

namespace hpc::gpu_lab {

// Global thread g (blockIdx.x * blockDim.x + threadIdx.x) draws its share of the `samples` points from
// its own stream derived from (seed, g), counts those with x*x + y*y <= 1, and writes hits[g] and
// drawn[g]. Together the threads draw exactly `samples` points.
template <class T>
HPC_HD void pi_body([[maybe_unused]] const T& t, [[maybe_unused]] std::uint64_t samples,
                    [[maybe_unused]] std::uint64_t seed, [[maybe_unused]] std::uint64_t* hits,
                    [[maybe_unused]] std::uint64_t* drawn) {
  // Your code.
}

}  // namespace hpc::gpu_lab

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/monte_carlo_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/monte_carlo_entries.inc"
#endif
