// What a consumer received, compared with what the producer sent (items 0, 1, ..., n - 1 in order), as
// one line that names the mistake: items lost, items delivered twice, items out of order. A plain
// EXPECT_EQ on two vectors of 100,000 numbers would print both; this says what went wrong and where.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <sstream>
#include <vector>

namespace hpc::races::testing {

inline ::testing::AssertionResult delivered_in_order(const std::vector<std::uint64_t>& received,
                                                     std::uint64_t sent) {
  std::vector<int> seen(static_cast<std::size_t>(sent), 0);
  std::uint64_t lost = 0, duplicated = 0, strangers = 0;
  std::uint64_t first_lost = sent, first_duplicate = sent, first_stranger = 0;
  for (const std::uint64_t item : received) {
    if (item >= sent) {
      if (strangers++ == 0) first_stranger = item;
      continue;
    }
    if (seen[static_cast<std::size_t>(item)]++ == 1 && duplicated++ == 0) first_duplicate = item;
  }
  for (std::uint64_t i = 0; i < sent; ++i) {
    if (seen[static_cast<std::size_t>(i)] == 0 && lost++ == 0) first_lost = i;
  }
  std::size_t first_disorder = received.size();
  for (std::size_t at = 1; at < received.size(); ++at) {
    if (received[at] <= received[at - 1]) {
      first_disorder = at;
      break;
    }
  }
  if (lost == 0 && duplicated == 0 && strangers == 0 && first_disorder == received.size() &&
      received.size() == sent) {
    return ::testing::AssertionSuccess();
  }
  std::ostringstream why;
  why << "sent items 0.." << sent - 1 << ", received " << received.size() << ":";
  if (lost > 0) why << " " << lost << " lost (first: item " << first_lost << ");";
  if (duplicated > 0) why << " " << duplicated << " delivered twice (first: item " << first_duplicate << ");";
  if (strangers > 0)
    why << " " << strangers << " never sent (first: " << first_stranger
        << "; a slot read before it was written?);";
  if (first_disorder < received.size()) {
    why << " out of order at position " << first_disorder << ": item " << received[first_disorder]
        << " after item " << received[first_disorder - 1] << ";";
  }
  return ::testing::AssertionFailure() << why.str();
}

}  // namespace hpc::races::testing
