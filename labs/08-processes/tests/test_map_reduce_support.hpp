// What lab 08's map-reduce tests share: a corpus of made-up documents (from a seed) and the tests' own
// serial word counts (the correctness oracle, and a quick one as the speed baseline).
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "hpc/processes/map_reduce.hpp"

namespace hpc::processes::testing {

// `documents` texts of about `words_each` words: made-up words from a vocabulary of `vocabulary`, a few
// very common and many rare (as in real text), in mixed case, between spaces, punctuation and digits.
inline std::vector<std::string> make_corpus(std::size_t documents, std::size_t words_each,
                                            std::size_t vocabulary, std::uint64_t seed) {
  static const char* const syllables[] = {"ka", "lo", "mi", "re", "tu", "sa",
                                          "ne", "vo", "pi", "da", "gu", "ze"};
  std::mt19937_64 random(seed);
  std::vector<std::string> words(vocabulary);
  for (std::size_t i = 0; i < vocabulary; ++i) {
    for (std::size_t rest = i + 1; rest > 0; rest /= 12) words[i] += syllables[rest % 12];
  }
  static const char* const separators[] = {" ", " ", " ", ", ", ". ", "\n", " -- ", "'", " 42 ", "!\t"};
  std::vector<std::string> corpus(documents);
  for (std::string& text : corpus) {
    const std::size_t count = words_each / 2 + random() % (words_each + 1);
    for (std::size_t w = 0; w < count; ++w) {
      // The product of two uniform numbers favours small indices: a few words are everywhere.
      const std::size_t index = (random() % vocabulary) * (random() % vocabulary) / vocabulary;
      std::string word = words[index];
      if (random() % 8 == 0) word[0] = static_cast<char>(word[0] - 'a' + 'A');
      text += word;
      text += separators[random() % 10];
    }
  }
  return corpus;
}

// The oracle: split_words (given in map_reduce.hpp) and one map.
inline WordCounts oracle_count(const std::vector<std::string>& documents) {
  WordCounts counts;
  for (const std::string& document : documents)
    for (const std::string& word : split_words(document)) ++counts[word];
  return counts;
}

// The speed baseline: the same count on one thread, without a vector of words per document.
inline WordCounts quick_serial_count(const std::vector<std::string>& documents) {
  WordCounts counts;
  std::string word;
  for (const std::string& document : documents) {
    for (const char c : document) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        word += static_cast<char>(c | 0x20);
      } else if (!word.empty()) {
        ++counts[word];
        word.clear();
      }
    }
    if (!word.empty()) ++counts[word];
    word.clear();
  }
  return counts;
}

}  // namespace hpc::processes::testing
