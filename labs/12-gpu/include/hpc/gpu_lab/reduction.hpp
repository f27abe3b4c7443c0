#pragma once
// Lab 12, task 3: a block reduction with shared memory and barriers (labs/12-gpu/LAB.md). The kernel body
// block_sum_body is a template in reduction.cpp (the device glue compiles that file with nvcc); this header
// declares what runs it on the CPU grid.
#include <span>

#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/launch.hpp"

namespace hpc::gpu_lab {

// The sum of x, computed in double by block_sum_body on hpc::gpu::launch_cooperative: every block writes one
// partial sum, the host adds the partials. launch.blocks == 0 asks blocks_for(x.size(), launch.threads);
// launch.threads may be any count from 1 to 1024, not only a power of two. An empty x gives 0.
double sum_on_cpu_grid(std::span<const float> x, Launch launch = {8, 128},
                       const hpc::gpu::LaunchOptions& options = {});

}  // namespace hpc::gpu_lab
