// Task 5: Thrust on the CPU (OpenMP backend) against serial loops.
#include <omp.h>

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iomanip>
#include <stdexcept>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/proc_self.hpp"
#include "hpc/gpu_lab/thrust_algos.hpp"

using namespace hpc::gpu_lab;
using namespace hpc::gpu_lab::testing;

namespace {

// Thrust's OpenMP backend runs libgomp, whose synchronisation ThreadSanitizer cannot see (libgomp is not
// instrumented): every parallel loop would be reported as a race. Nothing of task 5 is graded there.
void skip_under_thread_sanitizer() {
  if (hpc::common::thread_sanitizer_build()) {
    GTEST_SKIP() << "Thrust's OpenMP backend: libgomp is not instrumented for ThreadSanitizer";
  }
}

// libgomp keeps the threads of its first parallel region for the next ones, so a process that ran one
// has more threads afterwards than before. Each test runs in a fresh process: nothing ran OpenMP before.
void expect_openmp_threads_started(const char* what, const std::function<void()>& call) {
  if (omp_get_max_threads() < 2) {
    GTEST_SKIP() << "OpenMP may use one thread here (one core, or OMP_NUM_THREADS=1)";
  }
  const int before = hpc::common::thread_count();
  call();
  const int after = hpc::common::thread_count();
  if (after <= before) {
    FAIL() << what << " started no OpenMP threads: is the policy passed to every Thrust call (not "
           << "thrust::seq, not a loop of your own)? " << before << " threads before, " << after << " after";
  }
}

double serial_sum(const std::vector<float>& x) {
  double s = 0;
  for (float v : x) s += v;
  return s;
}

}  // namespace

// 10^7 floats: a float accumulator (reduce with 0.0f, or plus<float>) is off by about 1e-4 relative
// here, far beyond the 1e-9 that double accumulation in any order keeps.
GRADED_TEST(Thrust, SumAccumulatesInDouble, 4) {
  skip_under_thread_sanitizer();
  if (::testing::Test::IsSkipped()) return;
  for (std::size_t n : {std::size_t{1}, std::size_t{3}, std::size_t{1000}, std::size_t{10'000'000}}) {
    const std::vector<float> x = random_floats(n, 40 + n, -1.0f, 3.0f);
    const double expected = serial_sum(x);
    const double got = thrust_sum(x);
    if (std::abs(got - expected) > 1e-9 * std::abs(expected)) {
      FAIL() << (got == 0 ? "sum 0 (is sum_with still the stub?)"
                          : "is the accumulator a float? Widen each element to double (transform_reduce, or "
                            "reduce with a double init and plus<double>)")
             << ": n = " << n << ", " << got << " against the serial double sum " << expected
             << " (relative error " << std::abs(got - expected) / std::abs(expected) << ", allowed 1e-9)";
    }
  }
  EXPECT_EQ(thrust_sum({}), 0.0) << "the sum of nothing";
}

GRADED_TEST(Thrust, ExponMatchesTheSerialLoop, 3) {
  skip_under_thread_sanitizer();
  if (::testing::Test::IsSkipped()) return;
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{1000}, std::size_t{1'000'003}}) {
    const std::vector<float> x0 = random_floats(n, 50 + n, -10.0f, 10.0f);
    const std::vector<float> y0 = random_floats(n, 60 + n, -10.0f, 10.0f);
    Guarded<float> x(x0, kFloatCanary), y(y0, kFloatCanary), out(n, poison_float(), kFloatCanary);
    thrust_expon(x.cspan(), y.cspan(), out.span());
    const std::string wrote = out.out_of_range_writes("out");
    ASSERT_EQ(wrote, "") << "n = " << n;
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_TRUE(x[i] == x0[i] && y[i] == y0[i]) << "an input changed at index " << i;
      const float expected = expf(x0[i]) + expf(y0[i]);
      if (out[i] == expected) continue;
      FAIL() << (is_poison(out[i]) ? "never written (is expon_with still the stub?)"
                                   : "not expf(x) + expf(y) computed in float, as the serial loop does")
             << ": n = " << n << ", out[" << i << "] = " << std::setprecision(9) << out[i] << " (0x"
             << std::hex << std::bit_cast<std::uint32_t>(out[i]) << "), expected " << std::dec << expected
             << " (0x" << std::hex << std::bit_cast<std::uint32_t>(expected) << ")";
    }
  }
}

GRADED_TEST(Thrust, MismatchedSizesRejected, 1) {
  skip_under_thread_sanitizer();
  if (::testing::Test::IsSkipped()) return;
  // A correct call first: the size check is given code, the transform is yours.
  std::vector<float> x{1.0f, 2.0f}, y{0.5f, -1.0f}, out(2, poison_float());
  thrust_expon(x, y, out);
  ASSERT_EQ(out[1], expf(2.0f) + expf(-1.0f)) << "thrust_expon on two elements";
  std::vector<float> three(3);
  EXPECT_THROW(thrust_expon(x, three, out), std::invalid_argument);
  EXPECT_THROW(thrust_expon(x, y, three), std::invalid_argument);
}

// Graded only where OpenMP may use two threads; skipped (with the reason) elsewhere. 2 points each: a
// serial loop (or thrust::seq) computes the right numbers, so this is the only place it shows.
GRADED_TEST(Thrust, SumRunsOnOpenMPThreads, 2) {
  skip_under_thread_sanitizer();
  if (::testing::Test::IsSkipped()) return;
  const std::vector<float> x = random_floats(1'000'000, 70, -1.0f, 1.0f);
  double got = 0;
  expect_openmp_threads_started("thrust_sum", [&] { got = thrust_sum(x); });
  const double expected = serial_sum(x);
  if (!::testing::Test::IsSkipped() && !HasFailure() &&
      std::abs(got - expected) > 1e-9 * std::abs(expected)) {
    FAIL() << "thrust_sum ran on OpenMP threads but gave " << got << " against the serial double sum "
           << expected << " (relative error " << std::abs(got - expected) / std::abs(expected)
           << ", allowed 1e-9): is the accumulator a float? Widen each element to double";
  }
}

GRADED_TEST(Thrust, ExponRunsOnOpenMPThreads, 2) {
  skip_under_thread_sanitizer();
  if (::testing::Test::IsSkipped()) return;
  const std::vector<float> x = random_floats(1'000'000, 71, -1.0f, 1.0f);
  std::vector<float> out(x.size(), poison_float());
  expect_openmp_threads_started("thrust_expon", [&] { thrust_expon(x, x, out); });
  if (!::testing::Test::IsSkipped() && !HasFailure() && out.back() != expf(x.back()) + expf(x.back())) {
    FAIL() << "thrust_expon ran on OpenMP threads but out[last] = " << out.back() << ", expected expf(x) + "
           << "expf(y) = " << expf(x.back()) + expf(x.back());
  }
}
