// Lab 02, task 9 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/pipelines.hpp"

#include <cmath>
#include <ranges>
#include <stdexcept>
#include <vector>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

std::int64_t sum_squares_loop([[maybe_unused]] int n) { hpc::common::not_implemented(); }

std::int64_t sum_squares_reserve([[maybe_unused]] int n) { hpc::common::not_implemented(); }

std::int64_t sum_squares_lazy([[maybe_unused]] int n) { hpc::common::not_implemented(); }

double map_materialized([[maybe_unused]] int n) { hpc::common::not_implemented(); }

double map_lazy([[maybe_unused]] int n) { hpc::common::not_implemented(); }

}  // namespace hpc::datastructures
