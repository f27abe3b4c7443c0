// Graded tests, lab 01 task 3: the recursive factorial and the Taylor coefficients.
#include <cmath>
#include <limits>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/profiling/taylor.hpp"

namespace {

using hpc::profiling::factorial;
using hpc::profiling::factorial_calls;
using hpc::profiling::reset_factorial_calls;
using hpc::profiling::taylor_exp;
using hpc::profiling::taylor_sin;

GRADED_TEST(Factorial, ValuesAndOverflow, 1) {
  EXPECT_EQ(factorial(0), 1.0);
  EXPECT_EQ(factorial(1), 1.0);
  EXPECT_EQ(factorial(5), 120.0);
  EXPECT_EQ(factorial(20), 2432902008176640000.0);   // still exact in a double
  // 170! ~ 7.2574e306 is the largest factorial a double holds; 171! overflows to +inf, as in Python.
  EXPECT_TRUE(std::isfinite(factorial(170)));
  EXPECT_NEAR(factorial(170) / 7.257415615307994e306, 1.0, 1e-12);
  EXPECT_EQ(factorial(171), std::numeric_limits<double>::infinity());
}

GRADED_TEST(Factorial, CountsEveryCall, 1) {
  reset_factorial_calls();
  EXPECT_EQ(factorial_calls(), 0u);
  factorial(10);   // the call itself plus 10 recursive calls, down to factorial(0)
  EXPECT_EQ(factorial_calls(), 11u) << "every call counts, the recursive ones included";
  factorial(0);
  EXPECT_EQ(factorial_calls(), 12u);
  reset_factorial_calls();
  EXPECT_EQ(factorial_calls(), 0u);
}

// The numbers the book reads off its KCachegrind call graph. taylor_exp(500) calls factorial(i) for
// i = 0..499, and factorial(i) makes i + 1 calls: 1 + 2 + ... + 500 = 125,250. taylor_sin(500) only
// calls it for odd i: 2 + 4 + ... + 500 = 62,750. Of the 188,000 calls, 500 + 250 come straight from
// the two functions and the other 187,250 are factorial calling itself.
GRADED_TEST(Taylor, BookCallCounts, 2) {
  reset_factorial_calls();
  taylor_exp(500);
  EXPECT_EQ(factorial_calls(), 125'250u);
  reset_factorial_calls();
  taylor_sin(500);
  EXPECT_EQ(factorial_calls(), 62'750u) << "taylor_sin calls factorial for the odd indices only";
  reset_factorial_calls();
  taylor_exp(500);
  taylor_sin(500);
  const auto total = factorial_calls();
  EXPECT_EQ(total, 188'000u);
  const unsigned top_level_calls = 500 + 250;
  EXPECT_EQ(total - top_level_calls, 187'250u);
}

GRADED_TEST(Taylor, ExpCoefficients, 1) {
  const auto c = taylor_exp(200);
  ASSERT_EQ(c.size(), 200u);
  EXPECT_EQ(c[0], 1.0);
  EXPECT_EQ(c[1], 1.0);
  EXPECT_EQ(c[2], 0.5);
  EXPECT_DOUBLE_EQ(c[3], 1.0 / 6);
  EXPECT_EQ(c[171], 0.0);   // 1 / inf
  double e = 0;
  for (int i = 0; i < 20; ++i) e += c[i];   // the series at x = 1
  EXPECT_NEAR(e, std::exp(1.0), 1e-14);
  EXPECT_TRUE(taylor_exp(0).empty());
}

GRADED_TEST(Taylor, SinCoefficients, 1) {
  const auto c = taylor_sin(40);
  ASSERT_EQ(c.size(), 40u);
  for (int i = 0; i < 40; i += 2) EXPECT_EQ(c[i], 0.0) << "even index " << i;
  EXPECT_EQ(c[1], 1.0);
  EXPECT_DOUBLE_EQ(c[3], -1.0 / 6);
  EXPECT_DOUBLE_EQ(c[5], 1.0 / 120);
  EXPECT_DOUBLE_EQ(c[7], -1.0 / 5040);
  const double x = 0.5;
  double sum = 0;
  double power = 1;
  for (int i = 0; i < 40; ++i, power *= x) sum += c[i] * power;   // the series at x = 0.5
  EXPECT_NEAR(sum, std::sin(x), 1e-14);
}

}  // namespace
