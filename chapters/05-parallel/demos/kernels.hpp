// The small kernels that chapter 05's demos and benchmarks both run, written once: one Monte Carlo π
// chunk, the book's particle loop with its loops swapped (one particle at a time), the triangular
// workload and the triad. Header-only, no OpenMP or oneTBB here: each demo decides how to spread these
// over threads. What lab 05 gives in its headers (the π generator, is_prime) is used from there.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "hpc/parallel/monte_carlo_pi.hpp"  // lab 05's given generator: SplitMix64, chunk_seed, unit_interval
#include "hpc/profiling/simulator.hpp"      // chapter 01's Particle and the book's step constant

namespace hpc::parallel::demos {

// [snippet:chunk-stream]
// Hits inside the quarter circle among the `samples` points of chunk `chunk`, drawn exactly as lab 05
// draws them: the chunk's own stream starts from chunk_seed(seed, chunk), which depends on the seed and
// the chunk only, never on the thread that runs it or when. So the same seed and the same chunks give
// the same hits on 1 thread or 64.
inline std::uint64_t hits_in_chunk(std::uint64_t seed, std::uint64_t chunk, std::uint64_t samples) {
  SplitMix64 stream{chunk_seed(seed, chunk)};
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < samples; ++i) {
    const double x = unit_interval(stream.next());
    const double y = unit_interval(stream.next());
    hits += (x * x + y * y <= 1.0) ? 1 : 0;
  }
  return hits;
}
// [/snippet:chunk-stream]

// [snippet:swapped-loops]
// The book's c_evolve with its loops swapped: one particle at a time, all of its steps. Particles never
// interact, so each one can go to a different thread, and each does exactly the operations of the
// steps-outer loop in the same order: the result is bit-identical to chapter 01's evolve.
inline void evolve_one(hpc::profiling::Particle& p, int nsteps) {
  using hpc::profiling::kTimestep;
  for (int step = 0; step < nsteps; ++step) {
    const double norm = std::pow(std::pow(p.x, 2) + std::pow(p.y, 2), 0.5);
    const double dir_x = -p.y / norm;
    const double dir_y = p.x / norm;
    p.x += kTimestep * p.ang_vel * dir_x;
    p.y += kTimestep * p.ang_vel * dir_y;
  }
}
// [/snippet:swapped-loops]

// Row i of the triangular workload: i + 1 units of arithmetic, so the last rows cost the most.
inline double triangle_row(std::size_t i) {
  double sum = 0;
  for (std::size_t j = 0; j <= i; ++j) sum += std::sqrt(static_cast<double>(i * j + 1));
  return sum;
}

// The STREAM triad on a range: two loads and one store per element, and only one multiply-add, so the
// memory, not the arithmetic, sets the speed once the arrays do not fit in the caches.
inline void triad(std::span<double> a, std::span<const double> b, std::span<const double> c, double s,
                  std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; ++i) a[i] = b[i] + s * c[i];
}

}  // namespace hpc::parallel::demos
