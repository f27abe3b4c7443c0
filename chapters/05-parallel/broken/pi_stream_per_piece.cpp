// A broken lab 05 task 2 (variant stream_per_piece, chapters/05-parallel/CMakeLists.txt): the reference,
// except that pi_tbb seeds one stream per blocked_range piece and draws all the piece's chunks from it.
// With at most 64 chunks oneTBB splits down to single chunks and the counts come out right; with many
// chunks the pieces hold several, and MonteCarloPi.TbbSameForAnyThreadCount must catch it.
#include <omp.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <execution>
#include <functional>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/parallel/monte_carlo_pi.hpp"

namespace hpc::parallel {
namespace {

void require_valid(std::uint64_t samples, std::uint64_t chunks) {
  if (samples == 0) throw std::invalid_argument("samples must be at least 1");
  if (chunks == 0) throw std::invalid_argument("chunks must be at least 1");
  if (chunks > samples) {
    throw std::invalid_argument("chunks (" + std::to_string(chunks) + ") must not exceed samples (" +
                                std::to_string(samples) + "): a chunk would be empty");
  }
}

// The whole of one chunk's work. Its stream starts from (seed, chunk), so the count is the same whichever
// thread runs it; and integer sums of the chunks' counts are exact in any order.
std::uint64_t hits_in_chunk(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed,
                            std::uint64_t chunk) {
  const ChunkRange range = chunk_range(samples, chunks, chunk);
  SplitMix64 rng{chunk_seed(seed, chunk)};
  std::uint64_t hits = 0;
  for (std::uint64_t i = range.begin; i < range.end; ++i) {
    const double x = unit_interval(rng.next());
    const double y = unit_interval(rng.next());
    hits += (x * x + y * y <= 1.0) ? 1 : 0;
  }
  return hits;
}

}  // namespace

PiEstimate pi_serial(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed) {
  require_valid(samples, chunks);
  std::uint64_t hits = 0;
  for (std::uint64_t chunk = 0; chunk < chunks; ++chunk) hits += hits_in_chunk(samples, chunks, seed, chunk);
  return {hits, samples};
}

PiEstimate pi_openmp(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed) {
  require_valid(samples, chunks);
  std::uint64_t hits = 0;
  // dynamic: the chunks cost the same, but another program may hold one of the cores for a while.
#pragma omp parallel for reduction(+ : hits) schedule(dynamic)
  for (std::uint64_t chunk = 0; chunk < chunks; ++chunk) hits += hits_in_chunk(samples, chunks, seed, chunk);
  return {hits, samples};
}

PiEstimate pi_tbb(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed) {
  require_valid(samples, chunks);
  const std::uint64_t hits = tbb::parallel_reduce(
      tbb::blocked_range<std::uint64_t>(0, chunks), std::uint64_t{0},
      [&](const tbb::blocked_range<std::uint64_t>& range, std::uint64_t partial) {
        SplitMix64 rng{chunk_seed(seed, range.begin())};  // the mistake: one stream for the whole piece
        for (std::uint64_t chunk = range.begin(); chunk != range.end(); ++chunk) {
          const ChunkRange samples_of_chunk = chunk_range(samples, chunks, chunk);
          for (std::uint64_t i = samples_of_chunk.begin; i < samples_of_chunk.end; ++i) {
            const double x = unit_interval(rng.next());
            const double y = unit_interval(rng.next());
            partial += (x * x + y * y <= 1.0) ? 1 : 0;
          }
        }
        return partial;
      },
      std::plus<>{});
  return {hits, samples};
}

PiEstimate pi_std_par(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed) {
  require_valid(samples, chunks);
  // The parallel algorithms want random-access iterators over something: the chunk numbers.
  std::vector<std::uint64_t> chunk_ids(chunks);
  std::iota(chunk_ids.begin(), chunk_ids.end(), std::uint64_t{0});
  const std::uint64_t hits = std::transform_reduce(
      std::execution::par, chunk_ids.begin(), chunk_ids.end(), std::uint64_t{0}, std::plus<>{},
      [&](std::uint64_t chunk) { return hits_in_chunk(samples, chunks, seed, chunk); });
  return {hits, samples};
}

}  // namespace hpc::parallel
