// Lab 02, task 5 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures and the
// explicit instantiations at the end (the tests link against exactly those).
#include "hpc/datastructures/binary_heap.hpp"

#include <stdexcept>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

template <class T, class Cmp>
BinaryHeap<T, Cmp>::BinaryHeap() {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
BinaryHeap<T, Cmp>::BinaryHeap([[maybe_unused]] std::vector<T> items) {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
void BinaryHeap<T, Cmp>::push([[maybe_unused]] T value) {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
T BinaryHeap<T, Cmp>::pop() {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
const T& BinaryHeap<T, Cmp>::top() const {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
std::size_t BinaryHeap<T, Cmp>::size() const {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
bool BinaryHeap<T, Cmp>::empty() const {
  hpc::common::not_implemented();
}

template <class T, class Cmp>
std::size_t BinaryHeap<T, Cmp>::swaps() const {
  hpc::common::not_implemented();
}

template class BinaryHeap<int>;
template class BinaryHeap<int, std::greater<int>>;
template class BinaryHeap<double>;
template class BinaryHeap<std::pair<int, std::string>>;
template class BinaryHeap<int, CountingLess>;

}  // namespace hpc::datastructures
