// Task 2: Monte Carlo π, the same hits to the last bit for any thread count.
#include <cmath>
#include <cstdint>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/parallel/monte_carlo_pi.hpp"
#include "support.hpp"

using namespace hpc::parallel;
using hpc::parallel::testing::kThreadCounts;
using hpc::parallel::testing::throws_naming;
using hpc::parallel::testing::with_threads;

namespace {

using hpc::parallel::testing::expected_pi_hits;

using PiFunction = std::function<PiEstimate(std::uint64_t, std::uint64_t, std::uint64_t)>;

// Every thread count must give the serial answer. A stream per thread instead of per chunk gives a count
// that changes with the thread count (and from run to run); a race on a shared counter loses hits.
void expect_same_for_any_thread_count(const PiFunction& pi, const char* name) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  struct Case {
    std::uint64_t samples, chunks, seed;
  };
  // 1,000,063 = 64 * 15,625 + 63: chunks cut by hand with samples / chunks lose 63 samples. 1000 chunks,
  // and 100,000 chunks of 3 samples: oneTBB then hands out pieces of many chunks, and each chunk of a
  // piece must still draw from its own stream (not continue the stream of the piece's first chunk).
  for (const Case c : {Case{1'000'000, 64, 2026}, Case{1'000'063, 64, 11}, Case{100'003, 7, 1},
                       Case{12, 12, 99}, Case{200'000, 1'000, 4}, Case{300'000, 100'000, 6}}) {
    const std::uint64_t expected = expected_pi_hits(c.samples, c.chunks, c.seed);
    for (int threads : kThreadCounts) {
      PiEstimate got;
      with_threads(threads, [&] { got = pi(c.samples, c.chunks, c.seed); });
      ASSERT_EQ(got.samples, c.samples) << name << ": samples";
      if (got.hits != expected) {
        FAIL() << name << " with " << hpc::parallel::testing::threads_text(threads) << ": " << got.hits
               << " hits, not " << expected
               << ". A random stream per thread or per piece of chunks instead of per chunk, hits lost to a "
                  "race on a shared counter, or a dropped remainder? Chunk i covers chunk_range(samples, "
                  "chunks, i) and draws from SplitMix64{chunk_seed(seed, i)}, whichever thread runs it ("
               << c.samples << " samples, " << c.chunks << " chunks, seed " << c.seed << ")";
      }
    }
  }
}

}  // namespace

GRADED_TEST(MonteCarloPi, SerialDrawsEachChunksStream, 2) {
  for (const auto& [samples, chunks] : std::vector<std::pair<std::uint64_t, std::uint64_t>>{
           {1'000'000, 64}, {1'000'063, 64}, {1'000'000, 1}, {1'000, 1'000}, {1'001, 10}, {1, 1}}) {
    const PiEstimate got = pi_serial(samples, chunks, 7);
    EXPECT_EQ(got.samples, samples);
    // The explanation first: the grade table shows only the start of the message.
    if (const std::uint64_t expected = expected_pi_hits(samples, chunks, 7); got.hits != expected) {
      ADD_FAILURE() << "pi_serial(" << samples << ", " << chunks << ", 7) = " << got.hits << " hits, not "
                    << expected << ": chunk i covers chunk_range(samples, chunks, i) (samples / chunks alone "
                    << "drops the remainder) and draws x, then y, from SplitMix64{chunk_seed(seed, i)}";
    }
  }
  EXPECT_NE(pi_serial(100'000, 10, 1).hits, pi_serial(100'000, 10, 2).hits) << "the seed must matter";
}

GRADED_TEST(MonteCarloPi, WithinFiveSigma, 1) {
  // The count of hits is binomial: the estimate 4 * hits / n has standard deviation 4 sqrt(q (1 - q) / n)
  // with q = π/4, so a right estimate is within 5 of them except once in 1.7 million runs.
  const std::uint64_t n = 4'000'000;
  const double q = std::numbers::pi / 4;
  const double sigma = 4 * std::sqrt(q * (1 - q) / static_cast<double>(n));
  for (std::uint64_t seed : {1, 2, 3}) {
    const double pi = pi_serial(n, 100, seed).pi();
    EXPECT_LT(std::abs(pi - std::numbers::pi), 5 * sigma) << "seed " << seed << ": pi = " << pi;
  }
}

GRADED_TEST(MonteCarloPi, OpenMPSameForAnyThreadCount, 2) {
  expect_same_for_any_thread_count(pi_openmp, "pi_openmp");
}

GRADED_TEST(MonteCarloPi, TbbSameForAnyThreadCount, 2) { expect_same_for_any_thread_count(pi_tbb, "pi_tbb"); }

GRADED_TEST(MonteCarloPi, StdParSameForAnyThreadCount, 1) {
  expect_same_for_any_thread_count(pi_std_par, "pi_std_par");
}

GRADED_TEST(MonteCarloPi, BadInputNamesTheArgument, 1) {
  for (const auto& [name, pi] : std::vector<std::pair<std::string, PiFunction>>{{"pi_serial", pi_serial},
                                                                                {"pi_openmp", pi_openmp},
                                                                                {"pi_tbb", pi_tbb},
                                                                                {"pi_std_par", pi_std_par}}) {
    EXPECT_TRUE(throws_naming([&] { pi(0, 1, 1); }, "samples")) << name << "(0 samples, 1 chunk)";
    EXPECT_TRUE(throws_naming([&] { pi(0, 0, 1); }, "samples")) << name << "(0 samples, 0 chunks)";
    EXPECT_TRUE(throws_naming([&] { pi(1000, 0, 1); }, "chunks")) << name << "(1000 samples, 0 chunks)";
    EXPECT_TRUE(throws_naming([&] { pi(10, 11, 1); }, "chunks")) << name << "(10 samples, 11 chunks)";
  }
}
