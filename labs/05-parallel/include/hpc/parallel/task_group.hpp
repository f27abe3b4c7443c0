// A work-stealing task group: lab 05, task 6 (labs/05-parallel/src/task_group.cpp). Open design.
//
// Only the public interface and what it promises are fixed here. How tasks are stored (one deque per
// worker? locks or atomics?), how an idle worker finds work (whom it steals from, which end it takes),
// and how it waits when there is none (spin, yield, sleep) are yours to choose: the data lives behind
// `Impl`, which you define in the .cpp file. The tests judge only the behaviour below, and in the same
// run compare your group's speed with lab 06's single-queue ThreadPool and with oneTBB's tbb::task_group
// (see LAB.md, task 6).
#pragma once

#include <functional>
#include <memory>

namespace hpc::parallel {

class TaskGroup {
 public:
  // Starts `workers` worker threads, which live until the group is destroyed. The thread that calls
  // wait() helps them, so up to workers + 1 threads run tasks while it waits.
  // Throws std::invalid_argument when workers is 0.
  explicit TaskGroup(unsigned workers);

  // Waits for every task run so far, as wait() does, but never throws (a task's exception that no
  // wait() has rethrown is dropped), then stops and joins every worker: no thread outlives the group.
  ~TaskGroup();

  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // Schedules task() to run exactly once, on some worker or on the thread in wait(), and returns without
  // waiting for it. May be called from any thread, and from inside a running task of this group (nested
  // spawning: fib(n) runs fib(n-1) and fib(n-2) as tasks); a task spawned on a worker is meant to be
  // taken by that worker first, and by the others only when they have nothing to do (they steal it).
  // The task must not call wait() of its own group.
  void run(std::function<void()> task);

  // Returns when every task run so far has finished, including the tasks those tasks ran, and the tasks
  // they ran, and so on. Meanwhile the calling thread does not just sleep: it runs tasks of the group
  // itself. If any task threw, wait() rethrows the first exception it caught (once), after every task
  // has finished; the others are dropped. Afterwards the group is empty and can be used again (run,
  // then wait, as often as wanted). Call it from one thread at a time, outside the group's tasks.
  void wait();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::parallel
