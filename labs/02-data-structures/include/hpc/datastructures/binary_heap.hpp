// A binary heap in a vector: heapq's algorithms as a class. With the default std::less the smallest
// element is on top (a min-heap, like heapq); std::greater makes a max-heap.
// Lab task 5 (labs/02-data-structures/src/binary_heap.cpp).
//
// The member functions are defined in the .cpp file, which instantiates the class for exactly the
// types listed at the end of this header; other element types need a line added there.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace hpc::datastructures {

// Heap order: for every index i > 0, cmp(items_[i], items_[(i - 1) / 2]) is false (no child comes
// before its parent). So top() is an element that no other element comes before.
template <class T, class Cmp = std::less<T>>
class BinaryHeap {
 public:
  BinaryHeap();
  // Takes the items and arranges them into heap order bottom-up in O(N) (heapq.heapify), not by N
  // pushes.
  explicit BinaryHeap(std::vector<T> items);

  void push(T value);  // sift-up: at most floor(log2(size after the push)) swaps
  T pop();             // removes and returns top(); sift-down
  // pop() and top() throw std::out_of_range with a message that says the heap is empty.
  const T& top() const;

  std::size_t size() const;
  bool empty() const;

  // Exchanges of two elements made since construction, heapify included. Count a move of the hole
  // (instead of a full swap) as one swap too.
  std::size_t swaps() const;

 private:
  std::vector<T> items_;
  Cmp cmp_{};
  std::size_t swaps_ = 0;
};

// std::less<int> that counts its calls, so the tests can check a heap's cost in comparisons exactly:
// about log2(N) per push or pop, fewer than 3N for heapify.
struct CountingLess {
  static inline std::size_t calls = 0;
  bool operator()(int a, int b) const {
    ++calls;
    return a < b;
  }
};

// The instantiations src/binary_heap.cpp provides (the tests use these).
extern template class BinaryHeap<int>;
extern template class BinaryHeap<int, std::greater<int>>;
extern template class BinaryHeap<double>;
extern template class BinaryHeap<std::pair<int, std::string>>;
extern template class BinaryHeap<int, CountingLess>;

}  // namespace hpc::datastructures
