// A bounded single-producer/single-consumer ring of 64-bit items, without locks: one thread pushes, one
// other thread pops, and the two meet only through atomics with acquire/release ordering.
// Lab task 9 (labs/11-deadlock-starvation-races/src/spsc_ring.cpp), an open-design task: this header
// fixes only the behaviour. The data members are yours to choose in `struct SpscRing::Impl`, defined in
// your .cpp file (where the slots live, how the positions are counted, what sits on which cache line,
// whether each side keeps a copy of the other's position).
//
// The contract: at any moment at most one thread calls try_push (the producer) and at most one other
// thread calls try_pop (the consumer); they may be different threads at different times only if
// something else orders the hand-over (a join, a latch). Items come out exactly once, in the order they
// went in. Neither call ever blocks or allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

namespace hpc::races {

class SpscRing {
 public:
  // A ring that holds at least `capacity` items (you may round up, e.g. to a power of two; capacity()
  // says what you chose). Throws std::invalid_argument for capacity 0 or a size too large to allocate.
  explicit SpscRing(std::size_t capacity);
  ~SpscRing();
  SpscRing(const SpscRing&) = delete;
  SpscRing& operator=(const SpscRing&) = delete;

  // Producer only. Appends `item` and returns true, or returns false (changing nothing) when the ring
  // holds capacity() items.
  bool try_push(std::uint64_t item);

  // Consumer only. Moves the oldest item into `item` and returns true, or returns false (leaving `item`
  // alone) when the ring is empty.
  bool try_pop(std::uint64_t& item);

  // How many items fit: at least what the constructor was asked for. Never changes.
  std::size_t capacity() const;

 private:
  struct Impl;  // your layout, in spsc_ring.cpp
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::races
