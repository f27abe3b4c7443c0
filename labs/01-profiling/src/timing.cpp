// Lab 01, task 4 (see labs/01-profiling/LAB.md and the exact definitions in timing.hpp).
// Replace each body; keep the signatures.
#include "hpc/profiling/timing.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::profiling {

double timeit([[maybe_unused]] const std::function<void()>& f, [[maybe_unused]] int number) {
  hpc::common::not_implemented();
}

std::vector<double> repeat([[maybe_unused]] const std::function<void()>& f, [[maybe_unused]] int number,
                           [[maybe_unused]] int repeats) {
  hpc::common::not_implemented();
}

Summary summarize([[maybe_unused]] std::span<const double> samples) {
  hpc::common::not_implemented();
}

}  // namespace hpc::profiling
