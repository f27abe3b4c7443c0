// Reference solution, lab 11 task 9: a single-producer/single-consumer ring with acquire/release
// ordering, each side's position on its own cache line, and each side's cached copy of the other's.
#include "hpc/races/spsc_ring.hpp"

#include <atomic>
#include <bit>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

namespace hpc::races {

namespace {

// 64 bytes on x86-64 and most ARM cores. (std::hardware_destructive_interference_size would say the
// same, but g++ warns that its value may differ between compiler flags, which is no help across TUs.)
constexpr std::size_t kCacheLine = 64;

}  // namespace

// Positions count items ever pushed (tail) and ever popped (head); they never wrap in practice (2^64
// items), so tail - head is the fill level and `position & mask` the slot. A power-of-two slot count
// turns the modulo into a mask.
//
// Each side owns one cache line: the producer writes tail_ and its cache of head, the consumer writes
// head_ and its cache of tail. Without the padding both positions share a line, and every push and
// every pop moves that line between the two cores. The caches let a side read the other's position
// (a cache miss on the other core's line) only when the ring looks full (producer) or empty (consumer).
struct SpscRing::Impl {
  explicit Impl(std::size_t slot_count) : mask(slot_count - 1), slots(slot_count) {}

  const std::size_t mask;
  std::vector<std::uint64_t> slots;  // written by the producer, read by the consumer, never both at once

  alignas(kCacheLine) std::atomic<std::size_t> tail{0};  // producer: next position to write
  std::size_t head_seen_by_producer = 0;                 // producer's last look at head
  alignas(kCacheLine) std::atomic<std::size_t> head{0};  // consumer: next position to read
  std::size_t tail_seen_by_consumer = 0;                 // consumer's last look at tail
};

SpscRing::SpscRing(std::size_t capacity) {
  if (capacity == 0) throw std::invalid_argument("SpscRing: capacity must be at least 1");
  if (capacity > (std::numeric_limits<std::size_t>::max() >> 2) / sizeof(std::uint64_t))
    throw std::invalid_argument("SpscRing: capacity " + std::to_string(capacity) + " is too large");
  impl_ = std::make_unique<Impl>(std::bit_ceil(capacity));
}

SpscRing::~SpscRing() = default;

bool SpscRing::try_push(std::uint64_t item) {
  Impl& ring = *impl_;
  // Only this thread writes tail, so it reads its own last value without ordering.
  const std::size_t tail = ring.tail.load(std::memory_order_relaxed);
  if (tail - ring.head_seen_by_producer == ring.slots.size()) {
    // Looks full: look again. Acquire pairs with the consumer's release of head, so its read of the
    // slot we are about to overwrite has finished before our write below.
    ring.head_seen_by_producer = ring.head.load(std::memory_order_acquire);
    if (tail - ring.head_seen_by_producer == ring.slots.size()) return false;
  }
  ring.slots[tail & ring.mask] = item;
  // Release publishes the slot: a consumer that sees the new tail also sees the item written above.
  ring.tail.store(tail + 1, std::memory_order_release);
  return true;
}

bool SpscRing::try_pop(std::uint64_t& item) {
  Impl& ring = *impl_;
  const std::size_t head = ring.head.load(std::memory_order_relaxed);
  if (head == ring.tail_seen_by_consumer) {
    // Looks empty: look again. Acquire pairs with the producer's release of tail (the item is there).
    ring.tail_seen_by_consumer = ring.tail.load(std::memory_order_acquire);
    if (head == ring.tail_seen_by_consumer) return false;
  }
  item = ring.slots[head & ring.mask];
  // Release hands the slot back: the producer that sees this head may overwrite it, after our read.
  ring.head.store(head + 1, std::memory_order_release);
  return true;
}

std::size_t SpscRing::capacity() const { return impl_->slots.size(); }

}  // namespace hpc::races
