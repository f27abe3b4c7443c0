// Counting operator new, for memory tests that must give the same answer on every machine.
// Linking the target hpc::alloc_counter replaces the global operator new/delete of the program; the
// counters only move while a counting scope is active.
#pragma once

#include <cstddef>
#include <utility>

namespace hpc::common {

struct AllocationStats {
  std::size_t bytes = 0;   // bytes requested from operator new
  std::size_t count = 0;   // number of operator new calls
};

// Counts every operator new in the program (all threads) from construction until stop() or
// destruction. Scopes do not nest.
class AllocationScope {
 public:
  AllocationScope();
  ~AllocationScope();
  AllocationScope(const AllocationScope&) = delete;
  AllocationScope& operator=(const AllocationScope&) = delete;

  AllocationStats stop();   // stops counting and returns what was counted
 private:
  bool active_ = true;
};

template <class F>
AllocationStats count_allocations(F&& f) {
  AllocationScope scope;
  std::forward<F>(f)();
  return scope.stop();
}

}  // namespace hpc::common
