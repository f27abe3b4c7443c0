// Graded tests, lab 02 task 5: the binary heap.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <queue>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/datastructures/binary_heap.hpp"

namespace {

using hpc::datastructures::BinaryHeap;

std::size_t floor_log2(std::size_t n) {
  return static_cast<std::size_t>(std::floor(std::log2(static_cast<double>(n))));
}

// The book's heapq session: heapify([10, 3, 3, 4, 5, 6]), heappop, then heappush(1).
GRADED_TEST(BinaryHeap, BookExample, 1) {
  BinaryHeap<int> heap(std::vector<int>{10, 3, 3, 4, 5, 6});
  ASSERT_EQ(heap.size(), 6u);
  EXPECT_EQ(heap.top(), 3);
  EXPECT_EQ(heap.pop(), 3);
  EXPECT_EQ(heap.top(), 3) << "the second 3 is still there";
  heap.push(1);
  EXPECT_EQ(heap.top(), 1);
  std::vector<int> drained;
  while (!heap.empty()) drained.push_back(heap.pop());
  EXPECT_EQ(drained, (std::vector<int>{1, 3, 4, 5, 6, 10}));
}

// The book's PriorityQueue of (priority, text) pairs, and a max-heap through the comparator.
GRADED_TEST(BinaryHeap, PriorityPairsAndMaxHeap, 1) {
  BinaryHeap<std::pair<int, std::string>> tasks;
  tasks.push({3, "priority 3"});
  tasks.push({2, "priority 2"});
  tasks.push({1, "priority 1"});
  EXPECT_EQ(tasks.pop(), (std::pair<int, std::string>{1, "priority 1"}));
  EXPECT_EQ(tasks.pop().second, "priority 2");

  BinaryHeap<int, std::greater<int>> max_heap(std::vector<int>{10, 3, 3, 4, 5, 6});
  EXPECT_EQ(max_heap.pop(), 10);
  EXPECT_EQ(max_heap.top(), 6);
}

template <class Heap>
void expect_empty_throws(Heap& heap) {
  for (const bool pop : {true, false}) {
    try {
      pop ? heap.pop() : heap.top();
      ADD_FAILURE() << (pop ? "pop()" : "top()") << " on an empty heap returned instead of throwing";
    } catch (const std::out_of_range& error) {
      EXPECT_NE(std::string(error.what()).find("empty"), std::string::npos)
          << "the message should say the heap is empty; it was: " << error.what();
    }
  }
}

GRADED_TEST(BinaryHeap, EmptyThrows, 1) {
  BinaryHeap<int> heap;
  expect_empty_throws(heap);
  heap.push(4);
  EXPECT_EQ(heap.pop(), 4);
  expect_empty_throws(heap);
  BinaryHeap<double> from_nothing(std::vector<double>{});
  expect_empty_throws(from_nothing);
}

// Differential test against std::priority_queue (whose comparator is reversed: std::greater makes it a
// min-queue) on random pushes and pops, plus heap sort of random data against std::sort.
GRADED_TEST(BinaryHeap, MatchesPriorityQueueOnRandomOps, 2) {
  std::mt19937 rng(31);
  std::vector<int> start(1000);
  for (auto& v : start) v = static_cast<int>(rng() % 5000);
  BinaryHeap<int> min_heap(start);
  std::priority_queue<int, std::vector<int>, std::greater<int>> min_expected(start.begin(), start.end());
  BinaryHeap<int, std::greater<int>> max_heap(start);
  std::priority_queue<int> max_expected(start.begin(), start.end());
  for (int step = 0; step < 30'000; ++step) {
    const int value = static_cast<int>(rng() % 5000);
    if (rng() % 5 < 2 && !min_expected.empty()) {
      ASSERT_EQ(min_heap.pop(), min_expected.top()) << "step " << step;
      min_expected.pop();
      ASSERT_EQ(max_heap.pop(), max_expected.top()) << "step " << step;
      max_expected.pop();
    } else {
      min_heap.push(value);
      min_expected.push(value);
      max_heap.push(value);
      max_expected.push(value);
    }
    ASSERT_EQ(min_heap.size(), min_expected.size());
    if (!min_expected.empty()) {
      ASSERT_EQ(min_heap.top(), min_expected.top()) << "step " << step;
      ASSERT_EQ(max_heap.top(), max_expected.top()) << "step " << step;
    }
  }
  std::vector<double> data(5000);
  for (auto& v : data) v = std::uniform_real_distribution<double>(-1, 1)(rng);
  BinaryHeap<double> sorter(data);
  std::vector<double> sorted;
  while (!sorter.empty()) sorted.push_back(sorter.pop());
  std::sort(data.begin(), data.end());
  EXPECT_TRUE(hpc::common::same_sequence(data, sorted)) << "popping everything must give the sorted input";
}

// Deterministic cost: heapify moves fewer than N elements in total; a push of a new minimum climbs
// exactly floor(log2(size)) levels; a pop sinks at most floor(log2(size)) levels.
GRADED_TEST(BinaryHeap, SwapCountsAreLogarithmic, 1) {
  constexpr std::size_t n = (1 << 16) - 1;
  std::vector<int> descending(n);
  for (std::size_t i = 0; i < n; ++i) descending[i] = static_cast<int>(n - i);
  const BinaryHeap<int> heapified(descending);  // every parent starts larger than its children
  EXPECT_GT(heapified.swaps(), n / 4) << "heapify of a reversed array must move elements";
  EXPECT_LT(heapified.swaps(), n) << "bottom-up heapify is O(N); N pushes would make ~N log2 N swaps";

  BinaryHeap<int> heap;
  for (std::size_t i = 1; i <= 4096; ++i) {
    const std::size_t before = heap.swaps();
    heap.push(-static_cast<int>(i));  // a new minimum climbs to the root every time
    ASSERT_EQ(heap.swaps() - before, floor_log2(i)) << "push number " << i;
  }
  while (heap.size() > 1) {
    const std::size_t size = heap.size();
    const std::size_t before = heap.swaps();
    heap.pop();
    ASSERT_LE(heap.swaps() - before, floor_log2(size)) << "pop from size " << size;
  }
}

// The book's sorted-list-plus-bisect against a heap, for 50,000 random pushes. Inserting into a sorted
// vector shifts half of it on average. The reference measured 40-107x on quiet 2-core machines and
// 14-201x under `stress-ng --cpu 2`; a push that keeps its vector sorted is ~1x, and one that calls
// make_heap after every push_back is slower than the baseline, so a bar of 8x catches both with room.
GRADED_TEST(Speed, HeapBeatsSortedInsert, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  std::mt19937 rng(17);
  std::vector<int> values(50'000);
  for (auto& v : values) v = static_cast<int>(rng());
  long long sorted_sink = 0;
  long long heap_sink = 0;
  const auto cmp = hpc::common::compare_speed(
      "sorted vector insert",
      [&] {
        std::vector<int> sorted;
        for (const int v : values) sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), v), v);
        sorted_sink += sorted.front();
      },
      "BinaryHeap::push",
      [&] {
        BinaryHeap<int> heap;
        for (const int v : values) heap.push(v);
        heap_sink += heap.top();
      });
  EXPECT_SPEEDUP_AT_LEAST(cmp, 8.0);
  EXPECT_EQ(heap_sink, sorted_sink);
}

}  // namespace
