// Reference solution, lab 02 task 3: counting in a hash map; most_common sorts only what it returns.
#include "hpc/datastructures/counter.hpp"

#include <algorithm>

namespace hpc::datastructures {

Counter::Counter(std::span<const std::string> items) {
  counts_.reserve(items.size() / 4 + 1);
  for (const auto& item : items) add(item);
}

void Counter::add(const std::string& item, std::size_t times) {
  counts_[item] += times;
  total_ += times;
}

std::size_t Counter::count(const std::string& item) const {
  const auto found = counts_.find(item);
  return found == counts_.end() ? 0 : found->second;
}

std::size_t Counter::distinct() const { return counts_.size(); }

std::size_t Counter::total() const { return total_; }

std::vector<std::pair<std::string, std::size_t>> Counter::most_common(std::size_t k) const {
  std::vector<std::pair<std::string, std::size_t>> items(counts_.begin(), counts_.end());
  const auto before = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  k = std::min(k, items.size());
  // Only the first k need to be in order: O(N log k) instead of O(N log N).
  std::partial_sort(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(k), items.end(), before);
  items.resize(k);
  return items;
}

}  // namespace hpc::datastructures
