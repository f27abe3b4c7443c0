// How much can more processors buy? Amdahl's law (a fixed job), Gustafson's law (a job that grows with
// the machine), and the Karp–Flatt metric, which runs Amdahl backwards: from a measured speed-up to the
// serial fraction that would explain it.
// Lab task 1 (labs/05-parallel/src/amdahl.cpp).
//
// Bad input throws std::invalid_argument whose message names the argument ("serial_fraction",
// "processors", "speedup", "curve"): a fraction outside [0, 1], zero processors, a non-finite number.
#pragma once

#include <span>

namespace hpc::parallel {

// Amdahl: the speed-up of a job whose serial_fraction f of the one-processor time cannot run in
// parallel, on p processors: 1 / (f + (1 - f) / p). amdahl_speedup(0.6, 4) = 1 / 0.7 = 1.4286.
double amdahl_speedup(double serial_fraction, unsigned processors);

// Gustafson: the scaled speed-up when the parallel part grows with p and the time stays the same:
// f + (1 - f) * p, where f is the serial fraction of the time measured on the p processors.
double gustafson_speedup(double serial_fraction, unsigned processors);

// Karp–Flatt: the serial fraction e that Amdahl's law needs to give the measured speed-up on p >= 2
// processors: e = (1/S - 1/p) / (1 - 1/p). Not clamped: a value that grows with p points to overhead
// that grows with p, a negative one to a superlinear speed-up (caches). Needs p >= 2 and S > 0, finite.
double karp_flatt_serial_fraction(double measured_speedup, unsigned processors);

// One point of a measured speed-up curve.
struct SpeedupPoint {
  unsigned processors = 1;
  double speedup = 1;
};

// The serial fraction f whose Amdahl curve fits the measured points best, in the least-squares sense of
// the linear form 1/S - 1/p = f * (1 - 1/p) (Amdahl's law rearranged), clamped to [0, 1]. Points with
// p = 1 carry no information and are ignored; the curve needs at least one point with p >= 2.
// Throws std::invalid_argument naming "curve" for a curve without such a point, and "processors" or
// "speedup" for a point with p = 0 or a speed-up that is not positive and finite.
double fit_serial_fraction(std::span<const SpeedupPoint> curve);

}  // namespace hpc::parallel
