// A prefix tree for autocompletion: a query walks one node per character of the prefix and then
// collects the subtree, so its cost depends on the prefix and on the number of matches, not on how
// many strings are stored.
// Lab task 6 (labs/02-data-structures/src/trie.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace hpc::datastructures {

class Trie {
 public:
  Trie();  // an empty trie: just the root node

  // Stores `key` (any bytes, possibly empty) with `id`. Inserting the same key again adds the new id
  // to it.
  void insert(std::string_view key, int id);
  // True when `key` itself was inserted (a mere prefix of a stored key does not count).
  bool contains(std::string_view key) const;
  // The ids of every stored key that starts with `prefix` (the empty prefix matches all), ascending.
  std::vector<int> with_prefix(std::string_view prefix) const;

  std::size_t size() const;        // insert() calls so far
  std::size_t node_count() const;  // nodes, the root included

 private:
  struct Node {
    std::vector<std::pair<char, std::uint32_t>> children;  // (byte, index into nodes_)
    std::vector<int> ids;                                  // ids of keys that end here
  };
  std::vector<Node> nodes_;  // nodes_[0] is the root
  std::size_t size_ = 0;
};

}  // namespace hpc::datastructures
