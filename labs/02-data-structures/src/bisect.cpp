// Lab 02, task 2 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
// Write the binary search yourself: no std::lower_bound, std::upper_bound or std::binary_search.
#include "hpc/datastructures/bisect.hpp"

#include <stdexcept>
#include <string>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

std::size_t bisect_left([[maybe_unused]] std::span<const int> sorted, [[maybe_unused]] int x,
                        [[maybe_unused]] std::size_t* comparisons) {
  hpc::common::not_implemented();
}

std::size_t bisect_right([[maybe_unused]] std::span<const int> sorted, [[maybe_unused]] int x,
                         [[maybe_unused]] std::size_t* comparisons) {
  hpc::common::not_implemented();
}

std::size_t index_bisect([[maybe_unused]] std::span<const int> sorted, [[maybe_unused]] int x,
                         [[maybe_unused]] std::size_t* comparisons) {
  hpc::common::not_implemented();
}

}  // namespace hpc::datastructures
