// An inverted index: each term maps to the sorted ids of the documents that contain it, so a query is a
// hash lookup instead of a scan over every document. AND and OR queries are set operations.
// Lab task 4 (labs/02-data-structures/src/inverted_index.cpp).
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hpc::datastructures {

// Splits on runs of spaces, tabs and newlines, as Python's str.split() without arguments; no empty
// words. Case and punctuation are kept: "Carla" and "carla" are different terms.
std::vector<std::string> split_words(std::string_view text);

class InvertedIndex {
 public:
  // Document i of `docs` gets id i.
  explicit InvertedIndex(std::span<const std::string> docs);

  // Ids of the documents containing `term` as a whole word, ascending, each once; empty if none.
  std::vector<int> lookup(const std::string& term) const;
  // Documents containing every term (AND), ascending. Starts from the term with the fewest documents
  // and keeps a candidate only while every other term's list holds it. Empty when `terms` is empty.
  std::vector<int> query_all(std::span<const std::string> terms) const;
  // Documents containing at least one of the terms (OR), ascending, each once.
  std::vector<int> query_any(std::span<const std::string> terms) const;

  std::size_t term_count() const;  // distinct terms in the collection

  // Membership tests made by query_all since construction: checking whether one candidate id is in one
  // other term's list counts as one probe, however that check is done. Smallest-first order makes a
  // query cost at most (size of the smallest list) * (number of terms - 1) probes.
  std::size_t probes() const;

 private:
  std::unordered_map<std::string, std::vector<int>> postings_;
  mutable std::size_t probes_ = 0;
};

}  // namespace hpc::datastructures
