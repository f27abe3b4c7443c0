// KNOWN BROKEN, on purpose (chapters/06-threads/CMakeLists.txt, variant racy_queue, tsan builds only).
// The reference BoundedQueue except for size(), which reads the deque without taking the lock: "it is
// only a read, and only a number". While another thread pushes, that read races with the write of the
// deque's end pointer: undefined behaviour, whatever value comes out. ThreadSanitizer must report it in
// BoundedQueue.SizeNeverExceedsCapacity.
#include <stdexcept>
#include <utility>

#include "hpc/threads/bounded_queue.hpp"

namespace hpc::threads {

template <class T>
BoundedQueue<T>::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("BoundedQueue: capacity must be at least 1");
}

template <class T>
bool BoundedQueue<T>::push(T item) {
  {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
  }
  not_empty_.notify_one();
  return true;
}

template <class T>
std::optional<T> BoundedQueue<T>::pop() {
  std::optional<T> item;
  {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    item.emplace(std::move(items_.front()));
    items_.pop_front();
  }
  not_full_.notify_one();
  return item;
}

template <class T>
void BoundedQueue<T>::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  not_full_.notify_all();
  not_empty_.notify_all();
}

template <class T>
bool BoundedQueue<T>::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

template <class T>
std::size_t BoundedQueue<T>::size() const {
  return items_.size();  // BUG: no lock, a data race with push() and pop()
}

template <class T>
std::size_t BoundedQueue<T>::capacity() const {
  return capacity_;
}

template class BoundedQueue<int>;
template class BoundedQueue<std::int64_t>;
template class BoundedQueue<std::string>;

}  // namespace hpc::threads
