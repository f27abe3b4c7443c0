// Reference solution, lab 02 task 6: nodes in one vector, children as short (byte, index) lists.
#include "hpc/datastructures/trie.hpp"

#include <algorithm>

namespace hpc::datastructures {

namespace {

// Index of the child reached by byte c, or 0 (the root is never a child) when there is none.
template <class Node>
std::uint32_t child_of(const Node& node, char c) {
  for (const auto& [byte, index] : node.children) {
    if (byte == c) return index;
  }
  return 0;
}

}  // namespace

Trie::Trie() : nodes_(1) {}

void Trie::insert(std::string_view key, int id) {
  std::uint32_t at = 0;
  for (const char c : key) {
    std::uint32_t next = child_of(nodes_[at], c);
    if (next == 0) {
      next = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();  // may reallocate: index nodes_ again below, hold no reference across
      nodes_[at].children.emplace_back(c, next);
    }
    at = next;
  }
  nodes_[at].ids.push_back(id);
  ++size_;
}

bool Trie::contains(std::string_view key) const {
  std::uint32_t at = 0;
  for (const char c : key) {
    at = child_of(nodes_[at], c);
    if (at == 0) return false;
  }
  return !nodes_[at].ids.empty();
}

std::vector<int> Trie::with_prefix(std::string_view prefix) const {
  std::uint32_t at = 0;
  for (const char c : prefix) {
    at = child_of(nodes_[at], c);
    if (at == 0) return {};
  }
  // Collect the subtree with an explicit stack: keys can be long, recursion depth would follow them.
  std::vector<int> ids;
  std::vector<std::uint32_t> pending{at};
  while (!pending.empty()) {
    const Node& node = nodes_[pending.back()];
    pending.pop_back();
    ids.insert(ids.end(), node.ids.begin(), node.ids.end());
    for (const auto& child : node.children) pending.push_back(child.second);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::size_t Trie::size() const { return size_; }

std::size_t Trie::node_count() const { return nodes_.size(); }

}  // namespace hpc::datastructures
