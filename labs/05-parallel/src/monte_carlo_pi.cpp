// Lab 05, task 2 (see labs/05-parallel/LAB.md). Replace each body; keep the signatures.
// Include what you use here (<omp.h>, <tbb/...>, <execution>), never in the header.
#include "hpc/parallel/monte_carlo_pi.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::parallel {

PiEstimate pi_serial([[maybe_unused]] std::uint64_t samples, [[maybe_unused]] std::uint64_t chunks,
                     [[maybe_unused]] std::uint64_t seed) {
  hpc::common::not_implemented();
}

PiEstimate pi_openmp([[maybe_unused]] std::uint64_t samples, [[maybe_unused]] std::uint64_t chunks,
                     [[maybe_unused]] std::uint64_t seed) {
  hpc::common::not_implemented();
}

PiEstimate pi_tbb([[maybe_unused]] std::uint64_t samples, [[maybe_unused]] std::uint64_t chunks,
                  [[maybe_unused]] std::uint64_t seed) {
  hpc::common::not_implemented();
}

PiEstimate pi_std_par([[maybe_unused]] std::uint64_t samples, [[maybe_unused]] std::uint64_t chunks,
                      [[maybe_unused]] std::uint64_t seed) {
  hpc::common::not_implemented();
}

}  // namespace hpc::parallel
