// Task 1: Amdahl, Gustafson, Karp–Flatt and a fitted serial fraction.
#include <cmath>
#include <iomanip>
#include <limits>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/parallel/amdahl.hpp"
#include "support.hpp"

using namespace hpc::parallel;
using hpc::parallel::testing::throws_naming;

namespace {

// EXPECT_NEAR with the explanation first: the grade table shows only the start of the first failure's
// message, and GoogleTest's own text would fill it.
void expect_near(double got, double expected, double tolerance, const std::string& explanation) {
  if (std::abs(got - expected) <= tolerance) return;  // (a NaN fails)
  ADD_FAILURE() << explanation << ": got " << std::setprecision(17) << got << ", expected " << expected;
}

}  // namespace

GRADED_TEST(Amdahl, BookExamplesAndLimits, 2) {
  // The book's example (chapter 9): 40% of the run in parallel on 4 processors.
  EXPECT_NEAR(amdahl_speedup(0.6, 4), 1.0 / 0.7, 1e-12) << "1 / (0.6 + 0.4 / 4) = 1.4286";
  // The book's second option: 80% in parallel on only 2 processors is faster.
  EXPECT_NEAR(amdahl_speedup(0.2, 2), 1.0 / 0.6, 1e-12) << "1 / (0.2 + 0.8 / 2) = 1.6667";
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.0, 7), 7.0) << "a fully parallel job scales with p";
  EXPECT_DOUBLE_EQ(amdahl_speedup(1.0, 64), 1.0) << "a fully serial job does not speed up";
  EXPECT_DOUBLE_EQ(amdahl_speedup(0.3, 1), 1.0) << "one processor is the baseline";
  // Diminishing returns: each processor adds less, and the curve stays below 1/f.
  double previous = 1.0, previous_gain = 1e9;
  for (unsigned p = 2; p <= 64; ++p) {
    const double s = amdahl_speedup(0.05, p);
    ASSERT_GT(s, previous) << "p = " << p;
    ASSERT_LT(s - previous, previous_gain) << "p = " << p << ": the gain must shrink";
    ASSERT_LT(s, 1.0 / 0.05) << "p = " << p << ": above the limit 1/f";
    previous_gain = s - previous;
    previous = s;
  }
}

GRADED_TEST(Gustafson, ScaledSpeedup, 1) {
  // Every message says what the law is: the first failure is the one the grade table shows.
  const std::string law = "Gustafson's scaled speed-up is f + (1 - f) p (did you return Amdahl's speed-up?)";
  expect_near(gustafson_speedup(0.6, 4), 0.6 + 0.4 * 4, 1e-12, law + ", f = 0.6, p = 4");
  expect_near(gustafson_speedup(0.1, 16), 0.1 + 0.9 * 16, 1e-12, law + ", f = 0.1, p = 16");
  expect_near(gustafson_speedup(0.0, 8), 8.0, 1e-12, law + ", f = 0, p = 8");
  expect_near(gustafson_speedup(1.0, 8), 1.0, 1e-12, law + ", f = 1, p = 8");
  // With the same f the scaled law promises more: the work grew with the machine.
  EXPECT_GT(gustafson_speedup(0.5, 8), amdahl_speedup(0.5, 8)) << "did you return Amdahl's speed-up?";
}

GRADED_TEST(KarpFlatt, BookWorkersAndRoundTrip, 1) {
  // The book's prime example with 2 workers: 7.6659 s, then 4.1153 s.
  EXPECT_NEAR(karp_flatt_serial_fraction(7.6659 / 4.1153, 2), 0.0736, 1e-3);
  // Karp–Flatt runs Amdahl backwards: the serial fraction that gave a speed-up comes out again.
  for (double f : {0.0, 0.05, 0.3, 0.6, 1.0}) {
    for (unsigned p : {2u, 3u, 8u, 100u}) {
      EXPECT_NEAR(karp_flatt_serial_fraction(amdahl_speedup(f, p), p), f, 1e-12)
          << "f = " << f << ", p = " << p;
    }
  }
  // A superlinear speed-up (caches) gives a negative fraction: reported as measured, not clamped.
  EXPECT_LT(karp_flatt_serial_fraction(2.2, 2), 0.0) << "Karp–Flatt is not clamped to [0, 1]";
}

GRADED_TEST(FitSerialFraction, RecoversAmdahlCurve, 2) {
  std::vector<SpeedupPoint> curve;
  for (unsigned p = 1; p <= 8; ++p) curve.push_back({p, amdahl_speedup(0.25, p)});
  expect_near(fit_serial_fraction(curve), 0.25, 1e-12,
              "an exact Amdahl curve (f = 0.25, p = 1 to 8) must give its own f back");

  // Measured curves are noisy: the least-squares fit in the 1/S form (see the header) of these points.
  const std::vector<SpeedupPoint> measured = {{1, 1.0}, {2, 1.86}, {3, 2.5}, {4, 2.9}};
  double xy = 0, xx = 0;
  for (const auto& point : measured) {
    const double x = 1.0 - 1.0 / point.processors;
    xy += x * (1.0 / point.speedup - 1.0 / point.processors);
    xx += x * x;
  }
  expect_near(fit_serial_fraction(measured), xy / xx, 1e-12,
              "the fit must minimise the squared error of 1/S - 1/p = f (1 - 1/p) (not of S), over the "
              "points with p >= 2; measured {1, 1.0}, {2, 1.86}, {3, 2.5}, {4, 2.9}");

  // A point with one processor says nothing about f.
  const std::vector<SpeedupPoint> with_baseline = {{1, 1.0}, {4, amdahl_speedup(0.1, 4)}};
  expect_near(fit_serial_fraction(with_baseline), 0.1, 1e-12,
              "a point at p = 1 says nothing about f: {1, 1.0} and the f = 0.1 point at p = 4 give 0.1");
  // Faster than linear: clamped to 0. Slower than serial: clamped to 1.
  expect_near(fit_serial_fraction(std::vector<SpeedupPoint>{{2, 2.5}, {4, 5.0}}), 0.0, 0,
              "a superlinear curve ({2, 2.5}, {4, 5.0}) fits a negative f: clamped to 0");
  expect_near(fit_serial_fraction(std::vector<SpeedupPoint>{{2, 0.5}, {4, 0.6}}), 1.0, 0,
              "a curve slower than serial ({2, 0.5}, {4, 0.6}) fits f above 1: clamped to 1");
}

GRADED_TEST(Amdahl, BadInputNamesTheArgument, 1) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double f : {-0.1, 1.1, nan, inf}) {
    EXPECT_TRUE(throws_naming([&] { amdahl_speedup(f, 4); }, "serial_fraction")) << "amdahl f = " << f;
    EXPECT_TRUE(throws_naming([&] { gustafson_speedup(f, 4); }, "serial_fraction")) << "gustafson f = " << f;
  }
  EXPECT_TRUE(throws_naming([] { amdahl_speedup(0.5, 0); }, "processors"));
  EXPECT_TRUE(throws_naming([] { gustafson_speedup(0.5, 0); }, "processors"));
  EXPECT_TRUE(throws_naming([] { karp_flatt_serial_fraction(1.5, 1); }, "processors")) << "1 - 1/p = 0";
  EXPECT_TRUE(throws_naming([] { karp_flatt_serial_fraction(1.5, 0); }, "processors"));
  for (double s : {0.0, -1.0, nan, inf}) {
    EXPECT_TRUE(throws_naming([&] { karp_flatt_serial_fraction(s, 2); }, "speedup")) << "S = " << s;
  }
  EXPECT_TRUE(throws_naming([] { fit_serial_fraction({}); }, "curve")) << "no points";
  EXPECT_TRUE(throws_naming(
      [] {
        fit_serial_fraction(std::vector<SpeedupPoint>{{1, 1.0}});
      },
      "curve"))
      << "only p = 1";
  EXPECT_TRUE(throws_naming(
      [] {
        fit_serial_fraction(std::vector<SpeedupPoint>{{0, 1.0}, {2, 1.5}});
      },
      "processors"));
  EXPECT_TRUE(throws_naming([&] { fit_serial_fraction(std::vector<SpeedupPoint>{{2, nan}}); }, "speedup"));
}
