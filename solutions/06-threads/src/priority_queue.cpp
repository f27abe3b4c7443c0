// Reference solution, lab 06 task 3: a binary heap in a vector, guarded by one mutex.
#include "hpc/threads/priority_queue.hpp"

#include <algorithm>
#include <utility>

namespace hpc::threads {

namespace {

// std::push_heap keeps the "largest" element at the front: larger priority wins, and among equal
// priorities the smaller (earlier) sequence number must count as larger.
struct LessUrgent {
  template <class Entry>
  bool operator()(const Entry& a, const Entry& b) const {
    if (a.priority != b.priority) return a.priority < b.priority;
    return a.sequence > b.sequence;
  }
};

}  // namespace

template <class T>
bool BlockingPriorityQueue<T>::push(int priority, T value) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    items_.push_back(Entry{priority, next_sequence_++, std::move(value)});
    std::push_heap(items_.begin(), items_.end(), LessUrgent{});
  }
  not_empty_.notify_one();
  return true;
}

template <class T>
std::optional<Prioritized<T>> BlockingPriorityQueue<T>::pop() {
  std::unique_lock lock(mutex_);
  not_empty_.wait(lock, [&] { return closed_ || !items_.empty(); });
  if (items_.empty()) return std::nullopt;
  std::pop_heap(items_.begin(), items_.end(), LessUrgent{});
  Prioritized<T> top{items_.back().priority, std::move(items_.back().value)};
  items_.pop_back();
  return top;
}

template <class T>
void BlockingPriorityQueue<T>::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  not_empty_.notify_all();
}

template <class T>
bool BlockingPriorityQueue<T>::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

template <class T>
std::size_t BlockingPriorityQueue<T>::size() const {
  std::lock_guard lock(mutex_);
  return items_.size();
}

template class BlockingPriorityQueue<int>;
template class BlockingPriorityQueue<std::string>;

}  // namespace hpc::threads
