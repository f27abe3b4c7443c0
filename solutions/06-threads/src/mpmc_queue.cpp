// Reference solution, lab 06 task 6: a ring of cells, each with its own sequence number (the design
// Dmitry Vyukov published for bounded MPMC queues). A producer claims a place by advancing `tail` with a
// compare-and-swap, writes the value, and only then publishes the cell by storing the next sequence
// number with release ordering; a consumer acquires that number before it reads the value. Producers
// and consumers touch different counters, and no thread ever waits for a lock.
#include "hpc/threads/mpmc_queue.hpp"

#include <atomic>
#include <bit>
#include <new>
#include <stdexcept>
#include <thread>

namespace hpc::threads {

namespace {

// One cache line per counter, so producers bumping `tail` do not evict the consumers' `head`.
constexpr std::size_t kLine = 64;

void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();  // tells the core we are spinning: saves power, frees the sibling hyperthread
#endif
}

}  // namespace

struct MpmcQueue::Impl {
  // Cell i is free for the push at position p (p % size == i) when sequence == 2p, and holds that push's
  // value for the pop at position p when sequence == 2p + 1. A pop hands the cell to the push one lap
  // later by storing 2(p + size). (Counting in steps of two keeps "full, for the pop at p" and "free, for
  // the push at p + size" apart even when size is 1; with steps of one they would be the same number.)
  struct alignas(kLine) Cell {
    std::atomic<std::uint64_t> sequence;
    std::int64_t value;
  };

  explicit Impl(std::size_t size) : mask(size - 1), cells(new Cell[size]) {
    for (std::size_t i = 0; i < size; ++i) cells[i].sequence.store(2 * i, std::memory_order_relaxed);
  }

  const std::uint64_t mask;  // size - 1: the size is a power of two, so position & mask is the cell
  const std::unique_ptr<Cell[]> cells;
  alignas(kLine) std::atomic<std::uint64_t> tail{0};  // the next position to push to
  alignas(kLine) std::atomic<std::uint64_t> head{0};  // the next position to pop from
};

MpmcQueue::MpmcQueue(std::size_t capacity) {
  if (capacity == 0) throw std::invalid_argument("MpmcQueue: capacity must be at least 1");
  impl_ = std::make_unique<Impl>(std::bit_ceil(capacity));
}

MpmcQueue::~MpmcQueue() = default;

bool MpmcQueue::try_push(std::int64_t item) {
  Impl& q = *impl_;
  std::uint64_t position = q.tail.load(std::memory_order_relaxed);
  for (;;) {
    Impl::Cell& cell = q.cells[position & q.mask];
    const std::uint64_t sequence = cell.sequence.load(std::memory_order_acquire);
    const auto lag = static_cast<std::int64_t>(sequence - 2 * position);
    if (lag == 0) {
      // The cell is free for this position: claim the position. On failure `position` is reloaded.
      if (q.tail.compare_exchange_weak(position, position + 1, std::memory_order_relaxed)) {
        cell.value = item;
        cell.sequence.store(2 * position + 1, std::memory_order_release);  // publish the value
        return true;
      }
    } else if (lag < 0) {
      return false;  // the cell still holds the item from one lap ago: the queue is full
    } else {
      position = q.tail.load(std::memory_order_relaxed);  // another producer took this position
    }
  }
}

std::optional<std::int64_t> MpmcQueue::try_pop() {
  Impl& q = *impl_;
  std::uint64_t position = q.head.load(std::memory_order_relaxed);
  for (;;) {
    Impl::Cell& cell = q.cells[position & q.mask];
    const std::uint64_t sequence = cell.sequence.load(std::memory_order_acquire);
    const auto lag = static_cast<std::int64_t>(sequence - (2 * position + 1));
    if (lag == 0) {
      if (q.head.compare_exchange_weak(position, position + 1, std::memory_order_relaxed)) {
        const std::int64_t item = cell.value;
        cell.sequence.store(2 * (position + q.mask + 1), std::memory_order_release);  // free for next lap
        return item;
      }
    } else if (lag < 0) {
      return std::nullopt;  // the push for this position has not published yet: empty
    } else {
      position = q.head.load(std::memory_order_relaxed);
    }
  }
}

// Waiting: spin briefly (the other side is usually a few hundred nanoseconds away), then yield the core,
// because with more threads than cores the thread we wait for may need this very core to run.
void MpmcQueue::push(std::int64_t item) {
  for (int attempt = 0; !try_push(item); ++attempt) {
    if (attempt < 32) {
      cpu_relax();
    } else {
      std::this_thread::yield();
    }
  }
}

std::int64_t MpmcQueue::pop() {
  for (int attempt = 0;; ++attempt) {
    if (const std::optional<std::int64_t> item = try_pop()) return *item;
    if (attempt < 32) {
      cpu_relax();
    } else {
      std::this_thread::yield();
    }
  }
}

std::size_t MpmcQueue::capacity() const { return static_cast<std::size_t>(impl_->mask + 1); }

}  // namespace hpc::threads
