// Task 2 (open design): Monte Carlo pi with per-thread streams. Only behaviour is checked: how a thread's
// stream comes from (seed, thread) and how the samples are split is the student's choice.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/gpu_lab/monte_carlo.hpp"

using namespace hpc::gpu_lab;
using namespace hpc::gpu_lab::testing;

namespace {

constexpr double kQuarter = std::numbers::pi / 4;  // P(x*x + y*y <= 1) for a point of the unit square

// How far an estimate from `samples` points may be from pi: 5 standard deviations of 4 * hits / samples.
double five_sigma(std::uint64_t samples) {
  return 5 * 4 * std::sqrt(kQuarter * (1 - kQuarter) / static_cast<double>(samples));
}

std::string launch_text(std::uint64_t samples, std::uint64_t seed, Launch launch) {
  return std::to_string(samples) + " samples, seed " + std::to_string(seed) + ", " +
         std::to_string(launch.blocks) + " x " + std::to_string(launch.threads) + " threads";
}

// The totals must be the per-thread slots' sums, and every slot written.
void expect_consistent(const PiResult& r, std::size_t threads, const std::string& where) {
  ASSERT_EQ(r.hits_per_thread.size(), threads) << where;
  std::uint64_t drawn = 0;
  for (std::size_t g = 0; g < threads; ++g) {
    if (r.drawn_per_thread[g] == ~std::uint64_t{0}) {
      FAIL() << "thread " << g << " never wrote drawn[" << g << "] (is pi_body still the stub?) " << where;
    }
    if (r.hits_per_thread[g] > r.drawn_per_thread[g]) {
      FAIL() << "thread " << g << ": " << r.hits_per_thread[g] << " hits from " << r.drawn_per_thread[g]
             << " points " << where;
    }
    drawn += r.drawn_per_thread[g];
  }
  ASSERT_EQ(drawn, r.samples) << where;
}

}  // namespace

GRADED_TEST(Pi, WithinFiveSigmaForSeveralSeeds, 4) {
  const std::uint64_t samples = 2'000'003;
  const Launch launch{64, 128};
  for (std::uint64_t seed : {1u, 2u, 12345u, 2026u}) {
    const std::string where = "(" + launch_text(samples, seed, launch) + ")";
    const PiResult r = estimate_pi_on_cpu_grid(samples, seed, launch);
    ASSERT_NO_FATAL_FAILURE(expect_consistent(r, 64 * 128, where));
    if (std::abs(r.estimate - std::numbers::pi) > five_sigma(samples)) {
      FAIL() << "estimate " << r.estimate << " is more than 5 standard deviations (" << five_sigma(samples)
             << ") from pi: are x and y different numbers of the stream, uniform in [0, 1), and a point "
                "inside when x*x + y*y <= 1? "
             << where;
    }
  }
}

GRADED_TEST(Pi, DrawsExactlyTheSamples, 3) {
  const Launch launch{64, 128};  // 8192 threads
  for (std::uint64_t samples : {1u, 5u, 8191u, 8192u, 8193u, 1'000'003u}) {
    const std::string where = "(" + launch_text(samples, 7, launch) + ")";
    const PiResult r = estimate_pi_on_cpu_grid(samples, 7, launch);
    ASSERT_NO_FATAL_FAILURE(expect_consistent(r, 64 * 128, where));
    if (r.samples != samples) {
      FAIL() << (r.samples < samples ? "samples dropped: when samples is not a multiple of the thread count, "
                                       "some threads draw one more"
                                     : "more points drawn than asked for")
             << ": " << r.samples << " drawn " << where;
    }
  }
}

// No order between GPU threads exists: a stream chosen by a shared counter, or by which thread ran
// first, changes with the order (and from one call to the next).
GRADED_TEST(Pi, SameInEveryLaunchOrder, 3) {
  const std::uint64_t samples = 300'007, seed = 99;
  const Launch launch{16, 64};
  const PiResult first = estimate_pi_on_cpu_grid(samples, seed, launch, every_order().front());
  ASSERT_NO_FATAL_FAILURE(expect_consistent(first, 16 * 64, "(" + launch_text(samples, seed, launch) + ")"));
  for (const auto& options : every_order()) {
    for (int repeat = 0; repeat < 2; ++repeat) {
      const PiResult again = estimate_pi_on_cpu_grid(samples, seed, launch, options);
      if (again.hits_per_thread != first.hits_per_thread) {
        FAIL() << "the hits per thread changed with the launch order or from one call to the next ("
               << hpc::gpu::to_string(options) << "): a thread's stream must depend on (seed, its global "
               << "index) only, never on a counter shared between threads or calls";
      }
    }
  }
}

GRADED_TEST(Pi, SeedsGiveDifferentStreams, 2) {
  const Launch launch{8, 64};
  std::vector<std::vector<std::uint64_t>> seen;
  for (std::uint64_t seed : {0u, 1u, 2u, 3u, 1000u}) {
    const PiResult r = estimate_pi_on_cpu_grid(100'000, seed, launch);
    ASSERT_NO_FATAL_FAILURE(expect_consistent(r, 8 * 64, "(" + launch_text(100'000, seed, launch) + ")"));
    for (const auto& other : seen) {
      if (r.hits_per_thread == other) {
        FAIL() << "seed " << seed << " gave the same hits per thread as an earlier seed: is the seed part of "
               << "every thread's stream?";
      }
    }
    seen.push_back(r.hits_per_thread);
  }
}

// Independent streams give per-thread hit counts that spread like independent binomials: their sample
// variance is d * p * (1 - p) for d points per thread, and neighbouring threads are uncorrelated. The
// same stream in every thread gives equal counts (variance 0); overlapping streams (thread g's stream
// thread g+1's shifted by one number) give correlated neighbours.
GRADED_TEST(Pi, ThreadsHaveIndependentStreams, 4) {
  const Launch launch{64, 128};
  const std::size_t threads = 64 * 128;
  const std::uint64_t per_thread = 1000, samples = per_thread * threads;
  const PiResult r = estimate_pi_on_cpu_grid(samples, 31, launch);
  const std::string where = "(" + launch_text(samples, 31, launch) + ")";
  ASSERT_NO_FATAL_FAILURE(expect_consistent(r, threads, where));
  std::vector<double> h;
  for (std::size_t g = 0; g < threads; ++g) {
    if (r.drawn_per_thread[g] == per_thread) h.push_back(static_cast<double>(r.hits_per_thread[g]));
  }
  ASSERT_GE(h.size(), threads / 2) << "fewer than half the threads drew samples / threads points; the test "
                                      "needs equal shares to compare the threads "
                                   << where;
  double mean = 0;
  for (double v : h) mean += v;
  mean /= static_cast<double>(h.size());
  double var = 0, lag1 = 0;
  for (std::size_t i = 0; i < h.size(); ++i) {
    var += (h[i] - mean) * (h[i] - mean);
    if (i + 1 < h.size()) lag1 += (h[i] - mean) * (h[i + 1] - mean);
  }
  const double ratio = var / static_cast<double>(h.size() - 1) / (per_thread * kQuarter * (1 - kQuarter));
  // The ratio's standard deviation is about sqrt(2 / threads) = 0.016, the correlation's 1 / sqrt(threads)
  // = 0.011: 0.15 and 0.06 are beyond 5 of them.
  if (std::abs(ratio - 1.0) > 0.15) {
    FAIL() << (ratio < 0.05 ? "all threads draw the same numbers: "
                            : "the threads' streams are not independent (do they overlap, thread g's numbers "
                              "thread g-1's shifted?): ")
           << "their hit counts spread " << ratio << " times as much as independent streams' would. Each "
           << "thread's stream must depend on its global index, and streams must not share numbers " << where;
  }
  const double correlation = var > 0 ? lag1 / var : 1.0;
  if (std::abs(correlation) > 0.06) {
    FAIL() << "neighbouring threads' streams overlap: their hit counts are correlated (" << correlation
           << "), e.g. thread g starting one number after thread g-1 " << where;
  }
}

// 30 million points in one thread: about 23.6 million hits, more than 2^24 = 16777216, where a float
// counter stops counting (x + 1 == x there).
GRADED_TEST(Pi, OneThreadLongStream, 2) {
  const std::uint64_t samples = 30'000'000;
  const Launch launch{1, 1};
  const PiResult r = estimate_pi_on_cpu_grid(samples, 5, launch);
  const std::string where = "(" + launch_text(samples, 5, launch) + ")";
  ASSERT_NO_FATAL_FAILURE(expect_consistent(r, 1, where));
  if (r.samples != samples) FAIL() << "samples dropped: " << r.samples << " drawn " << where;
  if (std::abs(r.estimate - std::numbers::pi) > five_sigma(samples)) {
    FAIL() << "one thread's " << r.hits << " hits give " << r.estimate << ": a float counter stops at 2^24 = "
           << "16777216; count in an integer " << where;
  }
}
