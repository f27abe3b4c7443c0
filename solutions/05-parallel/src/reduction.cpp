// Reference solution of lab 05, task 4.
#include "hpc/parallel/reduction.hpp"

#include <omp.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

namespace hpc::parallel {
namespace {

// Four running sums instead of one: a single accumulator makes every addition wait for the previous one
// (about 4 cycles each); four independent chains keep the adder busy. The order is fixed by the index
// alone, so the result still depends only on the input.
double block_sum(const double* values, std::size_t n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += values[i];
    s1 += values[i + 1];
    s2 += values[i + 2];
    s3 += values[i + 3];
  }
  for (; i < n; ++i) s0 += values[i];
  return (s0 + s1) + (s2 + s3);
}

// Leaves of a fixed size: their number and bounds depend on the input's size only.
constexpr std::size_t kLeaf = 4096;

// Adds the leaf sums pairwise, always splitting at the same place: a fixed tree.
double tree_sum(const double* sums, std::size_t n) {
  if (n == 1) return sums[0];
  const std::size_t half = n / 2;
  return tree_sum(sums, half) + tree_sum(sums + half, n - half);
}

struct MinMaxNan {
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  bool nan = false;
};

MinMax checked(std::span<const double> values, const MinMaxNan& found) {
  if (values.empty()) throw std::invalid_argument("values must not be empty: no smallest or largest value");
  if (found.nan) throw std::invalid_argument("values contain a NaN, which has no place in an order");
  return {found.min, found.max};
}

void require_histogram(double lo, double hi, std::size_t bins) {
  if (bins == 0) throw std::invalid_argument("bins must be at least 1");
  if (!(std::isfinite(lo) && std::isfinite(hi) && lo < hi)) {
    throw std::invalid_argument("range [lo, hi) must be finite with lo < hi");
  }
}

}  // namespace

double sum_openmp(std::span<const double> values) {
  const double* data = values.data();
  const auto n = static_cast<std::ptrdiff_t>(values.size());
  double sum = 0;
  // reduction(+): each thread adds into its own copy; the copies are combined once at the end.
#pragma omp parallel for reduction(+ : sum) schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) sum += data[i];
  return sum;
}

double sum_tbb(std::span<const double> values) {
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, values.size()), 0.0,
      [&](const tbb::blocked_range<std::size_t>& range, double partial) {
        return partial + block_sum(values.data() + range.begin(), range.size());
      },
      std::plus<>{});
}

double deterministic_sum(std::span<const double> values) {
  if (values.empty()) return 0.0;
  const std::size_t leaves = (values.size() + kLeaf - 1) / kLeaf;
  std::vector<double> sums(leaves);
  // Which thread sums which leaf does not matter: each leaf's sum lands in its own slot.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, leaves),
                    [&](const tbb::blocked_range<std::size_t>& r) {
                      for (std::size_t leaf = r.begin(); leaf != r.end(); ++leaf) {
                        const std::size_t begin = leaf * kLeaf;
                        sums[leaf] = block_sum(values.data() + begin, std::min(kLeaf, values.size() - begin));
                      }
                    });
  return tree_sum(sums.data(), leaves);
}

MinMax minmax_openmp(std::span<const double> values) {
  const double* data = values.data();
  const auto n = static_cast<std::ptrdiff_t>(values.size());
  MinMaxNan found;
  double lo = found.min;
  double hi = found.max;
  bool nan = false;
#pragma omp parallel for reduction(min : lo) reduction(max : hi) reduction(|| : nan) schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const double x = data[i];
    nan = nan || std::isnan(x);
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  return checked(values, {lo, hi, nan});
}

MinMax minmax_tbb(std::span<const double> values) {
  const MinMaxNan found = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, values.size()), MinMaxNan{},
      [&](const tbb::blocked_range<std::size_t>& range, MinMaxNan partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const double x = values[i];
          partial.nan = partial.nan || std::isnan(x);
          partial.min = std::min(partial.min, x);
          partial.max = std::max(partial.max, x);
        }
        return partial;
      },
      [](const MinMaxNan& a, const MinMaxNan& b) {
        return MinMaxNan{std::min(a.min, b.min), std::max(a.max, b.max), a.nan || b.nan};
      });
  return checked(values, found);
}

std::vector<std::uint64_t> histogram_openmp(std::span<const double> values, double lo, double hi,
                                            std::size_t bins) {
  require_histogram(lo, hi, bins);
  // One extra slot collects the values outside [lo, hi), so the loop has no branch.
  std::vector<std::uint64_t> counts(bins + 1, 0);
  std::uint64_t* slots = counts.data();
  const double* data = values.data();
  const auto n = static_cast<std::ptrdiff_t>(values.size());
  // An array-section reduction: every thread counts into a private copy of the bins, merged at the end.
#pragma omp parallel for reduction(+ : slots[:bins + 1]) schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) ++slots[bin_of(data[i], lo, hi, bins)];
  counts.pop_back();
  return counts;
}

std::vector<std::uint64_t> histogram_tbb(std::span<const double> values, double lo, double hi,
                                         std::size_t bins) {
  require_histogram(lo, hi, bins);
  using Counts = std::vector<std::uint64_t>;
  Counts counts = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, values.size(), 16384), Counts(bins + 1, 0),
      [&](const tbb::blocked_range<std::size_t>& range, Counts partial) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) ++partial[bin_of(values[i], lo, hi, bins)];
        return partial;
      },
      [](Counts a, const Counts& b) {
        for (std::size_t k = 0; k < a.size(); ++k) a[k] += b[k];
        return a;
      });
  counts.pop_back();
  return counts;
}

}  // namespace hpc::parallel
