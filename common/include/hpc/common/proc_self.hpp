// What Linux says about the calling process, for tests that check "no thread was started" or "every
// thread is gone again" (chapters 07 and 10): /proc/self/task has one entry per thread.
#pragma once

#include <filesystem>

namespace hpc::common {

// The number of threads the process has right now.
inline int thread_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

}  // namespace hpc::common
