// A bounded blocking queue that can be closed: the C++ counterpart of Python's queue.Queue(maxsize)
// plus the ClosableQueue that pipelines use to shut down without sentinels.
// Lab task 1 (labs/06-threads/src/bounded_queue.cpp).
//
// The member functions are defined in the .cpp file, which instantiates the class for exactly the item
// types listed at the end of this header.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace hpc::threads {

template <class T>
class BoundedQueue {
 public:
  // Throws std::invalid_argument when capacity is 0 (such a queue could never take an item).
  explicit BoundedQueue(std::size_t capacity);

  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Adds item at the back, first waiting while the queue is full. Returns true once the item is in.
  // Returns false, and drops the item, when the queue is closed: already closed at the call, or closed
  // while this call was waiting for room. Never throws because of closing.
  bool push(T item);

  // Removes and returns the front item, first waiting while the queue is empty and still open.
  // After close() it still hands out every item that was pushed before; once the queue is both closed
  // and empty it returns std::nullopt at once (and so does every later call).
  std::optional<T> pop();

  // Refuses every later push and wakes every thread waiting in push() or pop(). Calling it again does
  // nothing.
  void close();

  bool closed() const;
  std::size_t size() const;      // items in the queue now
  std::size_t capacity() const;  // as given to the constructor

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;           // guards everything below
  std::condition_variable not_full_;   // waited on by push()
  std::condition_variable not_empty_;  // waited on by pop()
  std::deque<T> items_;
  bool closed_ = false;
};

// The instantiations src/bounded_queue.cpp provides (the tests and the pipeline use these).
extern template class BoundedQueue<int>;
extern template class BoundedQueue<std::int64_t>;
extern template class BoundedQueue<std::string>;

}  // namespace hpc::threads
