// Comparing big containers in tests without printing them whole (issue 9): EXPECT_EQ on two vectors of
// 50,000 items prints both of them, and the one fact a student needs (what is missing, what is doubled,
// where the first difference is) drowns in the output. These helpers return a GoogleTest assertion
// result whose failure message is a summary instead:
//
//   EXPECT_TRUE(hpc::common::same_sequence(expected, actual)) << "round " << round;
//     -> expected 5000 items, got 4999: 1 missing (first: 4321), 0 extra; first difference at position
//        4321: expected 4321, got 4322
//   EXPECT_TRUE(hpc::common::same_items(expected, actual));   // the same, but order does not matter
//
// Small containers (up to kShownWhole items each) are also printed whole, as EXPECT_EQ would.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace hpc::common {

// Containers up to this size are printed whole in a failure message as well as summarised.
inline constexpr std::size_t kShownWhole = 16;
// How many of the missing, extra or differing items a failure message names.
inline constexpr std::size_t kFirstFew = 5;

namespace container_diff_detail {

template <class T>
std::string show(const T& value) {
  return ::testing::PrintToString(value);
}

// The first few items of a list, then "..." and how many more.
template <class T>
std::string first_few(const std::vector<T>& items) {
  std::string text;
  for (std::size_t i = 0; i < items.size() && i < kFirstFew; ++i)
    text += (i == 0 ? "" : ", ") + show(items[i]);
  if (items.size() > kFirstFew) text += ", ... " + std::to_string(items.size() - kFirstFew) + " more";
  return text;
}

template <class T>
std::string whole(const std::vector<T>& items) {
  std::string text = "{";
  for (std::size_t i = 0; i < items.size(); ++i) text += (i == 0 ? "" : ", ") + show(items[i]);
  return text + "}";
}

// Multiset difference: the items that `from` has more often than `other` (each surplus copy once), in
// the order they first appear in `from`.
template <class T>
std::vector<T> surplus(const std::vector<T>& from, const std::vector<T>& other) {
  std::vector<T> result;
  if constexpr (std::totally_ordered<T>) {
    // O(n log n): count `other`'s copies in a sorted copy, then walk `from` using them up.
    std::vector<T> sorted_other = other;
    std::sort(sorted_other.begin(), sorted_other.end());
    std::vector<std::size_t> used(sorted_other.size() + 1, 0);  // copies used, per first index of a value
    for (const T& item : from) {
      const auto range = std::equal_range(sorted_other.begin(), sorted_other.end(), item);
      const auto first = static_cast<std::size_t>(range.first - sorted_other.begin());
      const auto available = static_cast<std::size_t>(range.second - range.first);
      if (used[first] < available)
        ++used[first];
      else
        result.push_back(item);
    }
  } else {
    // Only == is known: quadratic, acceptable for the sizes where such types appear.
    std::vector<bool> used(other.size(), false);
    for (const T& item : from) {
      bool matched = false;
      for (std::size_t j = 0; j < other.size() && !matched; ++j) {
        if (!used[j] && other[j] == item) used[j] = matched = true;
      }
      if (!matched) result.push_back(item);
    }
  }
  return result;
}

template <class T, std::ranges::input_range R>
std::vector<T> to_vector(const R& range) {
  std::vector<T> items;
  for (const auto& item : range) items.push_back(static_cast<T>(item));
  return items;
}

template <class T>
::testing::AssertionResult compare(const std::vector<T>& expected, const std::vector<T>& actual,
                                   bool order_matters) {
  std::size_t first_difference = 0;
  while (first_difference < expected.size() && first_difference < actual.size() &&
         expected[first_difference] == actual[first_difference])
    ++first_difference;
  const bool equal_as_sequences = first_difference == expected.size() && first_difference == actual.size();
  if (equal_as_sequences) return ::testing::AssertionSuccess();

  const std::vector<T> missing = surplus(expected, actual);
  const std::vector<T> extra = surplus(actual, expected);
  if (!order_matters && missing.empty() && extra.empty()) return ::testing::AssertionSuccess();

  std::ostringstream out;
  out << "expected " << expected.size() << " items, got " << actual.size() << ": ";
  if (missing.empty() && extra.empty()) {
    out << "the same items in a different order";
  } else {
    out << missing.size() << " missing";
    if (!missing.empty()) out << " (first: " << first_few(missing) << ")";
    out << ", " << extra.size() << " extra or repeated";
    if (!extra.empty()) out << " (first: " << first_few(extra) << ")";
  }
  if (order_matters) {
    out << "; first difference at position " << first_difference << ": ";
    if (first_difference >= expected.size())
      out << "expected the end, got " << show(actual[first_difference]);
    else if (first_difference >= actual.size())
      out << "expected " << show(expected[first_difference]) << ", got the end";
    else
      out << "expected " << show(expected[first_difference]) << ", got " << show(actual[first_difference]);
  }
  if (expected.size() <= kShownWhole && actual.size() <= kShownWhole)
    out << "\n  expected: " << whole(expected) << "\n    actual: " << whole(actual);
  return ::testing::AssertionFailure() << out.str();
}

}  // namespace container_diff_detail

// Passes when `actual` holds the same items as `expected` in the same order; on failure, says how many
// items are missing and how many extra or repeated (the first few of each) and where the first difference is.
template <std::ranges::input_range E, std::ranges::input_range A>
requires(std::convertible_to<std::ranges::range_value_t<A>,
                             std::ranges::range_value_t<E>>)::testing::AssertionResult
    same_sequence(const E& expected, const A& actual) {
  using T = std::ranges::range_value_t<E>;
  return container_diff_detail::compare(container_diff_detail::to_vector<T>(expected),
                                        container_diff_detail::to_vector<T>(actual), true);
}

// Passes when `actual` holds the same items as `expected`, each as often, in any order; on failure, says
// how many items are missing and how many extra or repeated, with the first few of each.
template <std::ranges::input_range E, std::ranges::input_range A>
requires(std::convertible_to<std::ranges::range_value_t<A>,
                             std::ranges::range_value_t<E>>)::testing::AssertionResult
    same_items(const E& expected, const A& actual) {
  using T = std::ranges::range_value_t<E>;
  return container_diff_detail::compare(container_diff_detail::to_vector<T>(expected),
                                        container_diff_detail::to_vector<T>(actual), false);
}

// Two byte strings (a downloaded file against the served body, chapters 07 and 10) without printing
// megabytes: the sizes and the first offset where they differ.
inline ::testing::AssertionResult same_bytes(const std::string& expected, const std::string& actual) {
  if (expected == actual) return ::testing::AssertionSuccess();
  std::size_t at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) ++at;
  return ::testing::AssertionFailure() << "expected " << expected.size() << " bytes, the file has "
                                       << actual.size() << "; they first differ at byte " << at;
}

}  // namespace hpc::common
