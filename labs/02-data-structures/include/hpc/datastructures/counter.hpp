// Python's collections.Counter for words: counts in a hash map and the k most frequent items.
// Lab task 3 (labs/02-data-structures/src/counter.cpp).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hpc::datastructures {

class Counter {
 public:
  Counter() = default;
  // Counts every item of `items` (one add() each).
  explicit Counter(std::span<const std::string> items);

  void add(const std::string& item, std::size_t times = 1);
  // How often `item` was added; 0 for an item never seen (reading does not insert it).
  std::size_t count(const std::string& item) const;
  std::size_t distinct() const;  // number of different items
  std::size_t total() const;     // sum of all counts

  // The k items with the highest counts, highest first; all of them when k >= distinct(). Ties are
  // broken by the item itself in ascending (std::string operator<) order, so the answer never depends
  // on hash-map iteration order. (Python breaks ties by first insertion instead.)
  std::vector<std::pair<std::string, std::size_t>> most_common(std::size_t k) const;

 private:
  std::unordered_map<std::string, std::size_t> counts_;
  std::size_t total_ = 0;
};

}  // namespace hpc::datastructures
