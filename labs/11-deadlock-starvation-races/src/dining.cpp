// Lab 11, task 3 (see labs/11-deadlock-starvation-races/LAB.md). Replace the body; keep the signature.
#include "hpc/races/dining.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

void dine([[maybe_unused]] DiningStrategy strategy, [[maybe_unused]] int seats,
          [[maybe_unused]] int meals_each, [[maybe_unused]] const EatFn& eat,
          [[maybe_unused]] const AfterFirstFork& after_first_fork) {
  hpc::common::not_implemented();
}

}  // namespace hpc::races
