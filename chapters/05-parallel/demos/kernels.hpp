// The small kernels that chapter 05's demos and benchmarks both run, written once: the Monte Carlo π
// sampler with one random stream per chunk, the particle simulator's step with the loops swapped, the
// triangular workload, the book's trial-division prime test and the triad. Header-only, no OpenMP or
// oneTBB here: each demo decides how to spread these over threads.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

#include "hpc/profiling/simulator.hpp"  // chapter 01's Particle and the book's step constant

namespace hpc::parallel::demos {

// [snippet:chunk-stream]
// SplitMix64: a tiny, fast generator whose state is one counter. Two different seeds give two
// independent-looking streams, which is all a Monte Carlo chunk needs.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [-1, 1): the top 53 bits as a fraction, stretched.
  double symmetric() { return static_cast<double>(next() >> 11) * 0x1.0p-52 - 1.0; }

 private:
  std::uint64_t state_;
};

// The stream of chunk `chunk` depends on (seed, chunk) only: never on which thread runs the chunk or
// when. So the same seed and the same chunk count give the same hits on 1 thread or 64.
inline SplitMix64 chunk_stream(std::uint64_t seed, std::uint64_t chunk) {
  SplitMix64 mixer(seed ^ (chunk * 0xd1b54a32d192ed03ULL));
  return SplitMix64(mixer.next());
}

// Hits inside the unit circle among `samples` points of chunk `chunk`.
inline std::uint64_t hits_in_chunk(std::uint64_t seed, std::uint64_t chunk, std::uint64_t samples) {
  SplitMix64 stream = chunk_stream(seed, chunk);
  std::uint64_t hits = 0;
  for (std::uint64_t i = 0; i < samples; ++i) {
    const double x = stream.symmetric();
    const double y = stream.symmetric();
    hits += (x * x + y * y <= 1.0) ? 1 : 0;
  }
  return hits;
}
// [/snippet:chunk-stream]

// Samples of chunk `chunk` when `samples` are cut into `chunks` nearly equal chunks (the first
// samples % chunks chunks take one more).
inline std::uint64_t chunk_size(std::uint64_t samples, std::uint64_t chunks, std::uint64_t chunk) {
  return samples / chunks + (chunk < samples % chunks ? 1 : 0);
}

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

// The book's is_prime (odd trial divisors up to the square root), returning a bool.
inline bool is_prime(std::uint64_t x) {
  if (x < 2) return false;
  if (x < 4) return true;
  if (x % 2 == 0) return false;
  for (std::uint64_t d = 3; d * d <= x; d += 2) {
    if (x % d == 0) return false;
  }
  return true;
}

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
