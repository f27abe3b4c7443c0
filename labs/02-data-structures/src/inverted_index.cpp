// Lab 02, task 4 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/inverted_index.hpp"

#include <algorithm>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

std::vector<std::string> split_words([[maybe_unused]] std::string_view text) {
  hpc::common::not_implemented();
}

InvertedIndex::InvertedIndex([[maybe_unused]] std::span<const std::string> docs) {
  hpc::common::not_implemented();
}

std::vector<int> InvertedIndex::lookup([[maybe_unused]] const std::string& term) const {
  hpc::common::not_implemented();
}

std::vector<int> InvertedIndex::query_all([[maybe_unused]] std::span<const std::string> terms) const {
  hpc::common::not_implemented();
}

std::vector<int> InvertedIndex::query_any([[maybe_unused]] std::span<const std::string> terms) const {
  hpc::common::not_implemented();
}

std::size_t InvertedIndex::term_count() const { hpc::common::not_implemented(); }

std::size_t InvertedIndex::probes() const { hpc::common::not_implemented(); }

}  // namespace hpc::datastructures
