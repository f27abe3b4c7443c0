// A bounded queue for many producers and many consumers that may be built without any lock: the
// stretch task of lab 06 (labs/06-threads/src/mpmc_queue.cpp, task 6).
//
// Only the public interface is fixed here. How the items are stored, how threads claim a place and how
// they learn that a place is ready is yours to choose: the data lives behind `Impl`, which you define
// in the .cpp file. A mutex and a std::deque earn the base points; the bonus points go to a queue that
// is faster than oneTBB's concurrent_bounded_queue on two cores (see LAB.md, task 6).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace hpc::threads {

class MpmcQueue {
 public:
  // A queue that holds at least `capacity` items. An implementation may round the capacity up (to a
  // power of two, say), but to less than twice the request; capacity() says what it chose.
  // Throws std::invalid_argument when capacity is 0.
  explicit MpmcQueue(std::size_t capacity);
  ~MpmcQueue();

  MpmcQueue(const MpmcQueue&) = delete;
  MpmcQueue& operator=(const MpmcQueue&) = delete;

  // Never wait. try_push returns false, and keeps nothing, when capacity() items are in the queue;
  // try_pop returns std::nullopt when the queue is empty. Items come out in the order their pushes took
  // effect (first in, first out), so one producer's items reach any one consumer in the order pushed.
  bool try_push(std::int64_t item);
  std::optional<std::int64_t> try_pop();

  // Wait while the queue is full (push) or empty (pop), then do the same. How they wait (spin, yield,
  // sleep, std::atomic::wait) is part of your design: the speed tests run more threads than cores.
  void push(std::int64_t item);
  std::int64_t pop();

  std::size_t capacity() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::threads
