// Graded tests, lab 01 task 4: timeit, repeat and summarize.
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/profiling/timing.hpp"

namespace {

using hpc::profiling::repeat;
using hpc::profiling::summarize;
using hpc::profiling::timeit;

// sleep_for never returns early, so 5 sleeps of 2 ms take at least 10 ms. The upper bound is loose; it
// catches results in milliseconds or nanoseconds instead of seconds.
GRADED_TEST(Timeit, CallsNumberTimesAndReturnsSeconds, 1) {
  int calls = 0;
  const double seconds = timeit(
      [&calls] {
        ++calls;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      },
      5);
  EXPECT_EQ(calls, 5) << "timeit must call f exactly `number` times";
  EXPECT_GE(seconds, 0.010) << "five calls of 2 ms each: the total, in seconds, not one call's time";
  EXPECT_LT(seconds, 1.0);
}

// Each of the results must cover `number` calls: with 3 sleeps of 1 ms per result, none is below 3 ms.
GRADED_TEST(Repeat, ReturnsOneTotalPerRepeat, 1) {
  int calls = 0;
  const auto totals = repeat(
      [&calls] {
        ++calls;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      },
      3, 4);
  ASSERT_EQ(totals.size(), 4u);
  EXPECT_EQ(calls, 12);
  for (const double t : totals) {
    EXPECT_GE(t, 0.003);
    EXPECT_LT(t, 1.0);
  }
}

// Nothing may run when the arguments are wrong.
GRADED_TEST(Timing, RejectsInvalidArguments, 1) {
  int calls = 0;
  const auto f = [&calls] { ++calls; };
  EXPECT_THROW(timeit(f, 0), std::invalid_argument);
  EXPECT_THROW(timeit(f, -3), std::invalid_argument);
  EXPECT_THROW(repeat(f, 0, 3), std::invalid_argument);
  EXPECT_THROW(repeat(f, 3, 0), std::invalid_argument);
  EXPECT_EQ(calls, 0) << "f ran before the arguments were checked";
}

// Seven samples, given out of order. Sorted: 10 20 30 40 50 60 70.
//   mean = median = 40; squared deviations 900+400+100+0+100+400+900 = 2800, stddev = sqrt(2800 / 6);
//   Q1 sits at position 0.25 * 6 = 1.5 (between 20 and 30: 25), Q3 at 4.5 (between 50 and 60: 55).
GRADED_TEST(Summarize, OddCount, 1) {
  const std::vector<double> samples = {30, 10, 70, 50, 20, 60, 40};
  const auto s = summarize(samples);
  EXPECT_EQ(s.rounds, 7u);
  EXPECT_EQ(s.min, 10.0);
  EXPECT_EQ(s.max, 70.0);
  EXPECT_DOUBLE_EQ(s.mean, 40.0);
  EXPECT_DOUBLE_EQ(s.median, 40.0);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(2800.0 / 6.0)) << "the sample standard deviation divides by n - 1";
  EXPECT_DOUBLE_EQ(s.iqr, 55.0 - 25.0)
      << "quartiles interpolate at position q * (n - 1) of the sorted samples";
}

// Eight samples, out of order. Sorted: 1 2 3 4 5 6 7 8.
//   mean 4.5; the median sits at position 3.5, halfway between 4 and 5: 4.5;
//   squared deviations 2 * (3.5^2 + 2.5^2 + 1.5^2 + 0.5^2) = 42, stddev = sqrt(42 / 7) = sqrt(6);
//   Q1 at position 1.75: 2 + 0.75 = 2.75; Q3 at 5.25: 6 + 0.25 = 6.25; IQR = 3.5.
GRADED_TEST(Summarize, EvenCountInterpolates, 2) {
  const std::vector<double> samples = {8, 3, 1, 6, 2, 7, 5, 4};
  const auto s = summarize(samples);
  EXPECT_EQ(s.rounds, 8u);
  EXPECT_EQ(s.min, 1.0);
  EXPECT_EQ(s.max, 8.0);
  EXPECT_DOUBLE_EQ(s.mean, 4.5);
  EXPECT_DOUBLE_EQ(s.median, 4.5) << "an even count's median is halfway between the two middle samples";
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(6.0)) << "the sample standard deviation divides by n - 1";
  EXPECT_DOUBLE_EQ(s.iqr, 3.5) << "quartiles interpolate at position q * (n - 1) of the sorted samples";
}

GRADED_TEST(Summarize, SingleSampleHasNoSpread, 1) {
  const std::vector<double> samples = {0.25};
  const auto s = summarize(samples);
  EXPECT_EQ(s.rounds, 1u);
  EXPECT_EQ(s.min, 0.25);
  EXPECT_EQ(s.max, 0.25);
  EXPECT_EQ(s.mean, 0.25);
  EXPECT_EQ(s.median, 0.25);
  EXPECT_EQ(s.stddev, 0.0) << "one sample has no spread (n - 1 = 0 must not divide)";
  EXPECT_EQ(s.iqr, 0.0);
}

GRADED_TEST(Summarize, EmptyThrows, 1) {
  const std::vector<double> none;
  EXPECT_THROW(summarize(none), std::invalid_argument);
}

}  // namespace
