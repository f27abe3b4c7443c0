// Reference solution of lab 05, task 1.
#include "hpc/parallel/amdahl.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace hpc::parallel {
namespace {

void require_fraction(double serial_fraction) {
  // Written so that NaN fails too: every comparison with NaN is false.
  if (!(serial_fraction >= 0.0 && serial_fraction <= 1.0)) {
    throw std::invalid_argument("serial_fraction must be in [0, 1], got " + std::to_string(serial_fraction));
  }
}

void require_processors(unsigned processors, unsigned at_least) {
  if (processors < at_least) {
    throw std::invalid_argument("processors must be at least " + std::to_string(at_least) + ", got " +
                                std::to_string(processors));
  }
}

void require_speedup(double speedup) {
  if (!(std::isfinite(speedup) && speedup > 0.0)) {
    throw std::invalid_argument("speedup must be positive and finite, got " + std::to_string(speedup));
  }
}

}  // namespace

double amdahl_speedup(double serial_fraction, unsigned processors) {
  require_fraction(serial_fraction);
  require_processors(processors, 1);
  return 1.0 / (serial_fraction + (1.0 - serial_fraction) / processors);
}

double gustafson_speedup(double serial_fraction, unsigned processors) {
  require_fraction(serial_fraction);
  require_processors(processors, 1);
  return serial_fraction + (1.0 - serial_fraction) * processors;
}

double karp_flatt_serial_fraction(double measured_speedup, unsigned processors) {
  require_speedup(measured_speedup);
  require_processors(processors, 2);  // with one processor the formula divides by zero
  const double inverse_p = 1.0 / processors;
  return (1.0 / measured_speedup - inverse_p) / (1.0 - inverse_p);
}

// Amdahl's law as a line through the origin: y = 1/S - 1/p against x = 1 - 1/p has slope f. The least-
// squares slope of such a line is sum(x*y) / sum(x*x).
double fit_serial_fraction(std::span<const SpeedupPoint> curve) {
  double xy = 0;
  double xx = 0;
  for (const SpeedupPoint& point : curve) {
    require_processors(point.processors, 1);
    require_speedup(point.speedup);
    const double x = 1.0 - 1.0 / point.processors;
    const double y = 1.0 / point.speedup - 1.0 / point.processors;
    xy += x * y;
    xx += x * x;
  }
  if (xx == 0) throw std::invalid_argument("curve needs at least one point with 2 or more processors");
  return std::clamp(xy / xx, 0.0, 1.0);
}

}  // namespace hpc::parallel
