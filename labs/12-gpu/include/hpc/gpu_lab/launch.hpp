#pragma once
// What every kernel of lab 12 shares: the shape of a 1-D launch, how many blocks one needs, and what a
// device run reports. Plain C++: tests, demos and the device glue all include it.
#include <cstddef>

#include "hpc/gpu/cpu_grid.hpp"

namespace hpc::gpu_lab {

// A 1-D launch: `blocks` blocks of `threads` threads. blocks == 0 means "enough for every element":
// blocks_for(n, threads).
struct Launch {
  unsigned blocks = 0;
  unsigned threads = 256;
};

// The blocks of `threads` threads needed to give each of n elements its own thread, but at most
// max_blocks (a grid-stride loop in the kernel covers the rest); 0 for n == 0.
// Throws std::invalid_argument for threads == 0, threads > 1024 or max_blocks == 0.
// (Task 1, elementwise.cpp.)
unsigned blocks_for(std::size_t n, unsigned threads, unsigned max_blocks = 65535);

// A device run's time: total_seconds includes the copies to and from the device, kernel_seconds is the
// kernel alone (CUDA events around the launch).
struct DeviceTiming {
  double total_seconds = 0;
  double kernel_seconds = 0;
};

}  // namespace hpc::gpu_lab
