// Graded test, lab 02 task 2: every boundary of every run of equal values, so that an off-by-one search
// fails with a message saying which way it is off.
//   - `hi = n - 1` (a closed range), `lo = mid` or `hi = mid - 1`: answers one before or one past the
//     right position at the ends of the array or of a run of equal values
//   - bisect_right written with <= (it then behaves as bisect_left), or bisect_left with <
#include <cstddef>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/datastructures/bisect.hpp"

namespace {

using hpc::datastructures::bisect_left;
using hpc::datastructures::bisect_right;

std::string off_by(std::size_t got, std::size_t want) {
  if (got + 1 == want) return " (off by one: one before the right position)";
  if (got == want + 1) return " (off by one: one past the right position)";
  return "";
}

GRADED_TEST(Bisect, EveryRunBoundary, 1) {
  // Arrays of every length 0..12 made of runs of equal even values, probed at every value from below
  // the first to above the last (odd values fall between runs).
  for (std::size_t n = 0; n <= 12; ++n) {
    for (std::size_t run = 1; run <= 3; ++run) {
      std::vector<int> a(n);
      for (std::size_t i = 0; i < n; ++i) a[i] = 2 * static_cast<int>(i / run);
      const int top = n == 0 ? 0 : a.back();
      for (int x = -1; x <= top + 1; ++x) {
        std::size_t left = 0;
        while (left < n && a[left] < x) ++left;
        std::size_t right = left;
        while (right < n && a[right] <= x) ++right;
        const std::size_t got_left = bisect_left(a, x);
        const std::size_t got_right = bisect_right(a, x);
        ASSERT_EQ(got_left, left) << "bisect_left of " << x << " in " << testing::PrintToString(a)
                                  << off_by(got_left, left) << ": it must return the first position whose "
                                  << "element is >= x";
        ASSERT_EQ(got_right, right) << "bisect_right of " << x << " in " << testing::PrintToString(a)
                                    << off_by(got_right, right)
                                    << ": it must return the position after the last element <= x";
      }
    }
  }
}

}  // namespace
