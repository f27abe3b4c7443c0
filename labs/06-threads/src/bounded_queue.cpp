// Lab 06, task 1 (see labs/06-threads/LAB.md). Replace each body; keep the signatures and the explicit
// instantiations at the end (the tests and the pipeline link against exactly those).
#include "hpc/threads/bounded_queue.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::threads {

template <class T>
BoundedQueue<T>::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  hpc::common::not_implemented();
}

template <class T>
bool BoundedQueue<T>::push([[maybe_unused]] T item) {
  hpc::common::not_implemented();
}

template <class T>
std::optional<T> BoundedQueue<T>::pop() {
  hpc::common::not_implemented();
}

template <class T>
void BoundedQueue<T>::close() {
  hpc::common::not_implemented();
}

template <class T>
bool BoundedQueue<T>::closed() const {
  hpc::common::not_implemented();
}

template <class T>
std::size_t BoundedQueue<T>::size() const {
  hpc::common::not_implemented();
}

template <class T>
std::size_t BoundedQueue<T>::capacity() const {
  hpc::common::not_implemented();
}

template class BoundedQueue<int>;
template class BoundedQueue<std::int64_t>;
template class BoundedQueue<std::string>;

}  // namespace hpc::threads
