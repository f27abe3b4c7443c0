// Lab 01, task 6 (see labs/01-profiling/LAB.md): the particle simulator behind a public interface.
// The layout is yours: put what you need in Impl, and write the member functions. This file is compiled
// with -fno-math-errno (see particle_system.hpp).
#include "hpc/profiling/particle_system.hpp"

#include <cmath>

#include "hpc/common/not_implemented.hpp"

namespace hpc::profiling {

struct ParticleSystem::Impl {
  // Your data layout goes here.
};

ParticleSystem::ParticleSystem([[maybe_unused]] std::span<const Particle> particles)
    : impl_(std::make_unique<Impl>()) {
  hpc::common::not_implemented();
}

ParticleSystem::~ParticleSystem() = default;
ParticleSystem::ParticleSystem(ParticleSystem&& other) noexcept = default;
ParticleSystem& ParticleSystem::operator=(ParticleSystem&& other) noexcept = default;

// The same explicit Euler steps as ParticleSimulator::evolve (simulator.hpp), as fast as you can make
// them on one core.
void ParticleSystem::evolve([[maybe_unused]] double dt) { hpc::common::not_implemented(); }

std::size_t ParticleSystem::size() const { hpc::common::not_implemented(); }

std::vector<Particle> ParticleSystem::particles() const { hpc::common::not_implemented(); }

}  // namespace hpc::profiling
