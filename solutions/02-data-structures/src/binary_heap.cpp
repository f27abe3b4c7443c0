// Reference solution, lab 02 task 5: an implicit binary tree in a vector (children of i: 2i+1, 2i+2).
#include "hpc/datastructures/binary_heap.hpp"

#include <stdexcept>
#include <utility>

namespace hpc::datastructures {

namespace {

// Moves items[i] down until neither child comes before it; returns the swaps made.
template <class T, class Cmp>
std::size_t sift_down(std::vector<T>& items, std::size_t i, const Cmp& cmp) {
  std::size_t swaps = 0;
  const std::size_t n = items.size();
  while (true) {
    const std::size_t left = 2 * i + 1;
    if (left >= n) break;
    std::size_t first = left;
    if (left + 1 < n && cmp(items[left + 1], items[left])) first = left + 1;
    if (!cmp(items[first], items[i])) break;
    std::swap(items[first], items[i]);
    ++swaps;
    i = first;
  }
  return swaps;
}

}  // namespace

template <class T, class Cmp>
BinaryHeap<T, Cmp>::BinaryHeap() = default;

// Bottom-up heapify: sift down every internal node, last first. Most nodes sit near the leaves and move
// little, so the total work (and the swap count) is below N.
template <class T, class Cmp>
BinaryHeap<T, Cmp>::BinaryHeap(std::vector<T> items) : items_(std::move(items)) {
  for (std::size_t i = items_.size() / 2; i-- > 0;) swaps_ += sift_down(items_, i, cmp_);
}

template <class T, class Cmp>
void BinaryHeap<T, Cmp>::push(T value) {
  items_.push_back(std::move(value));
  std::size_t i = items_.size() - 1;
  while (i > 0) {
    const std::size_t parent = (i - 1) / 2;
    if (!cmp_(items_[i], items_[parent])) break;
    std::swap(items_[i], items_[parent]);
    ++swaps_;
    i = parent;
  }
}

template <class T, class Cmp>
T BinaryHeap<T, Cmp>::pop() {
  if (items_.empty()) throw std::out_of_range("BinaryHeap::pop: the heap is empty");
  T result = std::move(items_.front());
  if (items_.size() > 1) {
    items_.front() = std::move(items_.back());
    items_.pop_back();
    swaps_ += sift_down(items_, 0, cmp_);
  } else {
    items_.pop_back();
  }
  return result;
}

template <class T, class Cmp>
const T& BinaryHeap<T, Cmp>::top() const {
  if (items_.empty()) throw std::out_of_range("BinaryHeap::top: the heap is empty");
  return items_.front();
}

template <class T, class Cmp>
std::size_t BinaryHeap<T, Cmp>::size() const {
  return items_.size();
}

template <class T, class Cmp>
bool BinaryHeap<T, Cmp>::empty() const {
  return items_.empty();
}

template <class T, class Cmp>
std::size_t BinaryHeap<T, Cmp>::swaps() const {
  return swaps_;
}

template class BinaryHeap<int>;
template class BinaryHeap<int, std::greater<int>>;
template class BinaryHeap<double>;
template class BinaryHeap<std::pair<int, std::string>>;
template class BinaryHeap<int, CountingLess>;

}  // namespace hpc::datastructures
