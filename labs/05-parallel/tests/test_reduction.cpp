// Task 4: sums, min/max and histograms with OpenMP and oneTBB; a sum with the same bits for any thread count.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/parallel/reduction.hpp"
#include "support.hpp"

using namespace hpc::parallel;
using hpc::parallel::testing::kThreadCounts;
using hpc::parallel::testing::threads_text;
using hpc::parallel::testing::throws_naming;
using hpc::parallel::testing::with_threads;

namespace {

// Values of very different sizes (1e-3 to 1e8, both signs): the order of the additions shows in the
// last bits of the sum, and a float accumulator is far off.
std::vector<double> mixed_values(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-3, 8);
  std::vector<double> values(n);
  for (double& v : values) v = unit(engine) * std::pow(10.0, exponent(engine));
  return values;
}

struct ExactSum {
  long double sum = 0;
  double bound = 0;  // n * 2^-53 * sum |x|: the error of the worst summation order
};

ExactSum exact_sum(const std::vector<double>& values) {
  long double sum = 0, magnitude = 0;
  for (double v : values) {
    sum += v;
    magnitude += std::abs(v);
  }
  return {sum, static_cast<double>(values.size() * magnitude * 0x1.0p-53L)};
}

using SumFunction = std::function<double(std::span<const double>)>;

void expect_within_bound(const SumFunction& sum, const char* name) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  for (const std::size_t n : {std::size_t{(1 << 20) + 7}, std::size_t{5}, std::size_t{1}}) {
    const std::vector<double> values = mixed_values(n, n);
    const ExactSum exact = exact_sum(values);
    // Ten runs per thread count: a race on the accumulator loses values only when the threads really
    // overlap, which a busy machine can prevent in any one run (a run takes about a millisecond).
    for (int run = 0; run < 10 * static_cast<int>(std::size(kThreadCounts)); ++run) {
      const int threads = kThreadCounts[run % std::size(kThreadCounts)];
      double got = 0;
      with_threads(threads, [&] { got = sum(values); });
      const double error = std::abs(static_cast<double>(got - exact.sum));
      if (!(error <= exact.bound)) {
        FAIL() << name << " of " << n << " values, " << threads_text(threads) << ": "
               << (static_cast<double>(static_cast<float>(got)) == got
                       ? "the result is a float: a float accumulator?"
                       : "values lost or added twice: a race on the accumulator, a missing reduction clause, "
                         "or a partial result dropped?")
               << " Got " << got << ", exact " << static_cast<double>(exact.sum) << ", error " << error
               << " above the bound " << exact.bound;
      }
    }
  }
  double empty = -1;
  with_threads(2, [&] { empty = sum(std::span<const double>{}); });
  EXPECT_EQ(empty, 0.0) << name << " of no values";
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

}  // namespace

GRADED_TEST(Reduction, OpenMPSumWithinBound, 2) { expect_within_bound(sum_openmp, "sum_openmp"); }

GRADED_TEST(Reduction, TbbSumWithinBound, 2) { expect_within_bound(sum_tbb, "sum_tbb"); }

GRADED_TEST(Reduction, DeterministicSumWithinBound, 1) {
  expect_within_bound(deterministic_sum, "deterministic_sum");
}

GRADED_TEST(Reduction, DeterministicSumSameBitsAnyThreadCount, 3) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  for (const std::size_t n : {std::size_t{(1 << 20) + 7}, std::size_t{100'000}}) {
    const std::vector<double> values = mixed_values(n, 3);
    double first = 0;
    with_threads(1, [&] { first = deterministic_sum(values); });
    for (int repeat = 0; repeat < 3; ++repeat) {
      for (int threads : kThreadCounts) {
        double got = 0;
        with_threads(threads, [&] { got = deterministic_sum(values); });
        if (!same_bits(got, first)) {
          FAIL() << "deterministic_sum changed with the thread count: the order of the additions must depend "
                    "on the input's size alone, not on the threads, the partitioner's splits or who finishes "
                    "first. "
                 << n << " values: " << std::hexfloat << got << " with " << threads_text(threads) << " (run "
                 << repeat + 1 << "), " << first << " with 1 thread";
        }
      }
    }
  }
}

GRADED_TEST(Reduction, MinMax, 2) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  std::vector<double> values = mixed_values(100'003, 4);
  for (double& v : values) v = std::abs(v) + 3.0;  // all positive: a minimum started at 0 stays 0
  values[50'001] = 2.5;
  values.back() = 2e9;
  std::vector<double> negative = mixed_values(100'003, 5);
  for (double& v : negative) v = -std::abs(v) - 1.0;  // all negative: a maximum started at 0 stays 0
  negative[0] = -0.5;
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    const char* what;
    std::vector<double> values;
    MinMax expected;
  };
  const std::vector<Case> cases = {
      {"positive values", values, {2.5, 2e9}},
      {"negative values (numeric_limits<double>::min() is the smallest POSITIVE double: use lowest())",
       negative,
       {*std::min_element(negative.begin(), negative.end()), -0.5}},
      {"one value", {42.0}, {42.0, 42.0}},
      {"infinities (start from -inf and +inf, or from the first value)", {inf, -inf, 1.0}, {-inf, inf}},
      {"only +infinity", {inf}, {inf, inf}},
  };
  for (const auto& [name, minmax] :
       std::vector<std::pair<const char*, std::function<MinMax(std::span<const double>)>>>{
           {"minmax_openmp", minmax_openmp}, {"minmax_tbb", minmax_tbb}}) {
    for (const Case& c : cases) {
      for (int threads : kThreadCounts) {
        MinMax got;
        with_threads(threads, [&] { got = minmax(c.values); });
        if (got != c.expected) {
          FAIL() << name << ", " << c.what << ", " << threads_text(threads) << ": got min " << got.min
                 << " max " << got.max << ", expected " << c.expected.min << " and " << c.expected.max;
        }
      }
    }
  }
}

GRADED_TEST(Reduction, HistogramCountsEveryValueOnce, 2) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  std::mt19937_64 engine(6);
  std::uniform_real_distribution<double> spread(-0.5, 4.5);
  // 2^23 values: a run takes long enough (~10 ms a thread) to be preempted in the middle. On a busy
  // machine the threads of a shorter run took turns whole, and a histogram with unguarded shared bins
  // lost no count in a clean-clone check (2^20 values, 80 runs).
  std::vector<double> values(1 << 23);
  for (double& v : values) v = spread(engine);
  values[10] = std::numeric_limits<double>::quiet_NaN();
  values[11] = 4.0;                       // hi itself: outside [lo, hi)
  values[12] = std::nextafter(4.0, 0.0);  // just below hi: the last bin
  values[13] = 0.0;                       // lo itself: the first bin
  const std::size_t bins = 4;             // few bins: threads that share them collide often
  std::vector<std::uint64_t> expected(bins, 0);
  for (double v : values) {
    if (const std::size_t b = bin_of(v, 0.0, 4.0, bins); b < bins) ++expected[b];
  }
  for (const auto& [name, histogram] : std::vector<std::pair<const char*, decltype(&histogram_tbb)>>{
           {"histogram_openmp", histogram_openmp}, {"histogram_tbb", histogram_tbb}}) {
    // Ten runs per thread count, for the same reason as the sums' (see expect_within_bound).
    for (int run = 0; run < 10 * static_cast<int>(std::size(kThreadCounts)); ++run) {
      const int threads = kThreadCounts[run % std::size(kThreadCounts)];
      std::vector<std::uint64_t> got;
      with_threads(threads, [&] { got = histogram(values, 0.0, 4.0, bins); });
      ASSERT_EQ(got.size(), bins) << name << ": one count per bin";
      for (std::size_t b = 0; b < bins; ++b) {
        if (got[b] != expected[b]) {
          FAIL() << name << " with " << threads_text(threads) << ", bin " << b << ": "
                 << (got[b] < expected[b]
                         ? "counts lost: values never counted, by threads incrementing shared bins "
                           "without a reduction or atomics, or by a split of the values that drops the "
                           "remainder?"
                         : "too many: a value counted twice, or one outside [lo, hi) counted?")
                 << " Got " << got[b] << ", expected " << expected[b];
        }
      }
    }
  }
  EXPECT_EQ(histogram_tbb({}, 0.0, 1.0, 3), std::vector<std::uint64_t>(3, 0)) << "no values";
  EXPECT_EQ(histogram_openmp({}, 0.0, 1.0, 3), std::vector<std::uint64_t>(3, 0)) << "no values";
}

GRADED_TEST(Reduction, BadInputNamesTheArgument, 1) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> with_nan = {1.0, nan, 3.0};
  for (const auto& [name, minmax] : std::vector<std::pair<const char*, decltype(&minmax_tbb)>>{
           {"minmax_openmp", minmax_openmp}, {"minmax_tbb", minmax_tbb}}) {
    EXPECT_TRUE(throws_naming([&] { minmax({}); }, "values")) << name << " of no values";
    EXPECT_TRUE(throws_naming([&] { minmax(with_nan); }, "values")) << name << " with a NaN";
  }
  const std::vector<double> values = {0.5, 1.5};
  for (const auto& [name, histogram] : std::vector<std::pair<const char*, decltype(&histogram_tbb)>>{
           {"histogram_openmp", histogram_openmp}, {"histogram_tbb", histogram_tbb}}) {
    EXPECT_TRUE(throws_naming([&] { histogram(values, 0.0, 2.0, 0); }, "bins")) << name;
    EXPECT_TRUE(throws_naming([&] { histogram(values, 2.0, 2.0, 4); }, "range")) << name << ": lo == hi";
    EXPECT_TRUE(throws_naming([&] { histogram(values, 3.0, 2.0, 4); }, "range")) << name << ": lo > hi";
    EXPECT_TRUE(throws_naming([&] { histogram(values, 0.0, inf, 4); }, "range")) << name << ": hi infinite";
    EXPECT_TRUE(throws_naming([&] { histogram(values, nan, 2.0, 4); }, "range")) << name << ": lo NaN";
  }
}
