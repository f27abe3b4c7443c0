// Speed tests, lab 05 task 6: your TaskGroup against lab 06's single-queue ThreadPool and against
// oneTBB's tbb::task_group, measured in the same run (interleaved pairs, median ratio; DESIGN.md §5).
//
// The workload: 100,000 tiny tasks spawned from inside tasks, the way tbb::parallel_for spreads a loop.
// The first task owns the index range [0, 100000); each task halves its range, hands the upper half to a
// new task and goes on with the lower half, until one index is left, for which it writes one number. So
// every task spawns a few (fewer the deeper it is) and does almost nothing else: the numbers measure the
// scheduler itself (how a task is stored, handed to another thread and counted as finished). Each side is
// made once, before the timing, and reused: lab 06's ThreadPool with one worker per core (with a counter
// for "wait for everything", which it lacks; the test's thread sleeps meanwhile), your TaskGroup with one
// worker fewer than cores (the test's thread, helping in wait(), is the last), and tbb::task_group in
// oneTBB's default arena (one thread per core, the waiting thread being one of them).
// Tasks that spawn tasks are what work stealing is for: with one queue, every thread takes its lock for
// every task, with a deque per worker each mostly uses its own. On two cores that is not yet a big
// difference (the reference with one global queue measured about as fast), so the deque discipline is
// checked by TaskGroup.OwnerNewestFirstThiefOldest, not here.
//
// Bars, at most 75% of what the reference reached (DESIGN.md §5; LAB.md has the measurements):
//   TaskGroupSpeed.BeatsSingleQueuePool  >= 3x    lab 06's ThreadPool (reference 12-29x)  graded, 3
//   TaskGroupSpeed.QuarterOfOneTbb       >= 0.25x tbb::task_group (reference ~0.64x)       graded, 2
//   TaskGroupSpeed.NearHalfOfOneTbb      >= 0.45x tbb::task_group                          bonus, 2
// A tier with every task run() by the test's thread (1.0x oneTBB; reference median 1.4x) was dropped: the
// reference measured 0.71x twice in a row with two free cores in a CI run (it ranged 0.66-2.7x), too wide
// a spread to grade honestly.
// The issue behind this lab asked the reference for 0.5x oneTBB; it reaches about 0.64x here, and 75% of
// that is the 0.45x of the first bonus tier.
// A scheduler needs both cores to show what it does. When a bar is missed, the test times a two-thread
// computation of its own; if that is not 1.7x one thread, the machine is busy and the test is skipped
// with your measured ratio instead of failing. Then it measures your group once more, and a bar still
// missed is graded only if the machine still gives two cores afterwards (expect_two_core_speedup).
#include <tbb/task_group.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <iomanip>
#include <iostream>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/parallel/task_group.hpp"
#include "hpc/threads/thread_pool.hpp"
#include "support.hpp"

namespace {

constexpr std::int64_t kTasks = 100'000;

// The tiny task: one write of a number that depends on the task, checked afterwards.
inline void tiny(std::vector<std::int64_t>& out, std::int64_t i) {
  out[static_cast<std::size_t>(i)] = 2 * i + 1;
}

void check(const std::vector<std::int64_t>& out, const char* who) {
  std::int64_t wrong = 0;
  for (std::int64_t i = 0; i < kTasks; ++i) wrong += out[static_cast<std::size_t>(i)] != 2 * i + 1;
  ASSERT_EQ(wrong, 0) << who << ": " << wrong << " of " << kTasks << " tasks did not run (or ran late)";
}

// Splits [begin, end) in halves, each half a task of its own, down to one index per task: 100,000
// tiny leaf tasks (and as many splitting ones), spawned from inside tasks as tbb::parallel_for does.
template <class Scheduler>
void split(Scheduler& scheduler, std::vector<std::int64_t>& out, std::int64_t begin, std::int64_t end) {
  while (end - begin > 1) {
    const std::int64_t middle = begin + (end - begin) / 2;
    scheduler.run([&scheduler, &out, middle, end] { split(scheduler, out, middle, end); });
    end = middle;
  }
  tiny(out, begin);
}

// The workload on one scheduler: fresh output, every task run, every result checked.
template <class Scheduler>
void workload(Scheduler& scheduler, std::vector<std::int64_t>& out, const char* name) {
  out.assign(kTasks, 0);
  scheduler.run([&] { split(scheduler, out, 0, kTasks); });
  scheduler.wait();
  check(out, name);
}

// One worker fewer than cores: the thread in wait() is the last one, as in oneTBB's default arena, so
// both sides use as many threads as there are cores (with one more, a feeding thread that loses its core
// stalls everyone).
struct YourGroup {
  hpc::parallel::TaskGroup group{std::max(1u, hpc::common::available_cores() - 1)};
  void run(std::function<void()> f) { group.run(std::move(f)); }
  void wait() { group.wait(); }
};

struct OneTbb {
  tbb::task_group group;
  template <class F>
  void run(F f) {
    group.run(std::move(f));
  }
  void wait() { group.wait(); }
};

// Lab 06's pool has no "wait for everything", and its tasks may submit tasks: a count of unfinished
// tasks and a condition variable stand in for it. The futures submit() returns are dropped (a
// packaged_task's future never blocks in its destructor).
struct SingleQueuePool {
  hpc::threads::ThreadPool pool{hpc::common::available_cores()};
  std::atomic<std::int64_t> pending{0};
  std::mutex mutex;
  std::condition_variable finished;
  void run(std::function<void()> f) {
    pending.fetch_add(1);
    pool.submit([this, f = std::move(f)] {
      f();
      if (pending.fetch_sub(1) == 1) {
        std::lock_guard lock(mutex);
        finished.notify_all();
      }
    });
  }
  void wait() {
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return pending.load() == 0; });
  }
};

struct Bar {
  enum Baseline { pool, tbb } baseline;
  double ratio;
};

// Measures your group against the bar's baseline, with the busy-machine skip described at the top.
void grade(const Bar& bar) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  hpc::common::within_time_limit(110, [&] {
    // Both sides are made before the timing, so no thread is started inside it.
    SingleQueuePool pool;
    OneTbb tbb;
    YourGroup yours;
    std::vector<std::int64_t> out_baseline, out_yours;
    const std::string baseline_name =
        bar.baseline == Bar::pool ? "lab 06 ThreadPool (one locked queue)" : "tbb::task_group";
    auto run_baseline = [&] {
      if (bar.baseline == Bar::pool) {
        workload(pool, out_baseline, "lab 06 ThreadPool");
      } else {
        workload(tbb, out_baseline, "tbb::task_group");
      }
    };
    auto measure = [&] {
      return hpc::common::compare_speed(baseline_name, run_baseline, "your TaskGroup",
                                        [&] { workload(yours, out_yours, "your TaskGroup"); },
                                        {.pairs = 9, .warmup = 2});
    };
    // A missed bar is graded only when the machine gives two cores before and after the re-measurement
    // (the same rule as the other two-core speed tests of this lab, in support.cpp).
    hpc::parallel::testing::expect_two_core_speedup(measure, bar.ratio);
  });
}

GRADED_TEST(TaskGroupSpeed, BeatsSingleQueuePool, 3) { grade({Bar::pool, 3.0}); }

GRADED_TEST(TaskGroupSpeed, QuarterOfOneTbb, 2) { grade({Bar::tbb, 0.25}); }

BONUS_TEST(TaskGroupSpeed, NearHalfOfOneTbb, 2) { grade({Bar::tbb, 0.45}); }

HPC_TIME_LIMIT(TaskGroupSpeed, BeatsSingleQueuePool, 120);
HPC_TIME_LIMIT(TaskGroupSpeed, QuarterOfOneTbb, 120);
HPC_TIME_LIMIT(TaskGroupSpeed, NearHalfOfOneTbb, 120);

}  // namespace
