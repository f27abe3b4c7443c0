// A blocking priority queue: pop() waits for work and hands out the most urgent item first, with the same
// close() as BoundedQueue. Note the direction: Python's queue.PriorityQueue hands out the SMALLEST entry
// first; here, as in std::priority_queue, the LARGEST priority wins.
// Lab task 3 (labs/06-threads/src/priority_queue.cpp).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace hpc::threads {

template <class T>
struct Prioritized {
  int priority = 0;  // larger is more urgent
  T value{};
  bool operator==(const Prioritized&) const = default;
};

template <class T>
class BlockingPriorityQueue {
 public:
  BlockingPriorityQueue() = default;
  BlockingPriorityQueue(const BlockingPriorityQueue&) = delete;
  BlockingPriorityQueue& operator=(const BlockingPriorityQueue&) = delete;

  // Adds an item; never waits (the queue is unbounded). Returns false, dropping the item, once the
  // queue is closed.
  bool push(int priority, T value);

  // Removes the item with the largest priority; among equal priorities, the one pushed first (FIFO).
  // Waits while the queue is empty and open; returns std::nullopt once it is closed and empty.
  std::optional<Prioritized<T>> pop();

  // Refuses later pushes and wakes every waiting pop(); items already in are still handed out.
  void close();

  bool closed() const;
  std::size_t size() const;

 private:
  // One stored item. The sequence number (0, 1, 2, ... in push order) breaks ties so equal priorities
  // come out first-in, first-out: keep items_ a heap (std::push_heap / std::pop_heap) with a comparison
  // that looks at the priority first and the sequence second.
  struct Entry {
    int priority;
    std::uint64_t sequence;
    T value;
  };
  mutable std::mutex mutex_;  // guards everything below
  std::condition_variable not_empty_;
  std::vector<Entry> items_;
  std::uint64_t next_sequence_ = 0;
  bool closed_ = false;
};

extern template class BlockingPriorityQueue<int>;
extern template class BlockingPriorityQueue<std::string>;

}  // namespace hpc::threads
