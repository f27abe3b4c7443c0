// Reference solution, lab 06 task 1: one mutex, one condition variable per reason to wait.
#include "hpc/threads/bounded_queue.hpp"

#include <stdexcept>
#include <utility>

namespace hpc::threads {

template <class T>
BoundedQueue<T>::BoundedQueue(std::size_t capacity) : capacity_(capacity) {
  if (capacity == 0) throw std::invalid_argument("BoundedQueue: capacity must be at least 1");
}

template <class T>
bool BoundedQueue<T>::push(T item) {
  {
    std::unique_lock lock(mutex_);
    // The predicate form re-checks after every wake-up, spurious or not.
    not_full_.wait(lock, [&] { return closed_ || items_.size() < capacity_; });
    if (closed_) return false;
    items_.push_back(std::move(item));
  }
  // Notify after unlocking, so the woken popper does not wake straight into a held mutex.
  not_empty_.notify_one();
  return true;
}

template <class T>
std::optional<T> BoundedQueue<T>::pop() {
  std::optional<T> item;
  {
    std::unique_lock lock(mutex_);
    // The same wait as push()'s, written as the loop that the predicate form hides. A loop, not an `if`:
    // being woken only means the state changed, and another popper may have taken the item first.
    while (!closed_ && items_.empty()) not_empty_.wait(lock);
    if (items_.empty()) return std::nullopt;  // closed and drained
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
  // Everyone waiting must re-check: pushers now fail, poppers drain what is left and then stop.
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
  std::lock_guard lock(mutex_);
  return items_.size();
}

template <class T>
std::size_t BoundedQueue<T>::capacity() const {
  return capacity_;  // set once in the constructor, never written again: no lock needed
}

template class BoundedQueue<int>;
template class BoundedQueue<std::int64_t>;
template class BoundedQueue<std::string>;

}  // namespace hpc::threads
