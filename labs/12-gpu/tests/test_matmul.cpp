// Task 4: the naive and tiled matmul bodies on the CPU grid, and the blocked CPU version. Sizes that are
// not multiples of the tile (1, 15, 17, 33) exercise the edges; each comparison is against A·B in double.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/matmul.hpp"
#include "matmul_support.hpp"

namespace {

using hpc::gpu::LaunchOptions;
using hpc::gpu::Order;
using hpc::gpu_lab::testing::kPoison;
using hpc::gpu_lab::testing::matmul_problem;
using hpc::gpu_lab::testing::random_matrix;

const LaunchOptions kOrders[] = {{Order::in_order, 7}, {Order::reversed, 7}, {Order::shuffled, 7}};
const int kSizes[] = {1, 15, 16, 17, 33, 64};
const unsigned kTiles[] = {4, 8, 16};

using GridMatmul = void (*)(int, std::span<const float>, std::span<const float>, std::span<float>, unsigned,
                            const LaunchOptions&);

// Every size, tile and order; stops at the first wrong result, naming the case.
void expect_right_everywhere(GridMatmul matmul, const std::string& hint_on_order) {
  for (const int n : kSizes) {
    const std::vector<float> a = random_matrix(n, 100 + n), b = random_matrix(n, 200 + n);
    for (const unsigned tile : kTiles) {
      // 64 with tiles of 4 adds nothing that 33 does not test, and costs half of the cooperative grid's time.
      if (n == 64 && tile == 4) continue;
      int failed_orders = 0;
      bool order_dependent = false;  // two orders gave different results: threads read what others write
      std::vector<float> previous;
      std::string first;
      for (const LaunchOptions& options : kOrders) {
        std::vector<float> c(a.size(), kPoison);
        matmul(n, a, b, c, tile, options);
        if (!previous.empty() && std::memcmp(c.data(), previous.data(), c.size() * sizeof(float)) != 0) {
          order_dependent = true;  // compared as bytes: NaN == NaN here
        }
        previous = c;
        const std::string problem = matmul_problem(n, a, b, c, 1e-4);
        if (problem.empty()) continue;
        if (failed_orders++ == 0) {
          std::ostringstream where;
          where << "tile " << tile << ", " << hpc::gpu::to_string(options) << ": " << problem;
          first = where.str();
        }
      }
      if (failed_orders == 0) continue;
      FAIL() << (order_dependent ? "the result changes with the launch order: " + hint_on_order + "; " : "")
             << first;
    }
  }
}

GRADED_TEST(MatmulNaive, EverySizeAndTile, 5) {
  expect_right_everywhere(hpc::gpu_lab::matmul_naive_on_cpu_grid,
                          "does one thread write an element another thread computes?");
}

GRADED_TEST(MatmulTiled, EverySizeAndTile, 8) {
  expect_right_everywhere(
      hpc::gpu_lab::matmul_tiled_on_cpu_grid,
      "a missing sync_threads() — after loading the tiles, and again before the next step "
      "overwrites them while slower threads still read");
}
RACE_POINTS(MatmulTiled, EverySizeAndTile, 2);  // race-freedom, graded in the ThreadSanitizer build

GRADED_TEST(MatmulTiled, UsesSharedTilesAndBarriers, 3) {
  // A "tiled" body that computes each element straight from global memory gives the right numbers; what
  // tells it apart is that it never waits: a real one waits at a barrier at least once per tile step.
  const int n = 33;
  const unsigned tile = 8;
  const std::vector<float> a = random_matrix(n, 1), b = random_matrix(n, 2);
  std::vector<float> c(a.size(), kPoison);
  const hpc::gpu_lab::TiledCounts counts = hpc::gpu_lab::matmul_tiled_counted(n, a, b, c, tile);
  const std::uint64_t steps = (n + tile - 1) / tile;
  ASSERT_GT(counts.threads, 0u);
  if (counts.shared_requests == 0)
    ADD_FAILURE() << "the body never asks for t.shared<float>(): where are its tiles?";
  if (counts.barriers < counts.threads * steps) {
    ADD_FAILURE() << "is it the naive body under another name? " << counts.barriers
                  << " sync_threads() calls by " << counts.threads << " threads over " << steps
                  << " tile steps (n = 33, tile 8): a tiled "
                  << "kernel waits at least once per step, so that every thread multiplies complete tiles";
  }
  const std::string problem = matmul_problem(n, a, b, c, 1e-4);
  if (!problem.empty()) ADD_FAILURE() << problem;
}

// matmul_cpu_blocked runs on OpenMP threads: libgomp's own synchronisation is invisible to ThreadSanitizer
// (libgomp is not instrumented), so a TSan build would report races in correct code. Those builds grade
// races only (RACE_POINTS), and the race of a blocked version is caught here by its changing results.
#define SKIP_UNDER_THREAD_SANITIZER()                                            \
  do {                                                                           \
    if (hpc::common::thread_sanitizer_build())                                   \
      GTEST_SKIP() << "OpenMP: libgomp is not instrumented for ThreadSanitizer"; \
  } while (0)

GRADED_TEST(MatmulBlocked, RightForAnySize, 4) {
  SKIP_UNDER_THREAD_SANITIZER();
  for (const int n : {1, 17, 64, 100, 257}) {
    const std::vector<float> a = random_matrix(n, 300 + n), b = random_matrix(n, 400 + n);
    std::vector<float> c(a.size(), kPoison);
    hpc::gpu_lab::matmul_cpu_blocked(n, a, b, c);
    const std::string problem = matmul_problem(n, a, b, c, 1e-4);
    if (!problem.empty()) FAIL() << problem;
  }
}

GRADED_TEST(MatmulBlocked, SameResultEveryRun, 3) {
  SKIP_UNDER_THREAD_SANITIZER();
  // Two threads adding into the same block of C lose updates now and then: the same input gives
  // different, wrong results from run to run. Each thread must own the elements of C it writes.
  const int n = 384;
  const std::vector<float> a = random_matrix(n, 5), b = random_matrix(n, 6);
  std::vector<float> first(a.size(), kPoison);
  hpc::gpu_lab::matmul_cpu_blocked(n, a, b, first);
  const std::string problem = matmul_problem(n, a, b, first, 1e-4);
  if (!problem.empty()) FAIL() << "do two threads add into the same elements of C? " << problem;
  for (int run = 1; run < 6; ++run) {
    std::vector<float> again(a.size(), kPoison);
    hpc::gpu_lab::matmul_cpu_blocked(n, a, b, again);
    std::size_t differ = 0;
    for (std::size_t i = 0; i < again.size(); ++i) differ += again[i] != first[i];
    if (differ != 0) {
      FAIL() << "two threads write the same elements of C (a race): run " << run + 1
             << " of the same 384×384 "
             << "product differs from the first in " << differ << " elements";
    }
  }
}

}  // namespace
