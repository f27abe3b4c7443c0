// Graded test, lab 06 task 4: a pool reuses its threads.
//
// The mistake: enqueue() that starts a std::thread for each task (joined, detached or kept in a list),
// or a pool that runs the task on the submitting thread. Both give every future the right value, and on
// a quiet machine thread-per-task can even pass a generous speed test; but the point of a pool is that
// the threads are made once. The test does not time anything: every task notes, in a thread_local flag,
// whether it is the first task its thread has run. A pool of three can have at most three first tasks.
// (Thread ids are not used: a joined thread's id is often given to the next new thread.)
#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/thread_pool.hpp"

namespace {

thread_local bool ran_a_task_before = false;

GRADED_TEST(ThreadPool, ReusesItsWorkers, 2) {
  hpc::common::within_time_limit(10, [] {
    constexpr int workers = 3;
    constexpr int tasks = 300;
    std::atomic<int> threads_seen{0};
    std::atomic<int> on_caller{0};
    const std::thread::id caller = std::this_thread::get_id();
    {
      hpc::threads::ThreadPool pool(workers);
      for (int batch = 0; batch < 10; ++batch) {
        std::vector<std::future<void>> done;
        for (int i = 0; i < tasks / 10; ++i) {
          done.push_back(pool.submit([&] {
            if (std::this_thread::get_id() == caller) ++on_caller;
            if (!ran_a_task_before) {
              ran_a_task_before = true;
              ++threads_seen;
            }
          }));
        }
        for (auto& f : done) f.get();
      }
    }
    // The failure line is cut at about 240 characters, so the mistake comes first.
    if (on_caller > 0) {
      ADD_FAILURE() << "tasks ran on the thread that called submit() (" << on_caller << " of " << tasks
                    << "): a task must go to the queue and be run by a worker";
    }
    if (threads_seen > workers) {
      ADD_FAILURE() << "a new thread per task? " << tasks << " tasks ran on " << threads_seen
                    << " different threads, but a ThreadPool(" << workers << ") must run them all on its "
                    << workers << " workers";
    }
  });
}

}  // namespace
