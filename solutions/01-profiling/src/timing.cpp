// Reference solution, lab 01 task 4: timeit, repeat and the pytest-benchmark summary.
#include "hpc/profiling/timing.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace hpc::profiling {

namespace {

// The sorted samples' value at fraction q (0..1) of the way from the first to the last, interpolating
// linearly between neighbours: numpy.percentile's default ("linear") method.
double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(position);
  if (below + 1 >= sorted.size()) return sorted.back();
  const double fraction = position - static_cast<double>(below);
  return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

}  // namespace

double timeit(const std::function<void()>& f, int number) {
  if (number < 1) throw std::invalid_argument("timeit: number must be at least 1");
  // steady_clock, not system_clock: the wall clock can jump (NTP, manual changes) in mid-measurement.
  // One clock read around the whole loop, so the clock's own cost is not paid per call.
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < number; ++i) f();
  const auto stop = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(stop - start).count();
}

std::vector<double> repeat(const std::function<void()>& f, int number, int repeats) {
  // Check both before running anything, so a bad call costs nothing.
  if (number < 1) throw std::invalid_argument("repeat: number must be at least 1");
  if (repeats < 1) throw std::invalid_argument("repeat: repeats must be at least 1");
  std::vector<double> totals;
  totals.reserve(static_cast<std::size_t>(repeats));
  for (int r = 0; r < repeats; ++r) totals.push_back(timeit(f, number));
  return totals;
}

Summary summarize(std::span<const double> samples) {
  if (samples.empty()) throw std::invalid_argument("summarize: no samples");
  std::vector<double> sorted(samples.begin(), samples.end());
  std::sort(sorted.begin(), sorted.end());
  const auto n = static_cast<double>(sorted.size());

  Summary s;
  s.rounds = sorted.size();
  s.min = sorted.front();
  s.max = sorted.back();
  double sum = 0;
  for (double x : sorted) sum += x;
  s.mean = sum / n;
  if (sorted.size() > 1) {
    // Two passes (mean first, then squared deviations) instead of sum of squares minus square of
    // sums: the one-pass formula cancels catastrophically when the spread is tiny next to the mean,
    // which is exactly the case for repeated timings.
    double squares = 0;
    for (double x : sorted) squares += (x - s.mean) * (x - s.mean);
    s.stddev = std::sqrt(squares / (n - 1));   // sample standard deviation, like pytest-benchmark
  }
  s.median = quantile(sorted, 0.5);
  s.iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  return s;
}

}  // namespace hpc::profiling
