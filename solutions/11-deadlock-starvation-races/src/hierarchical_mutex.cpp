// Reference solution, lab 11 task 2: a mutex that enforces a lock hierarchy per thread.
#include "hpc/races/hierarchical_mutex.hpp"

#include <string>

namespace hpc::races {

thread_local unsigned HierarchicalMutex::this_thread_level_ = HierarchicalMutex::no_level;

namespace {

std::string describe(unsigned level) {
  return level == HierarchicalMutex::no_level ? std::string("none") : std::to_string(level);
}

}  // namespace

HierarchicalMutex::HierarchicalMutex(unsigned level) : level_(level) {}

void HierarchicalMutex::lock() {
  if (level_ >= this_thread_level_) {
    throw HierarchyViolation("hierarchy violation: cannot lock level " + std::to_string(level_) +
                             " while holding level " + describe(this_thread_level_) +
                             " (lock levels must strictly decrease)");
  }
  mutex_.lock();
  // Only the owner reaches these lines, so previous_level_ needs no other protection than mutex_.
  previous_level_ = this_thread_level_;
  this_thread_level_ = level_;
}

void HierarchicalMutex::unlock() {
  this_thread_level_ = previous_level_;
  mutex_.unlock();
}

bool HierarchicalMutex::try_lock() {
  if (level_ >= this_thread_level_) {
    throw HierarchyViolation("hierarchy violation: cannot try_lock level " + std::to_string(level_) +
                             " while holding level " + describe(this_thread_level_));
  }
  if (!mutex_.try_lock()) return false;
  previous_level_ = this_thread_level_;
  this_thread_level_ = level_;
  return true;
}

unsigned HierarchicalMutex::this_thread_level() { return this_thread_level_; }

}  // namespace hpc::races
