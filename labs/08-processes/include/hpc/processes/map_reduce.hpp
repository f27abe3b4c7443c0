// Map-reduce with threads: a word count over many documents in three stages.
// Lab task 5 (labs/08-processes/src/map_reduce.cpp).
//
//   map      each of `threads` mappers takes its share of the documents and counts their words locally;
//   shuffle  every (word, count) a mapper produced goes to the reducer that owns the word
//            (reducer_of), so one word's counts all meet in one place;
//   reduce   each of `threads` reducers adds up the counts sent to it.
//
// The result keeps the reducers' partitions apart, so the tests can see the shuffle: partition r holds
// exactly the words w with reducer_of(w, threads) == r. Python's multiprocessing would pickle the pieces
// between processes; here the stages are threads in one address space, and no lock is needed if every
// piece of data has one writer at a time (how to get there is yours to design).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace hpc::processes {

using WordCounts = std::unordered_map<std::string, std::int64_t>;

// GIVEN: the words of a text, in order: maximal runs of ASCII letters, lower-cased ("Don't stop!" ->
// "don", "t", "stop"). Everything else separates words.
inline std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word += static_cast<char>(c | 0x20);  // ASCII: the lower-case letter is the upper-case one | 0x20
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// GIVEN: the reducer (0 .. reducers-1) that owns a word. The same word always goes to the same reducer.
inline std::size_t reducer_of(std::string_view word, std::size_t reducers) {
  return std::hash<std::string_view>{}(word) % reducers;
}

// How often each word occurs in all the documents together, on the calling thread.
WordCounts word_count_serial(const std::vector<std::string>& documents);

struct PartitionedCounts {
  std::vector<WordCounts> partitions;  // one per reducer: partitions[r] holds the words reducer r owns

  // All partitions in one map (GIVEN).
  WordCounts merged() const {
    WordCounts all;
    for (const WordCounts& partition : partitions) all.insert(partition.begin(), partition.end());
    return all;
  }
};

// The word count in `threads` mapper threads and `threads` reducer threads (the calling thread may be
// one of them): partitions.size() == threads, partition r holds exactly the words with
// reducer_of(word, threads) == r, and merged() equals word_count_serial(documents) for any thread count.
// Each document is read by one mapper; with more threads than documents some mappers have nothing to do.
// Throws std::invalid_argument when threads < 1.
PartitionedCounts word_count_map_reduce(const std::vector<std::string>& documents, int threads);

}  // namespace hpc::processes
