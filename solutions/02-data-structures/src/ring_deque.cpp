// Reference solution, lab 02 task 1: a circular buffer that doubles when full.
#include "hpc/datastructures/ring_deque.hpp"

#include <stdexcept>
#include <string>
#include <utility>

namespace hpc::datastructures {

namespace {

[[noreturn]] void throw_empty(const char* operation) {
  throw std::out_of_range(std::string("RingDeque::") + operation + ": pop from an empty deque");
}

// Physical slot of logical position i, for i < 2 * capacity: one compare instead of a division.
std::size_t wrap(std::size_t i, std::size_t capacity) { return i < capacity ? i : i - capacity; }

// Copies the size elements, in logical order, to the front of a buffer twice as large (8 slots the
// first time) and returns how many elements it moved.
std::size_t grow(std::vector<int>& slots, std::size_t& head, std::size_t size) {
  std::vector<int> bigger(slots.empty() ? 8 : 2 * slots.size());
  for (std::size_t i = 0; i < size; ++i) bigger[i] = slots[wrap(head + i, slots.size())];
  slots = std::move(bigger);
  head = 0;
  return size;
}

}  // namespace

RingDeque::RingDeque() = default;

void RingDeque::push_back(int value) {
  if (size_ == slots_.size()) moves_ += grow(slots_, head_, size_);
  slots_[wrap(head_ + size_, slots_.size())] = value;
  ++size_;
}

void RingDeque::push_front(int value) {
  if (size_ == slots_.size()) moves_ += grow(slots_, head_, size_);
  head_ = head_ == 0 ? slots_.size() - 1 : head_ - 1;
  slots_[head_] = value;
  ++size_;
}

int RingDeque::pop_back() {
  if (size_ == 0) throw_empty("pop_back");
  --size_;
  return slots_[wrap(head_ + size_, slots_.size())];
}

int RingDeque::pop_front() {
  if (size_ == 0) throw_empty("pop_front");
  const int value = slots_[head_];
  head_ = wrap(head_ + 1, slots_.size());
  --size_;
  return value;
}

int& RingDeque::operator[](std::size_t i) { return const_cast<int&>(std::as_const(*this)[i]); }

const int& RingDeque::operator[](std::size_t i) const {
  if (i >= size_) {
    throw std::out_of_range("RingDeque index " + std::to_string(i) + " out of range for size " +
                            std::to_string(size_));
  }
  return slots_[wrap(head_ + i, slots_.size())];
}

std::size_t RingDeque::size() const { return size_; }

bool RingDeque::empty() const { return size_ == 0; }

std::size_t RingDeque::capacity() const { return slots_.size(); }

std::size_t RingDeque::element_moves() const { return moves_; }

}  // namespace hpc::datastructures
