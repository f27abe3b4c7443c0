// Graded test, lab 02 task 3: the tie rule of most_common, checked so that a failure names the mistake.
//   - ties broken the wrong way (descending items), or left to the hash map's iteration order, which
//     differs between compilers and runs of different sizes -> TiesGoByItemAscending
//   - most_common(k) that is not the first k of the full ranking (an unstable selection) -> same test
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/datastructures/counter.hpp"

namespace {

using hpc::datastructures::Counter;
using Ranked = std::vector<std::pair<std::string, std::size_t>>;

// The first place where `ranked` breaks the rule (count descending, then item ascending), or "".
std::string first_violation(const Ranked& ranked) {
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    const auto& [a, a_count] = ranked[i - 1];
    const auto& [b, b_count] = ranked[i];
    if (a_count < b_count) {
      return "\"" + a + "\" (count " + std::to_string(a_count) + ") comes before \"" + b + "\" (count " +
             std::to_string(b_count) + "): higher counts go first";
    }
    if (a_count == b_count && !(a < b)) {
      return "ties broken the wrong way: \"" + a + "\" comes before \"" + b + "\" (both count " +
             std::to_string(a_count) + "); equal counts go in ascending order of the item";
    }
  }
  return "";
}

GRADED_TEST(Counter, TiesGoByItemAscending, 1) {
  Counter counter;
  // 60 items in 4 count classes, added in an order unrelated to their names.
  for (int i = 0; i < 60; ++i) {
    const int id = (i * 37) % 60;
    counter.add("item" + std::to_string(100 + id), static_cast<std::size_t>(1 + id % 4));
  }
  const Ranked all = counter.most_common(60);
  ASSERT_EQ(all.size(), 60u);
  const std::string problem = first_violation(all);
  EXPECT_TRUE(problem.empty()) << "most_common(60): " << problem;
  for (const std::size_t k : {1, 7, 15, 16, 31, 45, 59}) {
    const Ranked some = counter.most_common(k);
    const Ranked want(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k));
    EXPECT_TRUE(hpc::common::same_sequence(want, some))
        << "most_common(" << k << ") must be the first " << k
        << " of the full ranking (ties broken the same way every time); " << first_violation(some);
  }
}

}  // namespace
