// Lab 06, task 3 (see labs/06-threads/LAB.md). Replace each body; keep the signatures and the explicit
// instantiations at the end.
#include "hpc/threads/priority_queue.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::threads {

template <class T>
bool BlockingPriorityQueue<T>::push([[maybe_unused]] int priority, [[maybe_unused]] T value) {
  hpc::common::not_implemented();
}

template <class T>
std::optional<Prioritized<T>> BlockingPriorityQueue<T>::pop() {
  hpc::common::not_implemented();
}

template <class T>
void BlockingPriorityQueue<T>::close() {
  hpc::common::not_implemented();
}

template <class T>
bool BlockingPriorityQueue<T>::closed() const {
  hpc::common::not_implemented();
}

template <class T>
std::size_t BlockingPriorityQueue<T>::size() const {
  hpc::common::not_implemented();
}

template class BlockingPriorityQueue<int>;
template class BlockingPriorityQueue<std::string>;

}  // namespace hpc::threads
