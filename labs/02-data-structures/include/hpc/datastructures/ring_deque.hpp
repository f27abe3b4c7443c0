// A double-ended queue on one circular buffer: what Python's deque promises for its ends, plus the O(1)
// indexing that CPython's block list cannot give.
// Lab task 1 (labs/02-data-structures/src/ring_deque.cpp).
#pragma once

#include <cstddef>
#include <vector>

namespace hpc::datastructures {

// Elements live in slots_[head_], slots_[(head_ + 1) % capacity], ... (size_ of them). When a push
// finds the buffer full, the capacity doubles (from 0 to 8 on the first push) and the elements are
// copied to the new buffer in logical order, starting at slot 0.
class RingDeque {
 public:
  RingDeque();

  void push_back(int value);
  void push_front(int value);
  // Remove and return the last (first) element. Throw std::out_of_range with a message that says the
  // deque is empty, and leave it unchanged, when there is nothing to pop.
  int pop_back();
  int pop_front();

  // The i-th element from the front, O(1). Throws std::out_of_range when i >= size().
  int& operator[](std::size_t i);
  const int& operator[](std::size_t i) const;

  std::size_t size() const;
  bool empty() const;
  std::size_t capacity() const;  // slots in the buffer

  // Elements copied from the old buffer to the new one by growth, summed over the deque's life. Pushes
  // and pops themselves move nothing, so n pushes cost fewer than 2n moves in total (amortized O(1)).
  std::size_t element_moves() const;

 private:
  std::vector<int> slots_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
  std::size_t moves_ = 0;
};

}  // namespace hpc::datastructures
