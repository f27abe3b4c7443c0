// A small timeit: the tool every later lab uses to time things by hand.
// Lab task 4 (labs/01-profiling/src/timing.cpp).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

namespace hpc::profiling {

// Total seconds for `number` back-to-back calls of f, measured with std::chrono::steady_clock.
// Throws std::invalid_argument when number < 1.
double timeit(const std::function<void()>& f, int number);

// `repeats` results of timeit(f, number), in run order. Throws std::invalid_argument when
// number < 1 or repeats < 1.
std::vector<double> repeat(const std::function<void()>& f, int number, int repeats);

// The columns pytest-benchmark prints.
struct Summary {
  double min = 0;
  double max = 0;
  double mean = 0;
  double stddev = 0;   // sample standard deviation (divides by n - 1); 0 for a single sample
  double median = 0;
  double iqr = 0;      // Q3 - Q1, quartiles by linear interpolation between order statistics
                       // (position q * (n - 1) in the sorted samples, as numpy.percentile does)
  std::size_t rounds = 0;
};

// Throws std::invalid_argument for an empty span.
Summary summarize(std::span<const double> samples);

}  // namespace hpc::profiling
