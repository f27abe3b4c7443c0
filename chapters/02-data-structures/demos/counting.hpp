// Three ways to count words, shared by the counting demo and its benchmark, and the words they count.
#pragma once

#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace hpc::datastructures::counting {

// n words drawn (reproducibly) from the 100 different words "word0" ... "word99".
inline std::vector<std::string> random_words(std::size_t n) {
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> pick(0, 99);
  std::vector<std::string> items;
  items.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::string word = "word";
    word += std::to_string(pick(rng));
    items.push_back(std::move(word));
  }
  return items;
}

// [snippet:three-counters]
// Python's counter_dict: look the word up, then insert it or add one.
inline std::unordered_map<std::string, int> count_find_insert(const std::vector<std::string>& items) {
  std::unordered_map<std::string, int> counts;
  for (const auto& item : items) {
    if (auto it = counts.find(item); it == counts.end())
      counts.emplace(item, 1);
    else
      ++it->second;
  }
  return counts;
}

// Python's defaultdict(int): operator[] inserts a zero the first time, so one lookup per word.
inline std::unordered_map<std::string, int> count_subscript(const std::vector<std::string>& items) {
  std::unordered_map<std::string, int> counts;
  for (const auto& item : items) ++counts[item];
  return counts;
}

// The same with a balanced tree: ordered keys, O(log K) string comparisons per word.
inline std::map<std::string, int> count_ordered(const std::vector<std::string>& items) {
  std::map<std::string, int> counts;
  for (const auto& item : items) ++counts[item];
  return counts;
}
// [/snippet:three-counters]

}  // namespace hpc::datastructures::counting
