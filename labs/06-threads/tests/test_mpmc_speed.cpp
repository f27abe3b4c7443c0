// Bonus tests, lab 06 task 6 (the stretch task): your MpmcQueue against a mutex queue and against
// oneTBB's tbb::concurrent_bounded_queue, measured in the same run, in tiers.
//
// One measurement moves 2 x 100,000 items: once with 1 producer and 1 consumer, once with 2 producers
// and 2 consumers (four threads on two cores, so a queue whose waiting burns a core that the other side
// needs pays for it). Every side uses its blocking push and pop, and the sum of the popped items is
// checked, so nothing can be skipped. Tiers (bonus points, shown apart from the base score):
//   MpmcSpeed.MatchesOneTbb     >= 1.0x tbb::concurrent_bounded_queue                             1 point
//   MpmcSpeed.BeatsMutexQueue   >= 1.5x the mutex + condition variable queue of task 1's design  1 point
//   MpmcSpeed.BeatsOneTbb       >= 5.0x tbb::concurrent_bounded_queue and >= 1.5x the mutex queue 2 points
// What they are set from, measured on the course's 2-core machine while other builds ran (load 10-15),
// medians of 15 interleaved pairs: the reference (a Vyukov ring) reached 9.5-11.4x oneTBB and 2.8-2.9x
// the mutex queue; a mutex queue itself reached 3.6-4.3x oneTBB. oneTBB's bounded queue sleeps in the
// kernel when it has to wait, and with four threads on two cores it has to wait often: its blocking calls
// are what a user of the library would write, and what it is measured with here.
// On two cores these tiers reward good waiting more than lock-freedom: a mutex + std::deque queue whose
// push/pop spin and yield measured 11x oneTBB and 2.2-2.9x the condition-variable queue in one run.
// Lock-freedom itself is graded by MpmcQueue.TryCallsNeverWaitForAStoppedThread (test_mpmc_progress.cpp).
// On a machine whose two cores are not both free, no queue can show what it does: when a tier is missed,
// the test first times a two-thread computation of its own, and if that is not 1.7x one thread, it skips
// with the ratio it measured instead of failing.
#include <tbb/concurrent_queue.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/mpmc_queue.hpp"

namespace {

using hpc::threads::MpmcQueue;

constexpr std::size_t kCapacity = 256;
constexpr std::int64_t kItems = 100'000;

// The baseline of the first tier: one mutex and two condition variables, the design of task 1, written
// here so that the bar does not move with your BoundedQueue.
class LockedQueue {
 public:
  explicit LockedQueue(std::size_t capacity) : capacity_(capacity) {}
  void push(std::int64_t item) {
    {
      std::unique_lock lock(mutex_);
      not_full_.wait(lock, [&] { return items_.size() < capacity_; });
      items_.push_back(item);
    }
    not_empty_.notify_one();
  }
  std::int64_t pop() {
    std::int64_t item;
    {
      std::unique_lock lock(mutex_);
      not_empty_.wait(lock, [&] { return !items_.empty(); });
      item = items_.front();
      items_.pop_front();
    }
    not_full_.notify_one();
    return item;
  }

 private:
  std::size_t capacity_;
  std::mutex mutex_;
  std::condition_variable not_full_;
  std::condition_variable not_empty_;
  std::deque<std::int64_t> items_;
};

class TbbQueue {
 public:
  explicit TbbQueue(std::size_t capacity) { queue_.set_capacity(static_cast<std::ptrdiff_t>(capacity)); }
  void push(std::int64_t item) { queue_.push(item); }
  std::int64_t pop() {
    std::int64_t item = 0;
    queue_.pop(item);
    return item;
  }

 private:
  tbb::concurrent_bounded_queue<std::int64_t> queue_;
};

// Moves items 1..kItems through a fresh queue with the given numbers of producers and consumers, and
// checks that their sum came out.
template <class Queue>
void move_items(int producers, int consumers) {
  Queue queue(kCapacity);
  std::vector<std::int64_t> sums(static_cast<std::size_t>(consumers), 0);
  {
    std::vector<std::jthread> threads;
    for (int c = 0; c < consumers; ++c) {
      threads.emplace_back([&, c] {
        std::int64_t sum = 0;
        for (std::int64_t i = 0; i < kItems / consumers; ++i) sum += queue.pop();
        sums[static_cast<std::size_t>(c)] = sum;
      });
    }
    for (int p = 0; p < producers; ++p) {
      threads.emplace_back([&, p] {
        for (std::int64_t i = 1 + p; i <= kItems; i += producers) queue.push(i);
      });
    }
  }
  std::int64_t sum = 0;
  for (const std::int64_t s : sums) sum += s;
  ASSERT_EQ(sum, kItems * (kItems + 1) / 2) << "items were lost or doubled on the way";
}

template <class Queue>
void workload() {
  move_items<Queue>(1, 1);
  move_items<Queue>(2, 2);
}

// One bar of a tier: your queue against a baseline.
struct Bar {
  std::string baseline_name;
  void (*baseline)();
  double ratio;
};

// Grades one tier: your queue against each bar's baseline, with the busy-machine skip described at the
// top (hpc::common::expect_two_core_speedups: the machine is checked only when a bar is missed, and then
// every missed bar is measured again before it is graded).
void grade_tier(const std::vector<Bar>& bars) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  hpc::common::within_time_limit(110, [&] {
    auto measure = [&](std::size_t i) {
      return hpc::common::compare_speed(bars[i].baseline_name, bars[i].baseline, "your MpmcQueue",
                                        workload<MpmcQueue>, {.pairs = 7, .warmup = 1});
    };
    std::vector<double> ratios;
    for (const Bar& bar : bars) ratios.push_back(bar.ratio);
    hpc::common::expect_two_core_speedups(measure, ratios, {.subject = "your queue"});
  });
}

const Bar kOneTbb{"tbb::concurrent_bounded_queue", workload<TbbQueue>, 1.0};
const Bar kMutexQueue{"mutex + condition variables queue", workload<LockedQueue>, 1.5};
const Bar kFiveTimesOneTbb{"tbb::concurrent_bounded_queue", workload<TbbQueue>, 5.0};

BONUS_TEST(MpmcSpeed, MatchesOneTbb, 1) { grade_tier({kOneTbb}); }

BONUS_TEST(MpmcSpeed, BeatsMutexQueue, 1) { grade_tier({kMutexQueue}); }

// The top tier needs both: oneTBB's queue collapses when the machine is overloaded (one run took 18 s
// where it usually takes 0.2 s), and then even a mutex queue that yields in a loop beat it 7.9x; the
// second bar keeps oneTBB's collapse alone from earning the tier.
BONUS_TEST(MpmcSpeed, BeatsOneTbb, 2) { grade_tier({kFiveTimesOneTbb, kMutexQueue}); }

HPC_TIME_LIMIT(MpmcSpeed, MatchesOneTbb, 120);
HPC_TIME_LIMIT(MpmcSpeed, BeatsMutexQueue, 120);
HPC_TIME_LIMIT(MpmcSpeed, BeatsOneTbb, 120);

}  // namespace
