// Parallel reductions: a sum, the smallest and largest value, a histogram, each with OpenMP and with
// oneTBB's parallel_reduce, and a sum that is the same to the last bit whatever the number of threads.
// Lab task 4 (labs/05-parallel/src/reduction.cpp).
//
// Floating-point addition is not associative: a parallel sum adds in another order than a serial one, and
// the order depends on how the work was split. The tests accept any order for sum_openmp and sum_tbb, but
// require every sum to lie within the error bound of the worst summation order,
//   |sum - exact| <= n * 2^-53 * (|x_1| + ... + |x_n|),
// of the exact sum (computed in long double by the tests); a float accumulator is far outside it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace hpc::parallel {

// Sums of the values (0 for none), with OpenMP and with tbb::parallel_reduce.
double sum_openmp(std::span<const double> values);
double sum_tbb(std::span<const double> values);

// The sum, bit-identical for any thread count and any run: the additions must happen in an order fixed
// by the input alone (its size), never by the threads or by who finishes first. How to get there — and
// staying fast: the tests compare it with tbb::parallel_reduce — is yours to design.
double deterministic_sum(std::span<const double> values);

struct MinMax {
  double min = 0;
  double max = 0;
  friend bool operator==(const MinMax&, const MinMax&) = default;
};

// The smallest and the largest value. Throws std::invalid_argument naming "values" when there are none
// or when one is NaN (a NaN has no place in an order).
MinMax minmax_openmp(std::span<const double> values);
MinMax minmax_tbb(std::span<const double> values);

// GIVEN: the bin of x in a histogram of `bins` equal bins over [lo, hi), or `bins` when x is outside
// [lo, hi) (or NaN); such values are not counted.
inline std::size_t bin_of(double x, double lo, double hi, std::size_t bins) {
  if (!(x >= lo && x < hi)) return bins;
  const auto bin = static_cast<std::size_t>((x - lo) / (hi - lo) * static_cast<double>(bins));
  return bin < bins ? bin : bins - 1;  // rounding can push a value just below hi into bin `bins`
}

// counts[b] = how many values have bin_of(value, lo, hi, bins) == b. Throws std::invalid_argument naming
// "bins" when bins == 0, and "range" unless lo < hi, both finite.
std::vector<std::uint64_t> histogram_openmp(std::span<const double> values, double lo, double hi,
                                            std::size_t bins);
std::vector<std::uint64_t> histogram_tbb(std::span<const double> values, double lo, double hi,
                                         std::size_t bins);

}  // namespace hpc::parallel
