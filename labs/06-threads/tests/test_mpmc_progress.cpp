// Bonus test, lab 06 task 6: the try_ calls of a lock-free queue never wait for another thread.
//
// On two cores, speed alone cannot tell a lock-free queue from a mutex queue that waits well: with equal
// waiting (the same spin-then-yield loop around try_push/try_pop), the reference measured 1.0x a mutex
// queue here, and a mutex + deque queue that yields earned every speed tier. What a lock cannot give is
// progress while another thread is stopped: if the thread that holds the mutex is descheduled (or, here,
// stopped by a signal), every other thread's try_push waits for it. This test stops a worker thread that
// pushes and pops in a loop, at a random point of its work, then calls try_push and try_pop itself: they
// must return (true or false, either is fine) before the worker is let go again, a second later. A queue
// whose try_ calls wait for the stopped thread fails when that happens in two of the rounds.
#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/mpmc_queue.hpp"

namespace {

using namespace std::chrono_literals;

std::atomic<bool> g_keep_stopped{false};
std::atomic<bool> g_stopped{false};

// Runs on the worker thread, inside whatever queue call it was making: it stays here until released.
// Only lock-free atomics and sched_yield, which a signal handler may use.
extern "C" void stay_stopped(int) {
  g_stopped.store(true);
  while (g_keep_stopped.load()) sched_yield();
  g_stopped.store(false);
}

BONUS_TEST(MpmcQueue, TryCallsNeverWaitForAStoppedThread, 1) {
  if (const std::string reason = hpc::common::speed_grading_unavailable_reason(); !reason.empty())
    GTEST_SKIP()
        << "this test stops a thread with a signal, which needs an optimized build without sanitizers ("
        << reason << ")";
  hpc::common::within_time_limit(60, [] {
    struct sigaction action {};
    action.sa_handler = stay_stopped;
    sigemptyset(&action.sa_mask);
    ASSERT_EQ(sigaction(SIGUSR1, &action, nullptr), 0);

    hpc::threads::MpmcQueue queue(8);
    std::atomic<bool> done{false};
    std::thread worker([&] {
      for (std::int64_t i = 0; !done; ++i) {
        queue.try_push(i);
        queue.try_pop();
      }
    });
    int rounds = 0;
    int waited = 0;  // rounds in which our try_ calls returned only after the worker was released
    for (; rounds < 100 && waited < 2; ++rounds) {
      g_keep_stopped = true;
      pthread_kill(worker.native_handle(), SIGUSR1);
      while (!g_stopped) std::this_thread::yield();
      std::atomic<bool> returned{false};
      std::thread releaser([&] {  // lets the worker go after a second, so a queue that waits is released
        const auto deadline = std::chrono::steady_clock::now() + 1s;
        while (!returned && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
        g_keep_stopped = false;
      });
      queue.try_push(-1);
      queue.try_pop();
      if (!g_keep_stopped) ++waited;  // the worker had to be released before our calls could return
      returned = true;
      releaser.join();
      g_keep_stopped = false;
      while (g_stopped) std::this_thread::yield();
      std::this_thread::sleep_for(std::chrono::microseconds(100 + 37 * (rounds % 11)));  // a new point
    }
    done = true;
    worker.join();
    if (waited >= 2) {
      ADD_FAILURE()
          << "try_push/try_pop waited for a stopped thread (in " << waited << " of " << rounds
          << " rounds): a lock. A lock-free queue lets the others go on while one thread is stopped "
          << "anywhere in its call";
    }
  });
}

}  // namespace
