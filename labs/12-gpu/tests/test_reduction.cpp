// Task 3: the block reduction on the cooperative CPU grid (hpc::gpu::launch_cooperative), which runs a
// block's threads one at a time between barriers in a fixed order, fills shared memory with 0xFF (a NaN)
// and reports a barrier that not every thread reaches. Every case runs in each launch order: a missing
// barrier gives a wrong sum in at least one of them, every time.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/reduction.hpp"

namespace {

using hpc::gpu::LaunchOptions;
using hpc::gpu::Order;
using hpc::gpu_lab::Launch;

const LaunchOptions kOrders[] = {{Order::in_order, 12}, {Order::reversed, 12}, {Order::shuffled, 12}};

std::vector<float> values_in_unit_interval(std::size_t n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  std::vector<float> x(n);
  for (float& v : x) v = unit(gen);
  return x;
}

double serial_sum(const std::vector<float>& x) {
  double total = 0;
  for (const float v : x) total += v;
  return total;
}

bool power_of_two(unsigned v) { return v != 0 && (v & (v - 1)) == 0; }

// "" when sum_on_cpu_grid gives the serial sum within 1e-9 relative, else what went wrong.
std::string sum_problem(const std::vector<float>& x, Launch launch, const LaunchOptions& options) {
  std::ostringstream where;
  where << "n = " << x.size() << ", " << launch.blocks << " blocks of " << launch.threads << " threads, "
        << hpc::gpu::to_string(options) << ": ";
  const double want = serial_sum(x);
  double got = 0;
  try {
    got = hpc::gpu_lab::sum_on_cpu_grid(x, launch, options);
  } catch (const std::logic_error& e) {
    return "a sync_threads() inside a branch that not every thread takes (if (tid < s) { ... }): " +
           where.str() + e.what();
  }
  if (std::isnan(got)) {
    return "NaN: a partial sum never written (is block_sum_body still the stub?) or a shared slot read "
           "before any thread wrote it (it starts as 0xFF bytes, a NaN: every thread writes its slot, even "
           "one without elements); " +
           where.str();
  }
  const double tolerance = 1e-9 * std::max(1.0, std::abs(want));
  if (std::abs(got - want) <= tolerance) return "";
  std::ostringstream out;
  out.precision(17);
  // Dropping or doubling an element moves the sum by about one value (0.5 on average); a float in the
  // chain (the running sum, or float slots in shared memory) only by rounding: a few parts in 10^7.
  if (std::abs(got - want) < 1e-5 * std::max(1.0, std::abs(want))) {
    out << "a float where a double belongs? off by rounding only (" << (got - want) / want
        << " relative): is the running sum or a shared slot (t.shared<float>()) a float? ";
  }
  out << where.str() << "got " << got << ", want " << want << " (off by " << got - want << ")";
  return out.str();
}

// The test's own hint first, unless the problem already names a more basic one (NaN, a divergent barrier).
std::string with_hint(const std::string& hint, const std::string& problem) {
  if (problem.starts_with("NaN") || problem.starts_with("a sync_threads()") || problem.starts_with("a float"))
    return problem;
  return hint + "; " + problem;
}

GRADED_TEST(Reduction, EveryBlockSizeEveryOrder, 6) {
  const std::vector<float> x = values_in_unit_interval(5000, 1);
  std::vector<std::string> failures;
  bool power_of_two_failed = false, other_failed = false, order_dependent = false;
  for (const unsigned threads : {1u, 2u, 7u, 32u, 33u, 96u, 128u, 256u}) {
    const unsigned blocks = 3;
    int failed_orders = 0;
    for (const LaunchOptions& options : kOrders) {
      const std::string problem = sum_problem(x, {blocks, threads}, options);
      if (problem.empty()) continue;
      ++failed_orders;
      failures.push_back(problem);
      (power_of_two(threads) ? power_of_two_failed : other_failed) = true;
    }
    if (failed_orders > 0 && failed_orders < 3) order_dependent = true;
  }
  if (failures.empty()) return;
  std::string diagnosis;
  if (order_dependent) {
    diagnosis =
        "the sum depends on the order the threads run: a missing sync_threads() between two levels "
        "of the tree (or before it) lets a thread read a slot before its writer got there. ";
  } else if (other_failed && !power_of_two_failed) {
    diagnosis =
        "only blockDim.x values that are not powers of two fail (33, 96, 7): a tree that halves "
        "blockDim.x loses the odd slot of each level (fold ceil(width / 2) instead). ";
  }
  if (hpc::common::thread_sanitizer_build() && !(other_failed && !power_of_two_failed)) {
    diagnosis +=
        "Under ThreadSanitizer the threads of a block run at once: a missing sync_threads() (see the "
        "race report above). ";
  }
  ADD_FAILURE() << diagnosis << failures.size() << " of 24 launches wrong; first: " << failures.front();
}
RACE_POINTS(Reduction, EveryBlockSizeEveryOrder, 2);  // race-freedom, graded in the ThreadSanitizer build

GRADED_TEST(Reduction, GridSmallerThanTheData, 4) {
  const std::vector<float> x = values_in_unit_interval(100000, 2);
  for (const Launch launch : {Launch{1, 32}, Launch{2, 7}, Launch{3, 128}, Launch{5, 96}}) {
    const std::string problem = sum_problem(x, launch, kOrders[2]);
    if (!problem.empty()) {
      ADD_FAILURE() << with_hint(std::to_string(launch.blocks * launch.threads) +
                                     " threads for 100000 elements: each must go on with a grid-stride loop "
                                     "(i += blockDim.x * gridDim.x) until it passes n",
                                 problem);
    }
  }
}

GRADED_TEST(Reduction, GridLargerThanTheData, 3) {
  // Blocks with no element at all must still write their partial sum: 0.
  const std::vector<float> x = values_in_unit_interval(1000, 3);
  for (const Launch launch : {Launch{64, 256}, Launch{40, 33}}) {
    const std::string problem = sum_problem(x, launch, kOrders[1]);
    if (!problem.empty())
      ADD_FAILURE() << with_hint("blocks past the end of the data write a partial sum of 0", problem);
  }
}

GRADED_TEST(Reduction, EdgeSizes, 4) {
  for (const unsigned threads : {128u, 33u}) {
    for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{threads} - 1,
                                std::size_t{threads}, std::size_t{threads} + 1}) {
      const std::vector<float> x = values_in_unit_interval(n, unsigned(n) + threads);
      for (const unsigned blocks : {1u, 2u}) {
        for (const LaunchOptions& options : kOrders) {
          const std::string problem = sum_problem(x, {blocks, threads}, options);
          if (!problem.empty()) FAIL() << problem;
        }
      }
    }
  }
}

GRADED_TEST(Reduction, ThreadsWithoutElementsWriteTheirSlot, 3) {
  // n = 1 with 128 threads: 127 threads have nothing to add, and their slots must hold 0, not 0xFF bytes.
  const std::vector<float> x{0.25f};
  for (const LaunchOptions& options : kOrders) {
    const std::string problem = sum_problem(x, {1, 128}, options);
    if (!problem.empty()) FAIL() << problem;
  }
}

GRADED_TEST(Reduction, MillionsOfValuesSummedInDouble, 3) {
  // 2 blocks of 64 threads over 2·10^6 values: each thread adds about 16000 of them. A float running sum
  // of that size keeps only about 3 decimals of each new value; a double keeps all of them.
  const std::vector<float> x = values_in_unit_interval(2'000'000, 4);
  const std::string problem = sum_problem(x, {2, 64}, kOrders[0]);
  if (!problem.empty()) {
    ADD_FAILURE() << with_hint("is the running sum (or a shared slot) a float? Accumulate in double",
                               problem);
  }
}

}  // namespace
