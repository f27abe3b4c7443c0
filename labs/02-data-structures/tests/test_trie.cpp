// Graded tests, lab 02 task 6: the trie and autocompletion.
#include <cstddef>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/datastructures/trie.hpp"

namespace {

using hpc::datastructures::Trie;
using Ids = std::vector<int>;

// The book's random_string: uppercase letters A..Z.
std::string random_string(std::size_t length, std::mt19937& rng) {
  std::string s(length, 'A');
  for (auto& c : s) c = static_cast<char>('A' + rng() % 26);
  return s;
}

Ids scan(const std::vector<std::string>& strings, std::string_view prefix) {
  Ids ids;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (std::string_view(strings[i]).starts_with(prefix)) ids.push_back(static_cast<int>(i));
  }
  return ids;
}

GRADED_TEST(Trie, InsertAndContains, 1) {
  Trie trie;
  EXPECT_EQ(trie.node_count(), 1u) << "an empty trie is its root";
  trie.insert("CAT", 0);
  trie.insert("CAR", 1);
  trie.insert("CART", 2);
  trie.insert("DOG", 3);
  trie.insert("", 4);
  EXPECT_TRUE(trie.contains("CAR"));
  EXPECT_TRUE(trie.contains("CART"));
  EXPECT_TRUE(trie.contains(""));
  EXPECT_FALSE(trie.contains("CA")) << "a prefix of a key is not a key";
  EXPECT_FALSE(trie.contains("CARTS"));
  EXPECT_FALSE(trie.contains("X"));
  EXPECT_EQ(trie.with_prefix("CA"), (Ids{0, 1, 2}));
  EXPECT_EQ(trie.with_prefix("CAR"), (Ids{1, 2}));
  EXPECT_TRUE(trie.with_prefix("CB").empty());
  EXPECT_EQ(trie.with_prefix(""), (Ids{0, 1, 2, 3, 4}));
  trie.insert("CAT", 5);
  EXPECT_EQ(trie.with_prefix("CAT"), (Ids{0, 5}));
  EXPECT_EQ(trie.size(), 6u);
  EXPECT_EQ(trie.node_count(), 9u) << "root, C-A-T, R-T under A, D-O-G";
}

// The book's data: 10,000 random 32-letter strings. Every prefix query must match a linear scan.
GRADED_TEST(Trie, PrefixMatchesLinearScan, 2) {
  std::mt19937 rng(1234);
  std::vector<std::string> strings;
  for (int i = 0; i < 10'000; ++i) strings.push_back(random_string(32, rng));
  Trie trie;
  for (std::size_t i = 0; i < strings.size(); ++i) trie.insert(strings[i], static_cast<int>(i));
  std::vector<std::string> prefixes{"AA", "Z", "QX", "", strings[17], strings[9999].substr(0, 5)};
  for (int i = 0; i < 40; ++i) prefixes.push_back(random_string(1 + rng() % 3, rng));
  for (const auto& prefix : prefixes) {
    ASSERT_TRUE(hpc::common::same_sequence(scan(strings, prefix), trie.with_prefix(prefix)))
        << "with_prefix(\"" << prefix << "\")";
  }
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(trie.contains(strings[rng() % strings.size()]));
    ASSERT_FALSE(trie.contains(random_string(32, rng)));  // 26^32 possibilities: never stored
    ASSERT_FALSE(trie.contains(strings[rng() % strings.size()].substr(0, 31)));
  }
}

// 50,000 strings where each of 5 prefixes has exactly 10 matches (the book's advice: compare queries that
// return the same number of results). The scan reads every string; the trie walks 2 nodes and a small
// subtree. The reference measured 40-149x, once 17x under `stress-ng --cpu 2`: its 5 queries take only
// 6-45 us, so a little interference moves the ratio a lot, and 15 pairs steady the median. A with_prefix
// that scans the stored strings does the baseline's work (~1x), far below the bar of 10x.
GRADED_TEST(Speed, TrieBeatsScan, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  const std::vector<std::string> prefixes{"AA", "BB", "CC", "DD", "EE"};
  std::mt19937 rng(77);
  std::vector<std::string> strings;
  while (strings.size() < 50'000) {
    std::string s = random_string(12, rng);
    if (s[0] == s[1] && s[0] <= 'E') continue;  // keep the 5 prefixes for the planted strings
    strings.push_back(std::move(s));
  }
  for (const auto& prefix : prefixes) {
    for (int i = 0; i < 10; ++i)
      strings.insert(strings.begin() + static_cast<std::ptrdiff_t>(rng() % strings.size()),
                     prefix + random_string(10, rng));
  }
  Trie trie;
  for (std::size_t i = 0; i < strings.size(); ++i) trie.insert(strings[i], static_cast<int>(i));
  std::size_t scan_matches = 0;
  std::size_t trie_matches = 0;
  const auto cmp = hpc::common::compare_speed(
      "starts_with scan",
      [&] {
        for (const auto& prefix : prefixes) scan_matches += scan(strings, prefix).size();
      },
      "Trie::with_prefix",
      [&] {
        for (const auto& prefix : prefixes) trie_matches += trie.with_prefix(prefix).size();
      },
      {.pairs = 15});
  EXPECT_SPEEDUP_AT_LEAST(cmp, 10.0);
  EXPECT_EQ(trie_matches, scan_matches);
  EXPECT_EQ(trie.with_prefix("AA").size(), 10u);
}

}  // namespace
