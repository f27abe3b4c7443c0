// Monte Carlo π: throw points into the square [0, 1)², count those inside the quarter circle x² + y² <= 1;
// the fraction inside tends to π/4. Every version of the lab returns the same hit count, to the last
// bit, for the same seed and chunk count, whatever the number of threads: the random stream belongs to
// the chunk, never to the thread.
// Lab task 2 (labs/05-parallel/src/monte_carlo_pi.cpp).
//
// GIVEN here (do not edit): PiEstimate, the splitting of the samples into chunks (chunk_range) and the
// generator with which each chunk draws its points (chunk_seed, SplitMix64, unit_interval).
#pragma once

#include <cstdint>

namespace hpc::parallel {

struct PiEstimate {
  std::uint64_t hits = 0;     // points inside the quarter circle
  std::uint64_t samples = 0;  // points thrown
  double pi() const { return 4.0 * static_cast<double>(hits) / static_cast<double>(samples); }
  friend bool operator==(const PiEstimate&, const PiEstimate&) = default;
};

// Chunk `index` of `chunks` covers the samples [begin, end); the first samples % chunks chunks take one
// sample more than the others, so the sizes differ by at most one and nothing overflows.
struct ChunkRange {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
};
inline ChunkRange chunk_range(std::uint64_t samples, std::uint64_t chunks, std::uint64_t index) {
  const std::uint64_t base = samples / chunks;
  const std::uint64_t extra = samples % chunks;
  const std::uint64_t begin = index * base + (index < extra ? index : extra);
  return {begin, begin + base + (index < extra ? 1 : 0)};
}

// A small, fast 64-bit generator (Steele, Lea and Flood's SplitMix64): the whole state is one number,
// so a chunk's stream is cheap to start anywhere.
struct SplitMix64 {
  std::uint64_t state = 0;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

// The first state of chunk `index`'s stream for a run seeded with `seed`: the chunk's stream is the same
// whichever thread draws it. (Mixed through one SplitMix64 step so neighbouring chunks do not start on
// neighbouring states.)
inline std::uint64_t chunk_seed(std::uint64_t seed, std::uint64_t index) {
  SplitMix64 mixer{seed ^ (index * 0xd1b54a32d192ed03ULL)};
  return mixer.next();
}

// The top 53 bits of a random number as a double in [0, 1), exactly.
inline double unit_interval(std::uint64_t bits) { return static_cast<double>(bits >> 11) * 0x1.0p-53; }

// Every version below draws its points like this, chunk by chunk:
//   for each chunk i:   SplitMix64 rng{chunk_seed(seed, i)};
//     for each of its samples:   x = unit_interval(rng.next());   y = unit_interval(rng.next());
//                                a hit when x * x + y * y <= 1.0
// and returns the total. Bad input throws std::invalid_argument naming the argument: samples == 0
// ("samples": no estimate without a point), chunks == 0 or chunks > samples ("chunks": an empty chunk is
// a mistake in the caller's arithmetic, not a request we can serve).
PiEstimate pi_serial(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed);

// The same count with OpenMP (as many threads as omp_get_max_threads(), i.e. OMP_NUM_THREADS or
// omp_set_num_threads), with oneTBB (the threads of the current task arena) and with the C++17 parallel
// algorithms (std::execution::par, which libstdc++ runs on oneTBB). Each equals pi_serial exactly.
PiEstimate pi_openmp(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed);
PiEstimate pi_tbb(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed);
PiEstimate pi_std_par(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed);

}  // namespace hpc::parallel
