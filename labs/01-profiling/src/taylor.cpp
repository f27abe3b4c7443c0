// Lab 01, task 3 (see labs/01-profiling/LAB.md). Replace each body; keep the signatures.
#include "hpc/profiling/taylor.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::profiling {

// Recursive: factorial(n) calls factorial(n - 1); every call adds one to a counter that
// factorial_calls() reports. Think about what the optimizer may do to a small recursive function
// before you profile it.
double factorial([[maybe_unused]] int n) {
  hpc::common::not_implemented();
}

std::vector<double> taylor_exp([[maybe_unused]] int n) {
  hpc::common::not_implemented();
}

std::vector<double> taylor_sin([[maybe_unused]] int n) {
  hpc::common::not_implemented();
}

std::uint64_t factorial_calls() {
  hpc::common::not_implemented();
}

void reset_factorial_calls() {
  hpc::common::not_implemented();
}

}  // namespace hpc::profiling
