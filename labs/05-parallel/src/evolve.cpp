// Lab 05, task 3 (see labs/05-parallel/LAB.md). Replace each body; keep the signatures.
#include "hpc/parallel/evolve.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::parallel {

void evolve_swapped([[maybe_unused]] std::span<Particle> particles, [[maybe_unused]] double dt) {
  hpc::common::not_implemented();
}

void evolve_openmp([[maybe_unused]] std::span<Particle> particles, [[maybe_unused]] double dt) {
  hpc::common::not_implemented();
}

void evolve_tbb([[maybe_unused]] std::span<Particle> particles, [[maybe_unused]] double dt) {
  hpc::common::not_implemented();
}

}  // namespace hpc::parallel
