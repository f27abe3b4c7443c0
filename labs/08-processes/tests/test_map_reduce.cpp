// Graded tests, lab 08 task 5: the word count, serially and as map, shuffle and reduce on threads.
//
// Every result is compared with the tests' own count (split_words and one map). A wrong count is
// explained as far as the tests can tell: documents that were never counted, words counted twice, a word
// in the wrong reducer's partition. The threaded tests also carry race points: in a ThreadSanitizer build
// (`lab grade 08 --sanitize thread`) an unsynchronised merge is reported even when its counts come out
// right.
#include <algorithm>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/proc_self.hpp"
#include "hpc/processes/map_reduce.hpp"
#include "test_map_reduce_support.hpp"

namespace {

using hpc::processes::PartitionedCounts;
using hpc::processes::reducer_of;
using hpc::processes::split_words;
using hpc::processes::word_count_map_reduce;
using hpc::processes::word_count_serial;
using hpc::processes::WordCounts;
using namespace hpc::processes::testing;

// Why `got` differs from the count of `documents`, mistake first; "" when it does not.
std::string diagnose_counts(const std::vector<std::string>& documents, const WordCounts& got) {
  const WordCounts expected = oracle_count(documents);
  if (got == expected) return "";
  // Only a prefix of the documents counted: the last mapper's chunk (or its remainder) was lost.
  WordCounts prefix;
  for (std::size_t k = 0; k < documents.size(); ++k) {
    if (got == prefix)
      return "only the first " + std::to_string(k) + " of " + std::to_string(documents.size()) +
             " documents were counted: the last chunk was dropped (share out size % threads too)";
    for (const std::string& word : split_words(documents[k])) ++prefix[word];
  }
  std::size_t missing = 0, too_many = 0, too_few = 0, extra = 0;
  std::string example;
  for (const auto& [word, count] : expected) {
    const auto it = got.find(word);
    if (it == got.end()) {
      ++missing;
    } else if (it->second != count) {
      (it->second > count ? too_many : too_few) += 1;
      if (example.empty())
        example = "'" + word + "': " + std::to_string(it->second) + " for " + std::to_string(count);
    }
  }
  for (const auto& [word, count] : got) extra += expected.count(word) == 0 ? 1 : 0;
  std::ostringstream out;
  // The mistake first: the failure line is cut after about 240 characters.
  if (too_few + missing > 0 && too_many == 0)
    out << "counts lost (an unsynchronised merge, or a partition overwritten by another): ";
  else
    out << "wrong counts: ";
  out << too_many << " word(s) counted too often, " << too_few << " too rarely, " << missing << " missing, "
      << extra << " never in the documents";
  if (!example.empty()) out << " (first: " << example << ")";
  out << "; " << got.size() << " words for " << expected.size();
  return out.str();
}

// Whether every partition holds exactly the words its reducer owns; "" when so, else what is wrong.
std::string diagnose_partitions(const PartitionedCounts& result, int threads) {
  if (result.partitions.size() != static_cast<std::size_t>(threads))
    return std::to_string(result.partitions.size()) + " partitions for " + std::to_string(threads) +
           " threads: one per reducer";
  WordCounts seen_in;  // word -> the partition it was first seen in
  for (std::size_t r = 0; r < result.partitions.size(); ++r) {
    for (const auto& [word, count] : result.partitions[r]) {
      const std::size_t owner = reducer_of(word, result.partitions.size());
      if (owner != r)
        return "'" + word + "' is in partition " + std::to_string(r) + " but reducer_of gives " +
               std::to_string(owner) + ": shuffle by key (reducer_of), not by mapper or thread";
      if (!seen_in.emplace(word, static_cast<std::int64_t>(r)).second)
        return "'" + word + "' is in two partitions: every word must go to one reducer";
    }
  }
  return "";
}

GRADED_TEST(MapReduce, SerialCountsWords, 1) {
  const std::vector<std::string> documents{"The cat and the hat.", "", "A cat! A CAT? don't", "hat"};
  const WordCounts expected{{"the", 2}, {"cat", 3}, {"and", 1}, {"hat", 2}, {"a", 2}, {"don", 1}, {"t", 1}};
  EXPECT_EQ(word_count_serial(documents), expected);
  EXPECT_TRUE(word_count_serial({}).empty()) << "no documents, no words";
  const std::vector<std::string> corpus = make_corpus(200, 300, 3000, 1);
  const std::string why = diagnose_counts(corpus, word_count_serial(corpus));
  EXPECT_TRUE(why.empty()) << why << " (200 documents, seed 1)";
}

GRADED_TEST(MapReduce, EqualsSerialForAnyThreadCount, 3) {
  const std::vector<std::string> corpus = make_corpus(101, 200, 2000, 2);  // 101: no thread count divides it
  for (const int threads : {1, 2, 3, 4, 5, 7, 8, 16}) {
    const PartitionedCounts result = word_count_map_reduce(corpus, threads);
    const std::string why = diagnose_counts(corpus, result.merged());
    if (!why.empty()) {
      ADD_FAILURE() << why << " (" << threads << " threads, 101 documents, seed 2)";
      return;
    }
  }
}

GRADED_TEST(MapReduce, EachWordInItsReducersPartition, 2) {
  const std::vector<std::string> corpus = make_corpus(64, 200, 2000, 3);
  for (const int threads : {1, 2, 3, 4, 6}) {
    const std::string why = diagnose_partitions(word_count_map_reduce(corpus, threads), threads);
    if (!why.empty()) {
      ADD_FAILURE() << why << " (" << threads << " threads)";
      return;
    }
  }
}

GRADED_TEST(MapReduce, MoreThreadsThanDocuments, 1) {
  const std::vector<std::string> three{"one fish", "two fish", "red fish blue fish"};
  const PartitionedCounts result = word_count_map_reduce(three, 8);
  EXPECT_EQ(result.merged(), oracle_count(three))
      << "3 documents, 8 threads: " << diagnose_counts(three, result.merged());
  EXPECT_EQ(diagnose_partitions(result, 8), "");
  const PartitionedCounts none = word_count_map_reduce({}, 4);
  EXPECT_EQ(none.partitions.size(), 4u) << "no documents: still one (empty) partition per reducer";
  EXPECT_TRUE(none.merged().empty());
  EXPECT_THROW(word_count_map_reduce(three, 0), std::invalid_argument) << "0 threads: std::invalid_argument";
}

// Many mappers and reducers on words that every document shares, over and over: lost updates of an
// unsynchronised merge show up as wrong counts here, and ThreadSanitizer reports them in its build.
GRADED_TEST(MapReduce, ManyThreadsStress, 2) {
  const std::vector<std::string> corpus = make_corpus(300, 100, 50, 4);  // 50 words: heavy overlap
  const WordCounts expected = oracle_count(corpus);
  for (int run = 0; run < 20; ++run) {
    const int threads = 2 + run % 7;
    const PartitionedCounts result = word_count_map_reduce(corpus, threads);
    const WordCounts merged = result.merged();
    if (merged != expected) {
      ADD_FAILURE() << diagnose_counts(corpus, merged) << " (run " << run << ", " << threads << " threads)";
      return;
    }
    const std::string why = diagnose_partitions(result, threads);
    if (!why.empty()) {
      ADD_FAILURE() << why << " (run " << run << ")";
      return;
    }
  }
}

// Threads that are started and joined one by one give the right counts; the speed test would see it,
// but skips on a busy machine. This test times nothing: a watcher thread reads how many threads this
// process has while word_count_map_reduce(4 threads) runs (hpc::common::most_threads_added_during); at
// least two of its own must be alive at once.
GRADED_TEST(MapReduce, RunsOnSeveralThreads, 2) {
  const std::vector<std::string> corpus = make_corpus(400, 400, 5000, 6);
  int most_extra = 0;
  for (int attempt = 0; attempt < 3 && most_extra < 2;
       ++attempt) {  // a loaded machine may starve the watcher
    PartitionedCounts result;
    const int extra =
        hpc::common::most_threads_added_during([&] { result = word_count_map_reduce(corpus, 4); });
    ASSERT_TRUE(result.merged() == oracle_count(corpus)) << diagnose_counts(corpus, result.merged());
    most_extra = std::max(most_extra, extra);
  }
  if (most_extra < 2)
    ADD_FAILURE() << "the map-reduce ran serially: with 4 threads, never more than " << most_extra
                  << " thread(s) of its own alive at once. Start every mapper before joining any";
}

// Race-freedom (graded in a ThreadSanitizer build only): the tests that run many mappers and reducers.
RACE_POINTS(MapReduce, EqualsSerialForAnyThreadCount, 1);
RACE_POINTS(MapReduce, ManyThreadsStress, 2);
RACE_POINTS(MapReduce, RunsOnSeveralThreads, 1);

}  // namespace
