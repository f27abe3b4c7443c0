// Reference solution, lab 02 task 4: posting lists kept sorted, AND by probing from the shortest list.
#include "hpc/datastructures/inverted_index.hpp"

#include <algorithm>

namespace hpc::datastructures {

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
  };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

InvertedIndex::InvertedIndex(std::span<const std::string> docs) {
  for (std::size_t id = 0; id < docs.size(); ++id) {
    for (auto& word : split_words(docs[id])) {
      auto& ids = postings_[std::move(word)];
      // Documents arrive in id order, so a repeated word in the same document is always the last id.
      if (ids.empty() || ids.back() != static_cast<int>(id)) ids.push_back(static_cast<int>(id));
    }
  }
}

std::vector<int> InvertedIndex::lookup(const std::string& term) const {
  const auto found = postings_.find(term);
  return found == postings_.end() ? std::vector<int>{} : found->second;
}

std::vector<int> InvertedIndex::query_all(std::span<const std::string> terms) const {
  if (terms.empty()) return {};
  std::vector<const std::vector<int>*> lists;
  lists.reserve(terms.size());
  for (const auto& term : terms) {
    const auto found = postings_.find(term);
    if (found == postings_.end()) return {};  // one absent term empties the AND
    lists.push_back(&found->second);
  }
  std::sort(lists.begin(), lists.end(), [](const auto* a, const auto* b) { return a->size() < b->size(); });
  std::vector<int> result;
  for (const int candidate : *lists.front()) {
    bool in_all = true;
    for (std::size_t j = 1; j < lists.size() && in_all; ++j) {
      ++probes_;
      in_all = std::binary_search(lists[j]->begin(), lists[j]->end(), candidate);
    }
    if (in_all) result.push_back(candidate);
  }
  return result;
}

std::vector<int> InvertedIndex::query_any(std::span<const std::string> terms) const {
  std::vector<int> result;
  for (const auto& term : terms) {
    const auto found = postings_.find(term);
    if (found == postings_.end()) continue;
    std::vector<int> merged;
    merged.reserve(result.size() + found->second.size());
    std::set_union(result.begin(), result.end(), found->second.begin(), found->second.end(),
                   std::back_inserter(merged));
    result = std::move(merged);
  }
  return result;
}

std::size_t InvertedIndex::term_count() const { return postings_.size(); }

std::size_t InvertedIndex::probes() const { return probes_; }

}  // namespace hpc::datastructures
