// Graded test, lab 02 task 1: growth of a buffer whose elements wrap around its end.
//   - growth that copies the old buffer slot by slot as it lies (or keeps the old head) instead of in
//     logical order from the head: right as long as the head is at slot 0, wrong once pushes at the
//     front have wrapped -> GrowthKeepsLogicalOrder, which names the mistake
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/datastructures/ring_deque.hpp"

namespace {

using hpc::datastructures::RingDeque;

GRADED_TEST(RingDeque, GrowthKeepsLogicalOrder, 1) {
  for (const bool grow_at_front : {false, true}) {
    RingDeque d;
    for (int v = 4; v < 8; ++v) d.push_back(v);    // slots 0-3 of 8 hold 4 5 6 7
    for (int v = 3; v >= 0; --v) d.push_front(v);  // the head wraps to slot 7, 6, 5, 4: the buffer is full
    std::vector<int> want{0, 1, 2, 3, 4, 5, 6, 7};
    if (grow_at_front) {
      d.push_front(-1);
      want.insert(want.begin(), -1);
    } else {
      d.push_back(8);
      want.push_back(8);
    }
    const std::string push = grow_at_front ? "push_front(-1)" : "push_back(8)";
    ASSERT_EQ(d.size(), want.size()) << "after " << push;
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (d[i] != want[i]) {
        ADD_FAILURE() << "growth lost the logical order: copy the elements to the new buffer starting at the "
                         "head, not slot by slot as they lie. Pushes 4, 5, 6, 7 at the back and 3, 2, 1, 0 "
                         "at the front fill 8 slots wrapped around the end; then "
                      << push << " grows the buffer, and d[" << i << "] is " << d[i] << " where it should be "
                      << want[i];
        break;
      }
    }
  }
}

}  // namespace
