// Python's __dict__ vs __slots__ in C++ terms: a particle whose attributes live in a hash map keyed by
// name (any attribute can be added at run time) against the fixed 24-byte Particle struct.
// Lab task 5 (labs/01-profiling/src/layout.cpp).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace hpc::profiling {

class DynamicParticle {
 public:
  // Stores the three attributes "x", "y" and "ang_vel".
  DynamicParticle(double x, double y, double ang_vel);

  // The attribute's value; throws std::out_of_range naming the attribute when it does not exist
  // (Python's AttributeError).
  double get(const std::string& name) const;
  // Sets an attribute, adding it when it is new (what __slots__ forbids).
  void set(const std::string& name, double value);
  bool has(const std::string& name) const;

 private:
  std::unordered_map<std::string, double> attributes_;
};

// Heap cost of storing n particles, measured with hpc::common::count_allocations.
struct LayoutCost {
  double bytes_per_particle = 0;         // bytes requested from operator new, divided by n
  double allocations_per_particle = 0;   // operator new calls, divided by n
};

// Counts what building a std::vector<Particle> of n particles (constructed at that size) allocates.
LayoutCost measure_fixed_layout(std::size_t n);
// Counts what building a std::vector<DynamicParticle> of n particles (reserved, then emplaced)
// allocates.
LayoutCost measure_dynamic_layout(std::size_t n);

}  // namespace hpc::profiling
