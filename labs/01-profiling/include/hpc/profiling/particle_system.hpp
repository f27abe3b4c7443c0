// Lab task 6 (open design): the particle simulator behind a public interface only. How the particles
// are stored (array of structs, struct of arrays, blocks of a few lanes, padding) is yours to choose in
// labs/01-profiling/src/particle_system.cpp; the tests see nothing but this interface.
//
// The build compiles particle_system.cpp with -fno-math-errno (the chapter's CMakeLists.txt says why).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include "hpc/profiling/simulator.hpp"

namespace hpc::profiling {

class ParticleSystem {
 public:
  // Takes a copy of the particles, in this order.
  explicit ParticleSystem(std::span<const Particle> particles);
  ~ParticleSystem();
  ParticleSystem(ParticleSystem&& other) noexcept;
  ParticleSystem& operator=(ParticleSystem&& other) noexcept;
  ParticleSystem(const ParticleSystem&) = delete;
  ParticleSystem& operator=(const ParticleSystem&) = delete;

  // The same physics as ParticleSimulator::evolve: nsteps_for(dt) explicit Euler steps of kTimestep,
  // each step computing both coordinates from the position before that step. Positions must agree with
  // ParticleSimulator::evolve's to 1e-9 after 999 steps, which needs double precision (float drifts by
  // about 1e-5). State carries over from one call to the next.
  void evolve(double dt);

  std::size_t size() const;
  // The current particles, in the order they were given, ang_vel unchanged.
  std::vector<Particle> particles() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::profiling
