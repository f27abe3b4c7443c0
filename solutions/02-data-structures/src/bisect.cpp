// Reference solution, lab 02 task 2: binary search on a half-open range [lo, hi).
#include "hpc/datastructures/bisect.hpp"

#include <stdexcept>
#include <string>

namespace hpc::datastructures {

// Invariant for both searches: the answer lies in [lo, hi]. Each comparison halves hi - lo, so a
// search over N elements makes at most ceil(log2(N + 1)) comparisons.
std::size_t bisect_left(std::span<const int> sorted, int x, std::size_t* comparisons) {
  std::size_t lo = 0;
  std::size_t hi = sorted.size();
  std::size_t count = 0;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    ++count;
    if (sorted[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  if (comparisons != nullptr) *comparisons += count;
  return lo;
}

std::size_t bisect_right(std::span<const int> sorted, int x, std::size_t* comparisons) {
  std::size_t lo = 0;
  std::size_t hi = sorted.size();
  std::size_t count = 0;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    ++count;
    if (x < sorted[mid]) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  if (comparisons != nullptr) *comparisons += count;
  return lo;
}

std::size_t index_bisect(std::span<const int> sorted, int x, std::size_t* comparisons) {
  const std::size_t i = bisect_left(sorted, x, comparisons);
  if (i < sorted.size()) {
    if (comparisons != nullptr) ++*comparisons;
    if (sorted[i] == x) return i;
  }
  throw std::out_of_range("index_bisect: " + std::to_string(x) + " is not in the array");
}

}  // namespace hpc::datastructures
