// Lab 02, task 3 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/counter.hpp"

#include <algorithm>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

Counter::Counter([[maybe_unused]] std::span<const std::string> items) { hpc::common::not_implemented(); }

void Counter::add([[maybe_unused]] const std::string& item, [[maybe_unused]] std::size_t times) {
  hpc::common::not_implemented();
}

std::size_t Counter::count([[maybe_unused]] const std::string& item) const { hpc::common::not_implemented(); }

std::size_t Counter::distinct() const { hpc::common::not_implemented(); }

std::size_t Counter::total() const { hpc::common::not_implemented(); }

std::vector<std::pair<std::string, std::size_t>> Counter::most_common([[maybe_unused]] std::size_t k) const {
  hpc::common::not_implemented();
}

}  // namespace hpc::datastructures
