// Lab 01, tasks 1 and 2 (see labs/01-profiling/LAB.md). Replace each body; keep the signatures.
#include "hpc/profiling/simulator.hpp"

#include <cmath>

#include "hpc/common/not_implemented.hpp"

namespace hpc::profiling {

// Task 1: the same Euler steps as ParticleSimulator::evolve (simulator.hpp), at least twice as fast.
// Profile evolve first and let the profile tell you what to change.
void ParticleSimulator::evolve_fast([[maybe_unused]] double dt) {
  hpc::common::not_implemented();
}

// Task 2: the exact circular motion: keep each particle's radius r and turn it by the angle
// ang_vel * T / r, where T = nsteps_for(dt) * kTimestep.
void ParticleSimulator::evolve_closed_form([[maybe_unused]] double dt) {
  hpc::common::not_implemented();
}

}  // namespace hpc::profiling
