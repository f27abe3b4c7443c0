// Lab 01, task 5 (see labs/01-profiling/LAB.md). Replace each body; keep the signatures.
// You will need hpc/common/alloc_counter.hpp (count_allocations) and the Particle struct from
// hpc/profiling/simulator.hpp.
#include "hpc/profiling/layout.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::profiling {

DynamicParticle::DynamicParticle([[maybe_unused]] double x, [[maybe_unused]] double y,
                                 [[maybe_unused]] double ang_vel) {
  hpc::common::not_implemented();
}

double DynamicParticle::get([[maybe_unused]] const std::string& name) const {
  hpc::common::not_implemented();
}

void DynamicParticle::set([[maybe_unused]] const std::string& name, [[maybe_unused]] double value) {
  hpc::common::not_implemented();
}

bool DynamicParticle::has([[maybe_unused]] const std::string& name) const {
  hpc::common::not_implemented();
}

LayoutCost measure_fixed_layout([[maybe_unused]] std::size_t n) {
  hpc::common::not_implemented();
}

LayoutCost measure_dynamic_layout([[maybe_unused]] std::size_t n) {
  hpc::common::not_implemented();
}

}  // namespace hpc::profiling
