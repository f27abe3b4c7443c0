// Lab 02, task 6 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/trie.hpp"

#include <algorithm>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

Trie::Trie() { hpc::common::not_implemented(); }

void Trie::insert([[maybe_unused]] std::string_view key, [[maybe_unused]] int id) {
  hpc::common::not_implemented();
}

bool Trie::contains([[maybe_unused]] std::string_view key) const { hpc::common::not_implemented(); }

std::vector<int> Trie::with_prefix([[maybe_unused]] std::string_view prefix) const {
  hpc::common::not_implemented();
}

std::size_t Trie::size() const { hpc::common::not_implemented(); }

std::size_t Trie::node_count() const { hpc::common::not_implemented(); }

}  // namespace hpc::datastructures
