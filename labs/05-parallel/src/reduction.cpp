// Lab 05, task 4 (see labs/05-parallel/LAB.md). Replace each body; keep the signatures.
#include "hpc/parallel/reduction.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::parallel {

double sum_openmp([[maybe_unused]] std::span<const double> values) { hpc::common::not_implemented(); }

double sum_tbb([[maybe_unused]] std::span<const double> values) { hpc::common::not_implemented(); }

double deterministic_sum([[maybe_unused]] std::span<const double> values) { hpc::common::not_implemented(); }

MinMax minmax_openmp([[maybe_unused]] std::span<const double> values) { hpc::common::not_implemented(); }

MinMax minmax_tbb([[maybe_unused]] std::span<const double> values) { hpc::common::not_implemented(); }

std::vector<std::uint64_t> histogram_openmp([[maybe_unused]] std::span<const double> values,
                                            [[maybe_unused]] double lo, [[maybe_unused]] double hi,
                                            [[maybe_unused]] std::size_t bins) {
  hpc::common::not_implemented();
}

std::vector<std::uint64_t> histogram_tbb([[maybe_unused]] std::span<const double> values,
                                         [[maybe_unused]] double lo, [[maybe_unused]] double hi,
                                         [[maybe_unused]] std::size_t bins) {
  hpc::common::not_implemented();
}

}  // namespace hpc::parallel
