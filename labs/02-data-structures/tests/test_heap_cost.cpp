// Graded test, lab 02 task 5: a heap's cost in comparisons, counted through the comparator
// (CountingLess in binary_heap.hpp), so right answers at the wrong cost fail on every machine:
//   - a push that re-sorts, or re-heapifies, the whole vector (std::sort / std::make_heap after each
//     push_back): N log N or N comparisons per push instead of log N
//   - a pop that scans for the smallest element instead of sifting down
//   - a constructor that builds the heap by N pushes instead of bottom-up heapify
//   - comparing with < instead of the comparator (no comparisons counted at all)
#include <cmath>
#include <cstddef>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/datastructures/binary_heap.hpp"

namespace {

using hpc::datastructures::BinaryHeap;
using hpc::datastructures::CountingLess;

GRADED_TEST(BinaryHeap, ComparisonsAreLogarithmic, 1) {
  constexpr std::size_t n = 4096;  // log2 n = 12
  const auto log2n = static_cast<std::size_t>(std::log2(static_cast<double>(n)));
  // Descending values: every push is a new minimum and climbs to the root, the worst case of sift-up.
  std::vector<int> descending(n);
  for (std::size_t i = 0; i < n; ++i) descending[i] = static_cast<int>(n - i);

  BinaryHeap<int, CountingLess> heap;
  CountingLess::calls = 0;
  for (const int v : descending) heap.push(v);
  const std::size_t push_comparisons = CountingLess::calls;
  if (push_comparisons < n - 1) {
    ADD_FAILURE() << "comparisons made with < instead of the comparator: " << n << " pushes of ever smaller "
                  << "values called cmp_ only " << push_comparisons << " times";
  }
  if (push_comparisons > n * (log2n + 1)) {
    ADD_FAILURE() << "a push must sift the new element up (at most log2 n comparisons), not re-sort or "
                     "re-heapify the whole vector: "
                  << n << " pushes made " << push_comparisons
                  << " comparisons, more than n (log2 n + 1) = " << n * (log2n + 1);
  }

  CountingLess::calls = 0;
  int previous = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int v = heap.pop();
    ASSERT_GT(v, previous) << "pop " << i;
    previous = v;
  }
  if (CountingLess::calls > 2 * n * (log2n + 1)) {
    ADD_FAILURE() << "a pop must sift the last element down from the root (two comparisons per level), not "
                     "search or re-sort the vector: "
                  << n << " pops made " << CountingLess::calls
                  << " comparisons, more than 2n (log2 n + 1) = " << 2 * n * (log2n + 1);
  }

  CountingLess::calls = 0;
  const BinaryHeap<int, CountingLess> built(descending);
  if (CountingLess::calls > 3 * n) {
    ADD_FAILURE()
        << "heapify bottom-up (sift down every inner node, last first), not by n pushes: building a "
           "heap of "
        << n << " made " << CountingLess::calls << " comparisons, more than 3n = " << 3 * n;
  }
  EXPECT_EQ(built.top(), 1);
}

}  // namespace
