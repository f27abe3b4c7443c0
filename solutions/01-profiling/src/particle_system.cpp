// Reference solution, lab 01 task 6: the particles as a struct of arrays, padded to whole blocks of
// kLanes so the compiler can turn each block into vector instructions.
//
// Why this layout: a step needs the same operation on every particle, and SIMD instructions load
// consecutive doubles. With x, y and the per-particle factor each in its own array, one load brings two
// (SSE2) or four (AVX) particles' x. In the Particle struct layout the x values sit 24 bytes apart and
// must be gathered one by one.
//
// Why the fixed-width inner loop: at -O2 GCC 12 vectorizes only loops whose vector code replaces the
// scalar code entirely (its "very cheap" cost model), so a loop over n particles, which would need a
// scalar tail, stays scalar. A loop of exactly kLanes iterations has no tail; the padding makes every
// block whole. The padding particles sit at (1, 0) with speed 0, so they never move and never divide by 0.
//
// Why -fno-math-errno (set for this file in chapters/01-profiling/CMakeLists.txt): by default std::sqrt
// must set errno for a negative argument, which makes it a call the vectorizer cannot replace. A sum of
// squares is never negative, so the errno path is dead code here anyway.
#include "hpc/profiling/particle_system.hpp"

#include <cmath>

namespace hpc::profiling {

namespace {
constexpr std::size_t kLanes = 4;
}

struct ParticleSystem::Impl {
  std::size_t count = 0;
  std::vector<double> x, y;
  std::vector<double> speed;    // kTimestep * ang_vel, computed once instead of once per step
  std::vector<double> ang_vel;  // kept to give back unchanged
};

ParticleSystem::ParticleSystem(std::span<const Particle> particles) : impl_(std::make_unique<Impl>()) {
  const std::size_t padded = (particles.size() + kLanes - 1) / kLanes * kLanes;
  impl_->count = particles.size();
  impl_->x.assign(padded, 1.0);
  impl_->y.assign(padded, 0.0);
  impl_->speed.assign(padded, 0.0);
  impl_->ang_vel.reserve(particles.size());
  for (std::size_t i = 0; i < particles.size(); ++i) {
    impl_->x[i] = particles[i].x;
    impl_->y[i] = particles[i].y;
    impl_->speed[i] = kTimestep * particles[i].ang_vel;
    impl_->ang_vel.push_back(particles[i].ang_vel);
  }
}

ParticleSystem::~ParticleSystem() = default;
ParticleSystem::ParticleSystem(ParticleSystem&& other) noexcept = default;
ParticleSystem& ParticleSystem::operator=(ParticleSystem&& other) noexcept = default;

namespace {
// One Euler step of every particle. The parameters are marked __restrict: the compiler must know the
// three arrays do not overlap, or it would have to assume that a store to x changes speed.
void step_all(double* __restrict x, double* __restrict y, const double* __restrict speed,
              std::size_t padded) {
  for (std::size_t block = 0; block < padded; block += kLanes) {
    for (std::size_t lane = 0; lane < kLanes; ++lane) {
      const std::size_t i = block + lane;
      const double scale = speed[i] / std::sqrt(x[i] * x[i] + y[i] * y[i]);
      const double old_x = x[i];  // both coordinates from the position before the step
      x[i] -= scale * y[i];
      y[i] += scale * old_x;
    }
  }
}
}  // namespace

void ParticleSystem::evolve(double dt) {
  const int nsteps = nsteps_for(dt);
  for (int step = 0; step < nsteps; ++step)
    step_all(impl_->x.data(), impl_->y.data(), impl_->speed.data(), impl_->x.size());
}

std::size_t ParticleSystem::size() const { return impl_->count; }

std::vector<Particle> ParticleSystem::particles() const {
  std::vector<Particle> out(impl_->count);
  for (std::size_t i = 0; i < impl_->count; ++i) out[i] = {impl_->x[i], impl_->y[i], impl_->ang_vel[i]};
  return out;
}

}  // namespace hpc::profiling
