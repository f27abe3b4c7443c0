// Reference solution, lab 01 tasks 1 and 2: a faster Euler integrator and the exact motion.
#include "hpc/profiling/simulator.hpp"

#include <cmath>

namespace hpc::profiling {

// Task 1. Same steps as evolve, in the same order (time steps outside, particles inside).
//
// Where the time goes in evolve (callgrind/perf annotate show it): std::pow(..., 0.5) is a libm call
// costing several times a sqrt instruction, and GCC may not turn it into std::sqrt without
// -ffast-math, because pow and sqrt disagree on -0 and -inf. pow(x, 2) is already folded to x * x,
// but spelling it out makes the intent plain.
//
// Why the loops are NOT swapped as the book does: with particles inside, every particle's step is
// independent of its neighbours', so the CPU overlaps the sqrt and the division of consecutive
// particles. With particles outside, each step waits for the previous one's sqrt and division (one
// long dependency chain), and the "optimized" loop is as slow as the pow version.
void ParticleSimulator::evolve_fast(double dt) {
  const int nsteps = nsteps_for(dt);
  for (int step = 0; step < nsteps; ++step) {
    for (auto& p : particles_) {
      // kTimestep * ang_vel / norm, folded into one factor: one division per step instead of two.
      const double scale = kTimestep * p.ang_vel / std::sqrt(p.x * p.x + p.y * p.y);
      const double old_x = p.x;   // the y update must see the position before this step
      p.x -= scale * p.y;
      p.y += scale * old_x;
    }
  }
}

// Task 2. Each Euler step is perpendicular to the radius and ang_vel * kTimestep long, so the motion it
// approximates is a circle travelled at speed ang_vel: the angle grows at the rate ang_vel / r.
// One sin/cos per particle replaces nsteps sqrt/div pairs, whatever dt is.
void ParticleSimulator::evolve_closed_form(double dt) {
  const double elapsed = nsteps_for(dt) * kTimestep;   // the same truncated time evolve covers
  for (auto& p : particles_) {
    const double r = std::hypot(p.x, p.y);
    if (r == 0) continue;   // a particle at the centre has no direction to turn in
    const double alpha = std::atan2(p.y, p.x) + p.ang_vel * elapsed / r;
    p.x = r * std::cos(alpha);
    p.y = r * std::sin(alpha);
  }
}

}  // namespace hpc::profiling
