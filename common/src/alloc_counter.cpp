// Replaces the program's global operator new and delete. The counters move only while an
// AllocationScope is active, so the rest of the program (GoogleTest itself included) pays one
// relaxed atomic load per allocation.
#include "hpc/common/alloc_counter.hpp"

#include <atomic>
#include <cstdlib>
#include <new>
#include <stdexcept>

namespace {

std::atomic<bool> counting{false};
std::atomic<std::size_t> counted_bytes{0};
std::atomic<std::size_t> counted_calls{0};

void* counted_allocation(std::size_t size) {
  if (counting.load(std::memory_order_relaxed)) {
    counted_bytes.fetch_add(size, std::memory_order_relaxed);
    counted_calls.fetch_add(1, std::memory_order_relaxed);
  }
  return std::malloc(size == 0 ? 1 : size);
}

}  // namespace

namespace hpc::common {

AllocationScope::AllocationScope() {
  if (counting.exchange(true)) throw std::logic_error("AllocationScope: scopes do not nest");
  counted_bytes = 0;
  counted_calls = 0;
}

AllocationScope::~AllocationScope() {
  if (active_) stop();
}

AllocationStats AllocationScope::stop() {
  if (active_) {
    counting = false;
    active_ = false;
  }
  return {counted_bytes.load(), counted_calls.load()};
}

}  // namespace hpc::common

void* operator new(std::size_t size) {
  if (void* p = counted_allocation(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = counted_allocation(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_allocation(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_allocation(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
