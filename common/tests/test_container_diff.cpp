// same_sequence / same_items: they pass on equal containers, fail on every kind of difference, and their
// failure message is a short summary (counts, first few, first position) even for 50,000 items.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <list>
#include <numeric>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "hpc/common/container_diff.hpp"

using hpc::common::same_items;
using hpc::common::same_sequence;

namespace {

std::vector<int> iota_vector(int n) {
  std::vector<int> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), 0);
  return v;
}

std::string failure_of(const ::testing::AssertionResult& result) {
  EXPECT_FALSE(result) << "the comparison should have failed";
  return result.message();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(ContainerDiff, EqualContainersPass) {
  EXPECT_TRUE(same_sequence(iota_vector(1000), iota_vector(1000)));
  EXPECT_TRUE(same_items(iota_vector(1000), iota_vector(1000)));
  EXPECT_TRUE(same_sequence(std::vector<int>{}, std::vector<int>{}));
  // Different container types with the same items.
  EXPECT_TRUE(same_sequence(std::set<int>{1, 2, 3}, std::vector<int>{1, 2, 3}));
  EXPECT_TRUE(same_items(std::vector<int>{3, 1, 2}, std::list<int>{1, 2, 3}));
}

TEST(ContainerDiff, AMissingItemInABigVectorIsSummarised) {
  const std::vector<int> expected = iota_vector(50'000);
  std::vector<int> actual = expected;
  actual.erase(actual.begin() + 4321);
  const std::string message = failure_of(same_sequence(expected, actual));
  EXPECT_TRUE(has(message, "expected 50000 items, got 49999")) << message;
  EXPECT_TRUE(has(message, "1 missing (first: 4321)")) << message;
  EXPECT_TRUE(has(message, "0 extra or repeated")) << message;
  EXPECT_TRUE(has(message, "first difference at position 4321: expected 4321, got 4322")) << message;
  EXPECT_LT(message.size(), 400u) << "a summary, not the containers: " << message.substr(0, 2000);
  EXPECT_FALSE(same_items(expected, actual));
}

TEST(ContainerDiff, RepeatedAndUnexpectedItemsAreExtra) {
  const std::vector<int> expected = iota_vector(10'000);
  std::vector<int> actual = expected;
  actual[20] = 7;        // 20 lost, 7 twice
  actual.push_back(-1);  // an item nobody expected
  const std::string message = failure_of(same_items(expected, actual));
  EXPECT_TRUE(has(message, "1 missing (first: 20)")) << message;
  EXPECT_TRUE(has(message, "2 extra or repeated (first: 7, -1)")) << message;
  EXPECT_FALSE(has(message, "position")) << "order does not matter to same_items: " << message;
}

TEST(ContainerDiff, ManyMissingNameOnlyTheFirstFew) {
  const std::vector<int> expected = iota_vector(1000);
  const std::vector<int> actual(expected.begin(), expected.begin() + 900);
  const std::string message = failure_of(same_sequence(expected, actual));
  EXPECT_TRUE(has(message, "100 missing (first: 900, 901, 902, 903, 904, ... 95 more)")) << message;
  EXPECT_TRUE(has(message, "first difference at position 900: expected 900, got the end")) << message;
}

TEST(ContainerDiff, OrderMattersOnlyToSameSequence) {
  const std::vector<std::string> expected{"a", "b", "c"};
  const std::vector<std::string> actual{"a", "c", "b"};
  EXPECT_TRUE(same_items(expected, actual));
  const std::string message = failure_of(same_sequence(expected, actual));
  EXPECT_TRUE(has(message, "the same items in a different order")) << message;
  EXPECT_TRUE(has(message, "first difference at position 1: expected \"b\", got \"c\"")) << message;
  // Small containers are also shown whole, as EXPECT_EQ would.
  EXPECT_TRUE(has(message, "expected: {\"a\", \"b\", \"c\"}")) << message;
}

TEST(ContainerDiff, PairsAndLongerActual) {
  using Ranked = std::vector<std::pair<std::string, int>>;
  const Ranked expected{{"a", 3}, {"b", 2}};
  const Ranked actual{{"a", 3}, {"b", 2}, {"c", 1}};
  const std::string message = failure_of(same_sequence(expected, actual));
  EXPECT_TRUE(has(message, "1 extra or repeated (first: (\"c\", 1))")) << message;
  EXPECT_TRUE(has(message, "expected the end, got (\"c\", 1)")) << message;
}

// Used in an assertion, the summary is what the failure shows.
TEST(ContainerDiff, WorksInsideExpectTrue) {
  std::vector<int> actual = iota_vector(20'000);
  actual[5] = 6;
  EXPECT_NONFATAL_FAILURE(EXPECT_TRUE(same_sequence(iota_vector(20'000), actual)) << "round 3",
                          "1 missing (first: 5), 1 extra or repeated (first: 6)");
}

TEST(SameBytes, NamesSizesAndTheFirstDifference) {
  EXPECT_TRUE(hpc::common::same_bytes("abc", "abc"));
  const auto result = hpc::common::same_bytes("abcdef", "abXde");
  EXPECT_FALSE(result);
  EXPECT_NE(
      std::string(result.message()).find("expected 6 bytes, the file has 5; they first differ at byte 2"),
      std::string::npos)
      << result.message();
}
