// Lab 12, task 2 (labs/12-gpu/LAB.md): Monte Carlo pi with one random stream per thread — reference.
// One possible design: thread g's stream is the counter sequence key_g + 0, key_g + 1, ... through mix64,
// with key_g = mix64(mix64(seed) + g); thread g draws samples / threads points, plus one when g is below
// the remainder. Neither depends on the order the threads run in.
#include <cstdint>

#include "hpc/gpu/thread.hpp"
#include "hpc/gpu_lab/rng.hpp"

namespace hpc::gpu_lab {

template <class T>
HPC_HD void pi_body(const T& t, std::uint64_t samples, std::uint64_t seed, std::uint64_t* hits,
                    std::uint64_t* drawn) {
  const std::uint64_t thread = static_cast<std::uint64_t>(t.block_idx.x) * t.block_dim.x + t.thread_idx.x;
  const std::uint64_t threads = static_cast<std::uint64_t>(t.block_dim.x) * t.grid_dim.x;
  const std::uint64_t mine = samples / threads + (thread < samples % threads ? 1 : 0);
  const std::uint64_t key = mix64(mix64(seed) + thread);
  std::uint64_t inside = 0;  // an integer count: a float one stops growing at 2^24
  for (std::uint64_t i = 0; i < mine; ++i) {
    const float x = uniform01(mix64(key + 2 * i));
    const float y = uniform01(mix64(key + 2 * i + 1));
    inside += (x * x + y * y <= 1.0f) ? 1 : 0;
  }
  hits[thread] = inside;
  drawn[thread] = mine;
}

}  // namespace hpc::gpu_lab

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/monte_carlo_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/monte_carlo_entries.inc"
#endif
