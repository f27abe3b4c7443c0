// Reference solution, lab 01 task 5: what a name -> value attribute table costs next to a plain struct.
#include "hpc/profiling/layout.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/alloc_counter.hpp"
#include "hpc/profiling/simulator.hpp"

namespace hpc::profiling {

DynamicParticle::DynamicParticle(double x, double y, double ang_vel) {
  attributes_["x"] = x;
  attributes_["y"] = y;
  attributes_["ang_vel"] = ang_vel;
}

double DynamicParticle::get(const std::string& name) const {
  const auto found = attributes_.find(name);
  // unordered_map::at would also throw out_of_range, but its message does not say which name was
  // missing; Python's AttributeError does, and so do we.
  if (found == attributes_.end()) throw std::out_of_range("DynamicParticle has no attribute '" + name + "'");
  return found->second;
}

void DynamicParticle::set(const std::string& name, double value) { attributes_[name] = value; }

bool DynamicParticle::has(const std::string& name) const { return attributes_.contains(name); }

namespace {

// Tells the optimizer that the container's memory is used, so it cannot drop a vector that is built and
// destroyed without being read (and its allocation with it).
void keep(const void* data) { asm volatile("" : : "g"(data) : "memory"); }

LayoutCost per_particle(hpc::common::AllocationStats stats, std::size_t n) {
  if (n == 0) return {};   // nothing stored, nothing to divide
  const auto count = static_cast<double>(n);
  return {static_cast<double>(stats.bytes) / count, static_cast<double>(stats.count) / count};
}

}  // namespace

LayoutCost measure_fixed_layout(std::size_t n) {
  const auto stats = hpc::common::count_allocations([n] {
    std::vector<Particle> particles(n);   // one block of n * 24 bytes: nothing per particle
    keep(particles.data());
  });
  return per_particle(stats, n);
}

LayoutCost measure_dynamic_layout(std::size_t n) {
  const auto stats = hpc::common::count_allocations([n] {
    std::vector<DynamicParticle> particles;
    particles.reserve(n);   // so the count is the particles' own cost, not the vector's regrowth
    for (std::size_t i = 0; i < n; ++i) particles.emplace_back(1.0, 2.0, 3.0);
    keep(particles.data());
  });
  return per_particle(stats, n);
}

}  // namespace hpc::profiling
