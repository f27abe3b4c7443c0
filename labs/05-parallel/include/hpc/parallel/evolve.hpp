// Chapter 01's particle simulator in parallel. ParticleSimulator::evolve runs the time steps in the outer
// loop and the particles in the inner one; the particles never interact, so the loops can be swapped:
// each particle runs all its steps on its own, and different particles can go to different threads.
// Lab task 3 (labs/05-parallel/src/evolve.cpp).
//
// Every function here moves the particles exactly as ParticleSimulator::evolve(dt) does (the same
// nsteps_for(dt) steps, the same arithmetic in the same order), so the positions are bit-identical to the
// serial run for any number of threads.
#pragma once

#include <span>

#include "hpc/profiling/simulator.hpp"  // Particle, kTimestep, nsteps_for, ParticleSimulator (chapter 01)

namespace hpc::parallel {

using hpc::profiling::Particle;

// Serial, with the loops swapped: particles outside, time steps inside.
void evolve_swapped(std::span<Particle> particles, double dt);

// The swapped loops in parallel over the particles: with OpenMP (omp_get_max_threads() threads) and with
// oneTBB (the threads of the current task arena).
void evolve_openmp(std::span<Particle> particles, double dt);
void evolve_tbb(std::span<Particle> particles, double dt);

}  // namespace hpc::parallel
