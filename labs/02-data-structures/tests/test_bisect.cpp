// Graded tests, lab 02 task 2: hand-written binary search.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/datastructures/bisect.hpp"

namespace {

using hpc::datastructures::bisect_left;
using hpc::datastructures::bisect_right;
using hpc::datastructures::index_bisect;

GRADED_TEST(Bisect, BookExample, 1) {
  const std::vector<int> a{1, 2, 4, 5, 6};
  EXPECT_EQ(bisect_right(a, 3), 2u);  // the book's bisect.bisect([1, 2, 4, 5, 6], 3)
  EXPECT_EQ(bisect_left(a, 3), 2u);
  EXPECT_EQ(bisect_left(a, 0), 0u);
  EXPECT_EQ(bisect_right(a, 9), 5u);
  EXPECT_EQ(index_bisect(a, 5), 3u);
  const std::vector<int> dup{1, 2, 2, 2, 3};
  EXPECT_EQ(bisect_left(dup, 2), 1u) << "bisect_left goes before equal elements";
  EXPECT_EQ(bisect_right(dup, 2), 4u) << "bisect_right goes after equal elements";
  EXPECT_EQ(index_bisect(dup, 2), 1u) << "index_bisect finds the first equal element";
  EXPECT_EQ(bisect_left(std::span<const int>{}, 4), 0u);
  EXPECT_EQ(bisect_right(std::span<const int>{}, 4), 0u);
}

// Differential test against the standard library on random sorted arrays with many duplicates.
GRADED_TEST(Bisect, MatchesStdBoundsOnRandomArrays, 1) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<int> a(rng() % 200);
    for (auto& v : a) v = static_cast<int>(rng() % 50) - 25;
    std::sort(a.begin(), a.end());
    for (int x = -28; x <= 28; ++x) {
      const auto lower = static_cast<std::size_t>(std::lower_bound(a.begin(), a.end(), x) - a.begin());
      const auto upper = static_cast<std::size_t>(std::upper_bound(a.begin(), a.end(), x) - a.begin());
      ASSERT_EQ(bisect_left(a, x), lower) << "x = " << x << ", size " << a.size();
      ASSERT_EQ(bisect_right(a, x), upper) << "x = " << x << ", size " << a.size();
      if (lower < upper) {
        ASSERT_EQ(index_bisect(a, x), lower) << "x = " << x;
      }
    }
  }
}

void expect_absent(std::span<const int> a, int x) {
  try {
    index_bisect(a, x);
    ADD_FAILURE() << "index_bisect(" << x << ") returned instead of throwing std::out_of_range";
  } catch (const std::out_of_range& error) {
    EXPECT_NE(std::string(error.what()).find(std::to_string(x)), std::string::npos)
        << "the message should contain " << x << "; it was: " << error.what();
  }
}

GRADED_TEST(Bisect, IndexBisectAbsentThrowsNamingValue, 1) {
  const std::vector<int> a{10, 20, 30};
  expect_absent(a, 25);    // between elements
  expect_absent(a, 40);    // past the end: bisect_left returns size()
  expect_absent(a, -5);    // before the start
  expect_absent({}, 777);  // empty array
}

// A binary search over N elements needs at most ceil(log2 N) + 1 comparisons, on every query.
GRADED_TEST(Bisect, LogarithmicComparisons, 1) {
  std::mt19937 rng(11);
  for (const std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{1000},
                              std::size_t{1} << 20, (std::size_t{1} << 20) + 1}) {
    std::vector<int> a(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = 2 * static_cast<int>(i);  // even numbers
    const auto bound = static_cast<std::size_t>(std::ceil(std::log2(static_cast<double>(n)))) + 1;
    std::size_t total = 0;
    for (int q = 0; q < 200; ++q) {
      const int x = static_cast<int>(rng() % (2 * n + 2)) - 1;  // hits, misses and both ends
      std::size_t left = 0;
      std::size_t right = 0;
      bisect_left(a, x, &left);
      bisect_right(a, x, &right);
      ASSERT_LE(left, bound) << "bisect_left, n = " << n << ", x = " << x;
      ASSERT_LE(right, bound) << "bisect_right, n = " << n << ", x = " << x;
      ASSERT_GE(left, 1u) << "every search of a non-empty array compares at least once";
      total += left + right;
    }
    // A search that halves the range needs about log2 N comparisons; much less means miscounting.
    EXPECT_GE(total, 2 * 200 * static_cast<std::size_t>(std::floor(std::log2(static_cast<double>(n)))))
        << "n = " << n;
  }
}

// The book's list.index against index_bisect: 1000 lookups of present values in 100,000 sorted ints.
// std::find is the linear baseline. The reference is ~200-330x faster (~125x on a busy machine).
GRADED_TEST(Speed, BinarySearchBeatsLinear, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  constexpr int n = 100'000;
  std::vector<int> a(n);
  for (int i = 0; i < n; ++i) a[static_cast<std::size_t>(i)] = 3 * i;
  std::mt19937 rng(3);
  std::vector<int> queries(1000);
  for (auto& q : queries) q = a[rng() % a.size()];
  std::size_t linear_sum = 0;
  std::size_t bisect_sum = 0;
  const auto cmp = hpc::common::compare_speed(
      "std::find",
      [&] {
        for (const int q : queries)
          linear_sum += static_cast<std::size_t>(std::find(a.begin(), a.end(), q) - a.begin());
      },
      "index_bisect",
      [&] {
        for (const int q : queries) bisect_sum += index_bisect(a, q);
      });
  EXPECT_SPEEDUP_AT_LEAST(cmp, 80.0);
  EXPECT_EQ(bisect_sum, linear_sum);
}

}  // namespace
