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

// ---- given code: the CPU entry point (do not change) ---------------------------------------------------
#ifndef HPC_DEVICE_PASS
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/gpu_lab/monte_carlo.hpp"

namespace hpc::gpu_lab {

PiResult estimate_pi_on_cpu_grid(std::uint64_t samples, std::uint64_t seed, Launch launch,
                                 const hpc::gpu::LaunchOptions& options) {
  const unsigned blocks = launch.blocks != 0 ? launch.blocks : blocks_for(samples, launch.threads);
  PiResult result;
  if (blocks == 0) return result;  // no samples, no launch
  const std::size_t threads_in_grid = static_cast<std::size_t>(blocks) * launch.threads;
  // A slot no thread writes stays at the poison value, which the totals below make obvious.
  constexpr std::uint64_t kUnwritten = std::numeric_limits<std::uint64_t>::max();
  result.hits_per_thread.assign(threads_in_grid, kUnwritten);
  result.drawn_per_thread.assign(threads_in_grid, kUnwritten);
  hpc::gpu::launch(
      {blocks, 1, 1}, {launch.threads, 1, 1},
      [&](const hpc::gpu::CpuThread& t) {
        pi_body(t, samples, seed, result.hits_per_thread.data(), result.drawn_per_thread.data());
      },
      options);
  for (std::size_t i = 0; i < threads_in_grid; ++i) {
    result.hits += result.hits_per_thread[i];
    result.samples += result.drawn_per_thread[i];
  }
  result.estimate = result.samples == 0 ? 0.0 : 4.0 * static_cast<double>(result.hits) / result.samples;
  return result;
}

}  // namespace hpc::gpu_lab
#endif
