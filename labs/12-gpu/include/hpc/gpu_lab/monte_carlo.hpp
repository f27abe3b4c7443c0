#pragma once
// Task 2 (open design): Monte Carlo pi with one random stream per GPU thread. The body pi_body is a
// template in monte_carlo.cpp; how a thread's stream comes from (seed, thread) and how the samples are
// split between threads is yours to decide (LAB.md says what the tests check).
#include <cstdint>
#include <vector>

#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/launch.hpp"

namespace hpc::gpu_lab {

struct PiResult {
  double estimate = 0;                          // 4 * hits / samples
  std::uint64_t hits = 0;                       // points inside the quarter circle, all threads
  std::uint64_t samples = 0;                    // points drawn, all threads
  std::vector<std::uint64_t> hits_per_thread;   // one entry per global thread of the launch
  std::vector<std::uint64_t> drawn_per_thread;  // likewise: how many points that thread drew
};

// Draws `samples` points in the unit square with a launch of launch.blocks x launch.threads threads
// (blocks == 0: one block per `threads` samples, at most 65535) and counts those with x*x + y*y <= 1.
// The same (samples, seed, launch) gives the same result in any launch order.
PiResult estimate_pi_on_cpu_grid(std::uint64_t samples, std::uint64_t seed, Launch launch = {64, 128},
                                 const hpc::gpu::LaunchOptions& options = {});

}  // namespace hpc::gpu_lab
