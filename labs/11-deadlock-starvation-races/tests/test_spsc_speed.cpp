// Bonus tests, lab 11 task 9 (the stretch task): your SpscRing against a mutex-protected queue
// (std::deque + std::mutex, written here so the bar does not move), measured in the same run, in tiers.
//
// One measurement moves 2^20 items from one producer thread to one consumer thread through a queue of
// capacity 1024; both sides use the same loop (retry a failed try_push/try_pop, yield every 64th
// failure), and the consumer checks that every item arrives in order. Tiers (bonus points):
//   SpscSpeed.Tier1   >= 1.5x the mutex queue   1 point
//   SpscSpeed.Tier2   >= 2.0x                   1 point
//   SpscSpeed.Tier3   >= 2.25x                  2 points
// (what the reference reached on this machine is stated below and in LAB.md). The
// interesting numbers only exist when the two threads run on two cores at once: when a tier is missed,
// the test first times a two-thread computation of its own, and if that does not reach 1.7x one thread
// (the machine is busy), it skips with the ratio it measured instead of failing.
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/spsc_ring.hpp"

namespace {

using hpc::races::SpscRing;

constexpr std::size_t kCapacity = 1024;
constexpr std::uint64_t kItems = std::uint64_t{1} << 20;

// Measured on the course machine (2 cores, g++ 12, -O2 -g, 2026-11-30) while five other builds kept the
// load average at 12-15: over 24 runs the reference ring (cached positions, one cache line per side)
// reached median ratios from 0.13x to 3.7x, the middle one 2.5x, 16 of 24 at or above 2.25x; every run
// that fell below its bar found the machine busy (two-thread check 0.7-1.3x) and skipped. A seq_cst
// ring without cached positions or padding (it passes every correctness test) reached 0.56x-1.35x in 3
// runs under the same load, 1.4x with both threads pinned to one core. A quiet machine,
// where the two threads really run on two cores and the mutex's cache line travels between them, should only
// widen the gap; the bars are what the reference reached busy, so that the top tier asks for the reference's
// design.
//
// Since the machine is checked again after a re-measurement (skip_reason_if_machine_busy), SpscSpeed.Tier3
// ran 40 times on the reference on 2026-11-30 (13:02-13:23, other builds only, no stress-ng): 20 at load
// 8.4-10.3 gave 17 passes (2.30x-25.4x) and 3 skips (1.01x-1.91x, two-thread check 0.87x-1.24x), 20 at load
// 2.1-13.9 gave 17 passes (2.33x-8.0x) and 3 skips (1.79x-2.25x, check 0.96x-1.25x); no failure. In the
// stress run of 10:45 (stress-ng --cpu 2, 20 runs) the reference's 1.40x was a skip too (check 0.99x).
// Taking turns on one core, the ring still beats the mutex queue (2.3x-3.3x, chapter notes), so a busy
// machine lowers the ratio less than it lowers the two-thread check.
constexpr double kTier1 = 1.5;
constexpr double kTier2 = 2.0;
constexpr double kTier3 = 2.25;

// The baseline: a bounded queue as most code writes it, one mutex around a std::deque.
class MutexQueue {
 public:
  explicit MutexQueue(std::size_t capacity) : capacity_(capacity) {}
  bool try_push(std::uint64_t item) {
    std::lock_guard lock(mutex_);
    if (items_.size() == capacity_) return false;
    items_.push_back(item);
    return true;
  }
  bool try_pop(std::uint64_t& item) {
    std::lock_guard lock(mutex_);
    if (items_.empty()) return false;
    item = items_.front();
    items_.pop_front();
    return true;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::deque<std::uint64_t> items_;
};

void relax(int& failures) {
  if (++failures % 64 == 0) std::this_thread::yield();
}

// Moves items 0..kItems-1 from a producer thread to this thread; fails when one is out of order.
template <class Queue>
void move_items() {
  Queue queue(kCapacity);
  std::jthread producer([&] {
    int failures = 0;
    for (std::uint64_t next = 0; next < kItems;) {
      if (queue.try_push(next)) {
        ++next;
      } else {
        relax(failures);
      }
    }
  });
  int failures = 0;
  std::uint64_t bad = 0;
  for (std::uint64_t expected = 0; expected < kItems;) {
    std::uint64_t item = 0;
    if (queue.try_pop(item)) {
      bad += item != expected;
      ++expected;
    } else {
      relax(failures);
    }
  }
  ASSERT_EQ(bad, 0u) << "items came out lost, repeated or out of order (run SpscRing.StressWithSeeds)";
}

void grade_tier(double bar) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  hpc::common::within_time_limit(90, [&] {
    auto measure = [] {
      return hpc::common::compare_speed("std::deque + std::mutex", move_items<MutexQueue>, "your SpscRing",
                                        move_items<SpscRing>, {.pairs = 9, .warmup = 1});
    };
    hpc::common::expect_two_core_speedup(measure, bar, {.subject = "your ring"});
  });
}

BONUS_TEST(SpscSpeed, Tier1, 1) { grade_tier(kTier1); }
BONUS_TEST(SpscSpeed, Tier2, 1) { grade_tier(kTier2); }
BONUS_TEST(SpscSpeed, Tier3, 2) { grade_tier(kTier3); }

HPC_TIME_LIMIT(SpscSpeed, Tier1, 120);
HPC_TIME_LIMIT(SpscSpeed, Tier2, 120);
HPC_TIME_LIMIT(SpscSpeed, Tier3, 120);

}  // namespace
