// Graded tests, lab 02 task 3: counting words and the most common ones.
#include <algorithm>
#include <cstddef>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/datastructures/counter.hpp"
#include "words.hpp"

namespace {

using hpc::datastructures::testing::word;

using hpc::datastructures::Counter;
using Ranked = std::vector<std::pair<std::string, std::size_t>>;

GRADED_TEST(Counter, CountsAndMostCommon, 1) {
  const std::vector<std::string> items{"a", "b", "a", "c", "b", "a", "d"};
  const Counter counter(items);
  EXPECT_EQ(counter.count("a"), 3u);
  EXPECT_EQ(counter.count("b"), 2u);
  EXPECT_EQ(counter.count("d"), 1u);
  EXPECT_EQ(counter.count("zz"), 0u);
  EXPECT_EQ(counter.distinct(), 4u) << "count() of a missing item must not insert it";
  EXPECT_EQ(counter.total(), 7u);
  EXPECT_EQ(counter.most_common(2), (Ranked{{"a", 3}, {"b", 2}}));
  EXPECT_EQ(counter.most_common(10), (Ranked{{"a", 3}, {"b", 2}, {"c", 1}, {"d", 1}}))
      << "ties go in ascending order of the item";
  EXPECT_TRUE(counter.most_common(0).empty());

  Counter tied;
  for (const char* word : {"y", "x", "z", "y", "x"}) tied.add(word);
  tied.add("w", 2);
  EXPECT_EQ(tied.most_common(3), (Ranked{{"w", 2}, {"x", 2}, {"y", 2}}));
}

// Differential test: counts and rankings must match a plain std::map count of the same words.
GRADED_TEST(Counter, MatchesStdMapCounting, 2) {
  std::mt19937 rng(99);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 300; ++i) vocabulary.push_back(word(i * 7919 % 1000));
  std::vector<std::string> items;
  for (int i = 0; i < 50'000; ++i) {
    // Squaring a uniform number skews the choice towards the front: a few words are frequent.
    const double u = std::uniform_real_distribution<double>(0, 1)(rng);
    items.push_back(vocabulary[static_cast<std::size_t>(u * u * vocabulary.size())]);
  }
  Counter counter(items);
  std::map<std::string, std::size_t> expected;
  for (const auto& item : items) ++expected[item];
  counter.add("extra", 5);
  expected["extra"] += 5;

  ASSERT_EQ(counter.distinct(), expected.size());
  EXPECT_EQ(counter.total(), items.size() + 5);
  for (const auto& [word, count] : expected) ASSERT_EQ(counter.count(word), count) << word;

  Ranked ranked(expected.begin(), expected.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second > b.second;
  });  // map order breaks ties
  for (const std::size_t k :
       {std::size_t{1}, std::size_t{10}, std::size_t{57}, ranked.size(), ranked.size() + 3}) {
    const Ranked want(ranked.begin(),
                      ranked.begin() + static_cast<std::ptrdiff_t>(std::min(k, ranked.size())));
    ASSERT_TRUE(hpc::common::same_sequence(want, counter.most_common(k))) << "most_common(" << k << ")";
  }
}

}  // namespace
