// Graded tests, lab 02 task 4: the inverted index and its AND/OR queries.
#include <algorithm>
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/datastructures/inverted_index.hpp"
#include "words.hpp"

namespace {

using hpc::datastructures::testing::word;

using hpc::datastructures::InvertedIndex;
using hpc::datastructures::split_words;
using Ids = std::vector<int>;
using Terms = std::vector<std::string>;

// The book's four documents (chapter 2, the inverted index).
const std::vector<std::string> kBookDocs{
    "the cat is under the table",  // id 0
    "the dog is under the table",  // id 1
    "cats and dogs smell roses",   // id 2
    "Carla eats an apple",         // id 3
};

GRADED_TEST(InvertedIndex, BookDocuments, 2) {
  const InvertedIndex index(kBookDocs);
  EXPECT_EQ(index.lookup("table"), (Ids{0, 1}));
  EXPECT_EQ(index.query_all(Terms{"cat", "table"}), (Ids{0}));
  EXPECT_EQ(index.lookup("cats"), (Ids{2}));
  EXPECT_EQ(index.lookup("cat"), (Ids{0})) << "whole words only: \"cats\" is not \"cat\"";
  EXPECT_EQ(index.lookup("Carla"), (Ids{3}));
  EXPECT_TRUE(index.lookup("carla").empty()) << "terms are case-sensitive";
  EXPECT_EQ(index.lookup("the"), (Ids{0, 1})) << "a word twice in one document lists it once";
  EXPECT_TRUE(index.lookup("unicorn").empty());
  EXPECT_EQ(index.term_count(), 15u);
}

GRADED_TEST(InvertedIndex, SplitAndQueryAny, 1) {
  EXPECT_EQ(split_words("  the cat\tis\n\nhere "), (Terms{"the", "cat", "is", "here"}));
  EXPECT_TRUE(split_words(" \t ").empty());
  const InvertedIndex index(kBookDocs);
  EXPECT_EQ(index.query_any(Terms{"cat", "dog"}), (Ids{0, 1}));
  EXPECT_EQ(index.query_any(Terms{"apple", "roses", "unicorn"}), (Ids{2, 3}));
  EXPECT_EQ(index.query_any(Terms{"the", "table", "is"}), (Ids{0, 1})) << "each id once";
  EXPECT_TRUE(index.query_all(Terms{"the", "unicorn"}).empty());
  EXPECT_TRUE(index.query_all(Terms{}).empty());
  EXPECT_TRUE(index.query_any(Terms{}).empty());
}

// AND must start from the shortest list: "rare" is in 3 documents, "common" in all 2000.
GRADED_TEST(InvertedIndex, IntersectsSmallestFirst, 1) {
  std::vector<std::string> docs;
  for (int i = 0; i < 2000; ++i) {
    std::string doc = "common filler";
    if (i % 4 == 0) doc += " mid";
    if (i == 8 || i == 1001 || i == 1600) doc += " rare";
    docs.push_back(doc);
  }
  const InvertedIndex index(docs);
  const std::size_t before = index.probes();
  EXPECT_EQ(index.query_all(Terms{"common", "mid", "rare"}), (Ids{8, 1600}));
  const std::size_t probes = index.probes() - before;
  EXPECT_GE(probes, 2u) << "each of the 3 candidates needs at least one membership test";
  EXPECT_LE(probes, 3u * 2u) << "3 candidates from the rarest term, checked against 2 other terms";
}

// Whole-word scan: the baseline the index replaces (the book's scan tests substrings; whole words
// give the same answers as the index).
bool has_word(std::string_view doc, std::string_view target) {
  std::size_t i = 0;
  while (i < doc.size()) {
    while (i < doc.size() && doc[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < doc.size() && doc[i] != ' ') ++i;
    if (i > start && doc.substr(start, i - start) == target) return true;
  }
  return false;
}

std::vector<std::string> synthetic_docs(std::size_t count, int vocabulary, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<std::string> docs;
  for (std::size_t d = 0; d < count; ++d) {
    std::string doc;
    for (int w = 0; w < 8; ++w) doc += word(rng() % static_cast<unsigned>(vocabulary)) + " ";
    docs.push_back(doc);
  }
  return docs;
}

GRADED_TEST(InvertedIndex, MatchesLinearScan, 1) {
  const auto docs = synthetic_docs(2000, 300, 5);
  const InvertedIndex index(docs);
  std::mt19937 rng(6);
  const auto scan = [&](const Terms& terms, bool all) {
    Ids ids;
    for (std::size_t d = 0; d < docs.size(); ++d) {
      const auto hit = [&](const std::string& t) { return has_word(docs[d], t); };
      if (all ? std::all_of(terms.begin(), terms.end(), hit) : std::any_of(terms.begin(), terms.end(), hit))
        ids.push_back(static_cast<int>(d));
    }
    return ids;
  };
  for (int q = 0; q < 60; ++q) {
    Terms terms;
    for (unsigned t = 0; t < 1 + rng() % 3; ++t) terms.push_back(word(rng() % 320));
    ASSERT_TRUE(hpc::common::same_sequence(scan({terms[0]}, true), index.lookup(terms[0])))
        << "lookup(\"" << terms[0] << "\")";
    ASSERT_TRUE(hpc::common::same_sequence(scan(terms, true), index.query_all(terms)))
        << "query_all, query " << q;
    ASSERT_TRUE(hpc::common::same_sequence(scan(terms, false), index.query_any(terms)))
        << "query_any, query " << q;
  }
}

// 50,000 documents, 10 single-word queries: a scan reads every document for each query. The reference
// answers them 3,000-25,000x faster (the lookups take microseconds, so the ratio is noisy).
GRADED_TEST(Speed, IndexBeatsScan, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  const auto docs = synthetic_docs(50'000, 5000, 8);
  const InvertedIndex index(docs);
  Terms queries;
  for (int q = 0; q < 10; ++q) queries.push_back(word(q * 487));
  std::size_t scan_hits = 0;
  std::size_t index_hits = 0;
  const auto cmp = hpc::common::compare_speed(
      "whole-word scan",
      [&] {
        for (const auto& term : queries) {
          for (const auto& doc : docs) scan_hits += has_word(doc, term) ? 1 : 0;
        }
      },
      "InvertedIndex::lookup",
      [&] {
        for (const auto& term : queries) index_hits += index.lookup(term).size();
      });
  EXPECT_SPEEDUP_AT_LEAST(cmp, 1500.0);
  EXPECT_EQ(index_hits, scan_hits);
}

}  // namespace
