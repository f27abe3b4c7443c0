// Graded tests, lab 05 task 6: the work-stealing TaskGroup (open design: only behaviour is judged).
//
// Every test that can block runs under the watchdog, so a lost wake-up, a missing steal or a wait()
// that only sleeps fails as a time-out whose message (the test phase) names the likely mistake. The
// schedules that matter are forced with latches, never left to luck:
//   IdleWorkersSteal     a task blocks its worker until the children it spawned have run elsewhere: only
//                        an idle worker that steals from the busy worker's deque can run them;
//   WaitingThreadHelps   every worker is blocked until a task that only the thread in wait() can reach
//                        has run: a wait() that only sleeps never returns.
// Race-freedom: the concurrency tests also carry race points (RACE_POINTS at the end), graded in a
// ThreadSanitizer build of your code.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <latch>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/parallel/task_group.hpp"

namespace {

using hpc::common::set_test_phase;
using hpc::common::within_time_limit;
using hpc::parallel::TaskGroup;
using namespace std::chrono_literals;

// How often each task ran, one counter per task id, and a summary of what went wrong.
class RunCounts {
 public:
  explicit RunCounts(std::size_t tasks) : counts_(tasks) {}
  void ran(std::size_t id) { counts_[id].fetch_add(1, std::memory_order_relaxed); }

  // "" when every task ran exactly once, else "N never ran (first: id), M ran more than once (first:
  // id, K times)".
  std::string problems() const {
    std::size_t missing = 0, repeated = 0, first_missing = 0, first_repeated = 0;
    int repeat_count = 0;
    for (std::size_t id = 0; id < counts_.size(); ++id) {
      const int c = counts_[id].load(std::memory_order_relaxed);
      if (c == 0 && missing++ == 0) first_missing = id;
      if (c > 1 && repeated++ == 0) {
        first_repeated = id;
        repeat_count = c;
      }
    }
    if (missing == 0 && repeated == 0) return "";
    std::ostringstream text;
    text << "of " << counts_.size() << " tasks, " << missing << " never ran";
    if (missing > 0) text << " (first: task " << first_missing << ")";
    text << " and " << repeated << " ran more than once";
    if (repeated > 0) text << " (first: task " << first_repeated << ", " << repeat_count << " times)";
    return text.str();
  }

 private:
  std::vector<std::atomic<int>> counts_;
};

// The threads of this process now (the entries of /proc/self/task).
int threads_now() {
  std::error_code error;
  int count = 0;
  for (std::filesystem::directory_iterator it("/proc/self/task", error), end; !error && it != end;
       it.increment(error))
    ++count;
  return count;
}

GRADED_TEST(TaskGroup, RejectsZeroWorkers, 1) {
  EXPECT_THROW(TaskGroup(0), std::invalid_argument) << "TaskGroup(0) has nobody to run the tasks";
  within_time_limit(10, [] {
    TaskGroup one(1);  // the smallest legal group works
    std::atomic<int> ran{0};
    one.run([&] { ++ran; });
    one.wait();
    EXPECT_EQ(ran.load(), 1) << "TaskGroup(1): run() then wait() did not run the task";
  });
}

// 100,000 tiny tasks from outside the group, for 1 to 4 workers.
GRADED_TEST(TaskGroup, RunsEveryTaskOnce, 2) {
  within_time_limit(40, [] {
    constexpr std::size_t kTasks = 100'000;
    for (unsigned workers = 1; workers <= 4; ++workers) {
      set_test_phase("run() and wait() of " + std::to_string(kTasks) + " tasks from outside, " +
                     std::to_string(workers) + " worker(s)");
      RunCounts counts(kTasks);
      TaskGroup group(workers);
      for (std::size_t id = 0; id < kTasks; ++id) group.run([&counts, id] { counts.ran(id); });
      group.wait();
      const std::string problems = counts.problems();
      EXPECT_EQ(problems, "") << "with " << workers << " worker(s), after wait(): " << problems
                              << ". Lost: a steal or pop that drops a task; twice: two threads took "
                                 "the same task (a deque read or changed without its lock?)";
    }
  });
}

// A random tree of tasks, the same for a seed whatever the schedule: node i's children are the nodes
// whose parent is i. Every node runs as a task spawned by its parent's task (nested run() from workers),
// so the work appears on the workers' own deques and spreads only by stealing.
struct Tree {
  std::vector<std::vector<std::size_t>> children;
};

Tree random_tree(std::size_t nodes, unsigned seed) {
  std::mt19937_64 rng(seed);
  Tree tree;
  tree.children.resize(nodes);
  for (std::size_t node = 1; node < nodes; ++node) {
    // Mostly a recent node as parent (deep chains), sometimes any node (wide fans).
    const std::size_t window = (rng() % 4 == 0) ? node : std::min<std::size_t>(node, 8);
    tree.children[node - 1 - rng() % window].push_back(node);
  }
  return tree;
}

void spawn_subtree(TaskGroup& group, const Tree& tree, RunCounts& counts, std::size_t node) {
  counts.ran(node);
  for (const std::size_t child : tree.children[node])
    group.run([&group, &tree, &counts, child] { spawn_subtree(group, tree, counts, child); });
}

std::int64_t spawn_fib(TaskGroup& group, int n, std::atomic<std::int64_t>& leaves) {
  if (n < 2) {
    leaves.fetch_add(n, std::memory_order_relaxed);
    return n;
  }
  group.run([&group, n, &leaves] { spawn_fib(group, n - 1, leaves); });
  group.run([&group, n, &leaves] { spawn_fib(group, n - 2, leaves); });
  return 0;
}

GRADED_TEST(TaskGroup, RecursiveSpawningLosesNothing, 3) {
  within_time_limit(60, [] {
    constexpr std::size_t kNodes = 100'000;
    for (unsigned seed = 1; seed <= 6; ++seed) {
      const unsigned workers = 1 + seed % 4;
      set_test_phase("seed " + std::to_string(seed) + ": a random tree of " + std::to_string(kNodes) +
                     " nested tasks on " + std::to_string(workers) + " worker(s)");
      const Tree tree = random_tree(kNodes, seed);
      RunCounts counts(kNodes);
      TaskGroup group(workers);
      group.run([&] { spawn_subtree(group, tree, counts, 0); });
      group.wait();
      const std::string problems = counts.problems();
      EXPECT_EQ(problems, "") << "seed " << seed << ", " << workers << " worker(s), tasks spawned from "
                              << "tasks: " << problems << ". Does wait() return before nested tasks "
                              << "ran, or does a steal lose or copy a task?";
    }
    set_test_phase("fib(24) by spawning two tasks per call, 3 workers");
    TaskGroup group(3);
    std::atomic<std::int64_t> leaves{0};
    group.run([&] { spawn_fib(group, 24, leaves); });
    group.wait();
    EXPECT_EQ(leaves.load(), 46368) << "fib(24) summed over the leaves of the spawned tasks must be 46368";
  });
}

// Two tasks that each wait for the other and for the test's thread, which is not in wait(): both
// workers must be running tasks at the same time.
GRADED_TEST(TaskGroup, RunsOnSeveralThreads, 2) {
  within_time_limit(10, [] {
    TaskGroup group(2);
    std::latch all_three(3);
    std::thread::id ids[2];
    for (int t = 0; t < 2; ++t) {
      group.run([&, t] {
        ids[t] = std::this_thread::get_id();
        all_three.arrive_and_wait();
      });
    }
    set_test_phase(
        "waiting, outside wait(), for two tasks of a TaskGroup(2) to run at the same time: each "
        "blocks until the other has started. Does run() run the task itself, or do the workers "
        "never start, or is only one of them ever given work?");
    all_three.arrive_and_wait();
    set_test_phase("wait() after both tasks ran");
    group.wait();
    EXPECT_NE(ids[0], ids[1]);
    EXPECT_NE(ids[0], std::this_thread::get_id()) << "a task ran on the thread that called run()";
  });
}

// The parent blocks its worker until every child it spawned has run. The children are on the parent's
// worker's deque (or wherever your run() puts a task spawned by a task), the test's thread is not in
// wait(), so only the other worker can run them, and only by stealing.
GRADED_TEST(TaskGroup, IdleWorkersSteal, 3) {
  within_time_limit(20, [] {
    TaskGroup group(2);
    for (int round = 0; round < 20; ++round) {
      constexpr int kChildren = 4;
      std::latch children_ran(kChildren);
      std::latch parent_done(1);
      std::atomic<int> on_parents_thread{0};
      group.run([&, round] {
        const std::thread::id parent = std::this_thread::get_id();
        // In odd rounds the other worker has long gone idle (asleep, in most designs) when the children
        // arrive: a run() from inside a task must wake it.
        if (round % 2 == 1) std::this_thread::sleep_for(20ms);
        for (int c = 0; c < kChildren; ++c) {
          group.run([&, parent] {
            if (std::this_thread::get_id() == parent) ++on_parents_thread;
            children_ran.count_down();
          });
        }
        children_ran.wait();  // the worker is held here: someone else must take the children
        parent_done.count_down();
      });
      set_test_phase("round " + std::to_string(round) + ": a task blocks its worker until its " +
                     std::to_string(kChildren) + " children ran: the other worker must steal them (no " +
                     "stealing? or asleep because nobody woke it when a task called run()?)");
      parent_done.wait();
      set_test_phase("wait() after round " + std::to_string(round));
      group.wait();
      ASSERT_EQ(on_parents_thread.load(), 0) << "a child ran inline inside its parent's run() call";
    }
  });
}

// The deque discipline that makes work stealing pay: a worker takes the tasks it spawned newest first
// (from the end it pushes to: the newest is the one whose data is hot in its cache), a thief takes the
// oldest (from the other end: in a recursive split the oldest is the biggest piece, so thieves come back
// rarely). One global queue cannot do both, whichever end it pops. The test's thread stays out of
// wait(), so only the workers run anything.
GRADED_TEST(TaskGroup, OwnerNewestFirstThiefOldest, 2) {
  within_time_limit(20, [] {
    constexpr int kChildren = 8;
    for (int round = 0; round < 5; ++round) {
      std::mutex mutex;
      std::vector<int> order;  // the children in the order they ran
      auto child = [&](int c) {
        std::lock_guard lock(mutex);
        order.push_back(c);
      };
      {  // one worker: it spawns, returns, then runs its own children
        TaskGroup group(1);
        std::latch all_ran(kChildren);
        group.run([&] {
          for (int c = 0; c < kChildren; ++c) {
            group.run([&, c] {
              child(c);
              all_ran.count_down();
            });
          }
        });
        set_test_phase("one worker running the 8 tasks it spawned (the test's thread is not in wait())");
        all_ran.wait();
        group.wait();
        const std::vector<int> newest_first{7, 6, 5, 4, 3, 2, 1, 0};
        std::string ran;
        for (const int c : order) ran += std::to_string(c);
        // The failure line is cut at about 240 characters, so the mistake comes first.
        ASSERT_TRUE(order == newest_first)
            << "a worker must run the tasks it spawned itself newest first (pop its deque at the end it "
               "pushes to), so children 0..7 run as 76543210, not "
            << ran << ". Oldest first: one FIFO queue for all, or a deque popped at the wrong end";
      }
      order.clear();
      {  // two workers: the spawning task blocks until a child ran; the other worker steals the oldest
        TaskGroup group(2);
        std::latch one_ran(1);
        std::atomic<bool> counted{false};  // a latch must not be counted below zero
        std::latch parent_done(1);
        group.run([&] {
          for (int c = 0; c < kChildren; ++c) {
            group.run([&, c] {
              child(c);
              if (!counted.exchange(true)) one_ran.count_down();
            });
          }
          one_ran.wait();
          parent_done.count_down();
        });
        set_test_phase(
            "a task blocks its worker until one of the 8 tasks it spawned has run elsewhere: the "
            "other worker must steal");
        parent_done.wait();
        group.wait();
        ASSERT_EQ(order.size(), static_cast<std::size_t>(kChildren));
        ASSERT_EQ(order.front(), 0) << "the first task a thief took was child " << order.front() << " of 0.."
                                    << kChildren - 1 << " spawned in order: a thief must take "
                                    << "the oldest task, from the end its owner does not use";
      }
    }
  });
}

// Both workers are blocked until task B has run. B is run() after both blocked, by the test's thread,
// which then calls wait(): nobody but the waiting thread can run B.
GRADED_TEST(TaskGroup, WaitingThreadHelps, 3) {
  within_time_limit(20, [] {
    TaskGroup group(2);
    for (int round = 0; round < 10; ++round) {
      std::latch workers_blocked(2);
      std::latch b_ran(1);
      std::thread::id b_thread;
      for (int w = 0; w < 2; ++w) {
        group.run([&] {
          workers_blocked.count_down();
          b_ran.wait();
        });
      }
      set_test_phase("round " + std::to_string(round) +
                     ": waiting for two tasks to block both workers of a " +
                     "TaskGroup(2) (the second worker must take the second task)");
      workers_blocked.wait();
      group.run([&] {
        b_thread = std::this_thread::get_id();
        b_ran.count_down();
      });
      set_test_phase("round " + std::to_string(round) +
                     ": in wait(), with both workers blocked until a "
                     "task that only the waiting thread can run has run. wait() must run tasks itself "
                     "(take from the queues, steal), not only sleep until the count drops");
      group.wait();
      EXPECT_EQ(b_thread, std::this_thread::get_id()) << "the blocking task ran on another thread";
    }
  });
}

// Each task spawns the next one as its very last action, after a pause: the count of unfinished tasks
// must already include the child when the parent ends, and wait() must not return in between.
GRADED_TEST(TaskGroup, WaitIncludesNestedTasks, 2) {
  within_time_limit(20, [] {
    TaskGroup group(2);
    for (int round = 0; round < 10; ++round) {
      constexpr int kDepth = 8;
      std::atomic<int> finished{0};
      std::function<void(int)> link = [&](int depth) {
        std::this_thread::sleep_for(1ms);
        if (depth + 1 < kDepth) group.run([&, depth] { link(depth + 1); });
        ++finished;
      };
      set_test_phase("round " + std::to_string(round) + ": wait() for a chain of " + std::to_string(kDepth) +
                     " tasks, each spawning the next");
      group.run([&] { link(0); });
      group.wait();
      ASSERT_EQ(finished.load(), kDepth)
          << "round " << round << ": wait() returned while tasks spawned by tasks had not finished ("
          << finished.load() << " of " << kDepth << " links done). Count a task from run() until it has "
          << "finished, so a parent that spawns a child keeps the count above zero";
    }
  });
}

GRADED_TEST(TaskGroup, ExceptionReachesWait, 2) {
  within_time_limit(20, [] {
    TaskGroup group(2);
    std::atomic<int> ran{0};
    for (int i = 0; i < 100; ++i) {
      group.run([&, i] {
        if (i == 37) throw std::runtime_error("task 37 failed");
        // A nested task throws too: one of the two exceptions reaches wait(), the other is dropped.
        if (i == 60) group.run([] { throw std::runtime_error("nested task failed"); });
        ++ran;
      });
    }
    set_test_phase("wait() for 100 tasks, one of which throws (and a nested one)");
    try {
      group.wait();
      ADD_FAILURE() << "a task threw std::runtime_error, but wait() returned normally: catch what a task "
                       "throws (std::current_exception) and rethrow the first one from wait()";
    } catch (const std::runtime_error& e) {
      const std::string what = e.what();
      EXPECT_TRUE(what == "task 37 failed" || what == "nested task failed")
          << "wait() threw \"" << what << "\", not a task's exception";
    }
    EXPECT_EQ(ran.load(), 99) << "the other tasks must all run (and be waited for) although one threw";

    set_test_phase("the group after an exception: wait() again, then run more");
    EXPECT_NO_THROW(group.wait()) << "wait() rethrew an exception a previous wait() already reported";
    std::atomic<int> later{0};
    for (int i = 0; i < 50; ++i) group.run([&] { ++later; });
    EXPECT_NO_THROW(group.wait()) << "an old exception was thrown again by a later wait()";
    EXPECT_EQ(later.load(), 50) << "after an exception the group must still run tasks (a dead worker?)";
  });
}

GRADED_TEST(TaskGroup, ReusableAfterWait, 1) {
  within_time_limit(20, [] {
    TaskGroup group(3);
    for (int round = 0; round < 50; ++round) {
      set_test_phase("round " + std::to_string(round) + " of run()/wait() on the same group");
      const std::size_t tasks = 100 + static_cast<std::size_t>(round) * 37;
      RunCounts counts(tasks);
      for (std::size_t id = 0; id < tasks; id += 2) {
        group.run([&group, &counts, id, tasks] {
          counts.ran(id);
          if (id + 1 < tasks) group.run([&counts, id] { counts.ran(id + 1); });
        });
      }
      group.wait();
      const std::string problems = counts.problems();
      ASSERT_EQ(problems, "") << "round " << round << " on a reused group: " << problems;
    }
  });
}

// The destructor waits for queued work and joins every worker; nothing outlives the group.
GRADED_TEST(TaskGroup, NoThreadLeft, 2) {
  within_time_limit(20, [] {
    // Some runtimes start a helper thread along with the process's first thread (ThreadSanitizer does):
    // start and join one thread first, so that such a helper is counted in `before`.
    std::thread([] {}).join();
    const int before = threads_now();
    ASSERT_GT(before, 0) << "cannot read /proc/self/task";
    std::atomic<int> ran{0};
    int during = 0;
    {
      TaskGroup group(4);
      during = threads_now();
      for (int i = 0; i < 200; ++i) {
        group.run([&] {
          std::this_thread::sleep_for(100us);
          ++ran;
        });
      }
      set_test_phase("destroying a TaskGroup(4) with 200 tasks queued and no wait()");
    }
    EXPECT_EQ(ran.load(), 200) << "the destructor must wait for every task run() so far; it dropped "
                               << 200 - ran.load() << " of 200";
    EXPECT_GE(during, before + 4) << "TaskGroup(4) must start its 4 workers in the constructor";
    int after = threads_now();
    for (int i = 0; i < 100 && after > before; ++i) {  // a joined thread is gone; allow for slow /proc
      std::this_thread::sleep_for(10ms);
      after = threads_now();
    }
    EXPECT_EQ(after, before) << "threads before the group: " << before << ", while it lived: " << during
                             << ", after its destructor: " << after
                             << ". The destructor must stop and join every worker (detached threads leak)";
  });
}

}  // namespace

// Race-freedom (graded in a ThreadSanitizer build of your code: `lab grade 05 --sanitize thread`).
RACE_POINTS(TaskGroup, RunsEveryTaskOnce, 1);
RACE_POINTS(TaskGroup, RecursiveSpawningLosesNothing, 1);
RACE_POINTS(TaskGroup, IdleWorkersSteal, 1);
RACE_POINTS(TaskGroup, OwnerNewestFirstThiefOldest, 1);
RACE_POINTS(TaskGroup, WaitingThreadHelps, 1);
RACE_POINTS(TaskGroup, ExceptionReachesWait, 1);
