// The book's running example: particles that circle the origin like the hands of a clock.
//
// Given (do not edit): Particle, kTimestep, nsteps_for, make_random_particles and
// ParticleSimulator::evolve, the book's integrator written out line for line.
// Lab tasks (labs/01-profiling/src/simulator.cpp): evolve_fast and evolve_closed_form.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <utility>
#include <vector>

namespace hpc::profiling {

// Fixed layout: three doubles, 24 bytes, no per-object bookkeeping (Python's __slots__ taken to the end).
struct Particle {
  double x = 0;
  double y = 0;
  double ang_vel = 0;   // signed speed along the circle; the sign sets the direction of rotation
};
static_assert(sizeof(Particle) == 24);

// The integrator's fixed internal step.
inline constexpr double kTimestep = 0.00001;

// How many internal steps evolve(dt) takes. The conversion truncates, exactly like Python's int():
// 0.01 / 1e-5 is 999.9999999999999 in binary floating point, so evolve(0.01) takes 999 steps, not 1000.
inline int nsteps_for(double dt) { return static_cast<int>(dt / kTimestep); }

// n particles with x, y and ang_vel drawn uniformly from [-1, 1), reproducible for a given seed.
inline std::vector<Particle> make_random_particles(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> uniform(-1.0, 1.0);
  std::vector<Particle> particles(n);
  for (auto& p : particles) {
    p.x = uniform(engine);
    p.y = uniform(engine);
    p.ang_vel = uniform(engine);
  }
  return particles;
}

class ParticleSimulator {
 public:
  explicit ParticleSimulator(std::vector<Particle> particles) : particles_(std::move(particles)) {}

  // GIVEN. The book's evolve, transliterated: time steps in the outer loop, particles in the inner
  // loop, the norm through pow(..., 0.5), and every intermediate in its own variable. This is the
  // baseline that evolve_fast is measured against.
  void evolve(double dt) {
    const int nsteps = nsteps_for(dt);
    for (int i = 0; i < nsteps; ++i) {
      for (auto& particle : particles_) {
        const double norm = std::pow(std::pow(particle.x, 2) + std::pow(particle.y, 2), 0.5);
        const double dir_x = -particle.y / norm;   // unit vector perpendicular to the radius
        const double dir_y = particle.x / norm;
        const double step_x = kTimestep * particle.ang_vel * dir_x;
        const double step_y = kTimestep * particle.ang_vel * dir_y;
        particle.x += step_x;
        particle.y += step_y;
      }
    }
  }

  // LAB TASK 1. The same explicit Euler steps as evolve (same number of steps, results equal to
  // 1e-9), at least 2x faster in the same run.
  void evolve_fast(double dt);

  // LAB TASK 2. The exact motion the Euler steps approximate, in polar coordinates: each particle
  // keeps its radius r and turns by the angle ang_vel * T / r, where T = nsteps_for(dt) * kTimestep.
  void evolve_closed_form(double dt);

  std::span<const Particle> particles() const { return particles_; }
  std::span<Particle> particles() { return particles_; }

 private:
  std::vector<Particle> particles_;
};

}  // namespace hpc::profiling
