// What the chapter's demos share: a way to run a part that deadlocks on purpose without hanging the
// demo (a forked child under the course's watchdog), a counter that the child can fill in and the
// parent can still read afterwards, and a one-line description of how the child ended.
#pragma once

#include <sys/mman.h>

#include <atomic>
#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>

#include "hpc/common/demo.hpp"
#include "hpc/common/watchdog.hpp"

namespace hpc::races::demo {

// "finished in 0.12 s", "deadlocked: timed out after 2 s", "crashed with SIGSEGV (...)".
inline std::string describe(const hpc::common::WatchdogResult& result) {
  using hpc::common::ChildOutcome;
  switch (result.outcome) {
    case ChildOutcome::passed:
      return "finished in " + hpc::common::demo::fixed(result.seconds, 2) + " s";
    case ChildOutcome::timed_out: {
      std::string message = result.message;  // "timed out after 2 s (deadlock?)"
      if (const auto note = message.find(" (deadlock?)"); note != std::string::npos) message.erase(note);
      return "deadlocked: " + message;
    }
    case ChildOutcome::crashed:
    case ChildOutcome::failed:
    case ChildOutcome::skipped:
      break;
  }
  return result.message;
}

// Counters in memory shared with a forked child: the child's threads count what they did, and the
// parent reads the counts even when it had to kill the child because it hung. Lock-free atomics work
// across processes on Linux.
template <std::size_t N>
class SharedCounters {
 public:
  SharedCounters() {
    void* memory = ::mmap(nullptr, sizeof(Block), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::runtime_error("mmap failed");
    block_ = new (memory) Block{};
  }
  ~SharedCounters() { ::munmap(block_, sizeof(Block)); }
  SharedCounters(const SharedCounters&) = delete;
  SharedCounters& operator=(const SharedCounters&) = delete;

  std::atomic<long>& operator[](std::size_t i) { return block_->counts[i]; }
  void reset() {
    for (auto& count : block_->counts) count.store(0);
  }

 private:
  static_assert(std::atomic<long>::is_always_lock_free);
  struct Block {
    std::atomic<long> counts[N];
  };
  Block* block_;
};

}  // namespace hpc::races::demo
