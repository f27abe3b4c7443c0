// Reference solution of lab 05, task 3.
#include "hpc/parallel/evolve.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <cstddef>

namespace hpc::parallel {
namespace {

using hpc::profiling::kTimestep;
using hpc::profiling::nsteps_for;

// One Euler step of one particle with exactly the arithmetic of ParticleSimulator::evolve (std::pow
// included: pow(s, 0.5) and sqrt(s) may differ in the last bit, and the task asks for identical bits).
inline void step(Particle& particle) {
  const double norm = std::pow(std::pow(particle.x, 2) + std::pow(particle.y, 2), 0.5);
  const double dir_x = -particle.y / norm;
  const double dir_y = particle.x / norm;
  particle.x += kTimestep * particle.ang_vel * dir_x;
  particle.y += kTimestep * particle.ang_vel * dir_y;
}

// All steps of a small group of particles. Steps of one particle form a chain (each needs the last
// one's result), so a group of neighbours is stepped together: their chains interleave and the CPU
// overlaps them, as it does in the serial evolve. The particles stay independent, so the bits do not
// change.
constexpr std::size_t kGroup = 8;

void evolve_range(std::span<Particle> particles, std::size_t begin, std::size_t end, int nsteps) {
  for (std::size_t group = begin; group < end; group += kGroup) {
    const std::size_t group_end = group + kGroup < end ? group + kGroup : end;
    for (int s = 0; s < nsteps; ++s) {
      for (std::size_t i = group; i < group_end; ++i) step(particles[i]);
    }
  }
}

}  // namespace

void evolve_swapped(std::span<Particle> particles, double dt) {
  evolve_range(particles, 0, particles.size(), nsteps_for(dt));
}

void evolve_openmp(std::span<Particle> particles, double dt) {
  const int nsteps = nsteps_for(dt);
  const auto groups = static_cast<std::ptrdiff_t>((particles.size() + kGroup - 1) / kGroup);
  // Each iteration owns its particles: no shared writes, nothing to reduce.
#pragma omp parallel for schedule(dynamic)
  for (std::ptrdiff_t g = 0; g < groups; ++g) {
    const std::size_t begin = static_cast<std::size_t>(g) * kGroup;
    evolve_range(particles, begin, begin + kGroup < particles.size() ? begin + kGroup : particles.size(),
                 nsteps);
  }
}

void evolve_tbb(std::span<Particle> particles, double dt) {
  const int nsteps = nsteps_for(dt);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, particles.size(), kGroup),
                    [&](const tbb::blocked_range<std::size_t>& range) {
                      evolve_range(particles, range.begin(), range.end(), nsteps);
                    });
}

}  // namespace hpc::parallel
