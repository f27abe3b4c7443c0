// Lab 10, task 3: the book's countdowns on Asio (time-scaled x0.1: A 100 ms, B 80 ms, C 50 ms).
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "asio_timing.hpp"
#include "hpc/async/countdown.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"

using namespace hpc::async;
using namespace hpc::async::asio_tests;

namespace {

const std::vector<Countdown> kCountdowns = book_countdowns(0.1);

std::vector<std::string> texts_of(const std::vector<Planned>& plan) {
  std::vector<std::string> out;
  for (const auto& p : plan) out.push_back(p.text);
  return out;
}

bool in_sync_order(const EventLog& log) { return log.texts() == texts_of(sync_countdown_plan()); }

}  // namespace

GRADED_TEST(Countdown, SyncOneAfterTheOther, 1) {
  EventLog log;
  const std::string wrong = timeline_mismatch_of(log, sync_countdown_plan(),
                                                 [](EventLog& l) { run_countdowns_sync(kCountdowns, l); });
  EXPECT_EQ(wrong, "") << "the synchronous countdowns run A, then B, then C, each waiting its delay before "
                          "every number (the book: 6.9 s, here 690 ms)";
}

GRADED_TEST(Countdown, AsyncBookTimeline, 4) {
  EventLog log;
  const std::string wrong = timeline_mismatch_of(log, async_countdown_plan(),
                                                 [](EventLog& l) { run_countdowns_async(kCountdowns, l); });
  if (in_sync_order(log)) {
    ADD_FAILURE() << "the countdowns ran one after the other, in the synchronous order "
                  << joined(log.texts())
                  << ": does a coroutine sleep the thread (std::this_thread::sleep_for) instead of "
                     "co_await-ing a steady_timer?\n"
                  << printed(log);
  } else {
    EXPECT_EQ(wrong, "")
        << "expected the book's async timeline C3 50, B3 80, A3 100, C2 100, C1 150, B2 160, "
           "A2 200, B1 240, A1 300 ms (A3 and C2 in either order)";
  }
}

GRADED_TEST(Countdown, AsyncHandlersOnTheCallersThread, 2) {
  // Three runs in one log: an io_context run by two threads hands each completion to whichever thread
  // is free, and all nine lines of one run can land on the same thread by chance; 27 rarely do.
  EventLog log;
  for (int run = 0; run < 3; ++run) run_countdowns_async(kCountdowns, log);
  const auto threads = log.threads();
  ASSERT_FALSE(threads.empty()) << "nothing was logged";
  EXPECT_EQ(threads.size(), 1u) << "the log lines came from " << threads.size()
                                << " threads: the io_context must be run by one thread only (single-threaded "
                                   "concurrency), not by several or by a thread pool";
  EXPECT_EQ(threads.front(), std::this_thread::get_id())
      << "the lines came from another thread: run the io_context on the thread that called "
         "run_countdowns_async";
}

GRADED_TEST(Countdown, AsyncAtLeast1p8TimesFasterThanSync, 2) {
  // Timers, not CPU work: the ratio holds in any build, so this test is not skipped in sanitizer builds.
  EventLog log;
  const auto cmp = hpc::common::compare_speed(
      "sync countdowns",
      [&] {
        log.restart();
        run_countdowns_sync(kCountdowns, log);
      },
      "async countdowns",
      [&] {
        log.restart();
        run_countdowns_async(kCountdowns, log);
      },
      {.pairs = 5});
  EXPECT_SPEEDUP_AT_LEAST(cmp, 1.8);  // ideal 690/300 = 2.3 (the book: 6.9 s / 3.0 s)
}
HPC_TIME_LIMIT(Countdown, AsyncAtLeast1p8TimesFasterThanSync, 60);

GRADED_TEST(Countdown, BlockingCoroutinesAreSyncAgain, 1) {
  EventLog log;
  const std::string wrong = timeline_mismatch_of(
      log, sync_countdown_plan(), [](EventLog& l) { run_countdowns_blocking(kCountdowns, l); });
  EXPECT_EQ(wrong, "") << "the anti-pattern: coroutines that sleep the thread give the synchronous timeline "
                          "(A A A B B B C C C, 690 ms) even on an event loop"
                       << (log.texts() == texts_of(async_countdown_plan()) ? " - these waited on timers"
                                                                           : "");
  EXPECT_EQ(log.threads().size(), 1u) << "the blocking coroutines run on the one loop thread";
}

GRADED_TEST(Countdown, ExecutorGivesTheAsyncTimeline, 3) {
  EventLog log;
  const std::string wrong = timeline_mismatch_of(
      log, async_countdown_plan(), [](EventLog& l) { run_countdowns_in_executor(kCountdowns, l, 3); });
  const auto threads = log.threads();
  if (in_sync_order(log)) {
    ADD_FAILURE() << "an executor of one thread, or each countdown awaited before the next started? The "
                     "countdowns ran one after the other "
                  << joined(log.texts())
                  << ": with 3 workers the 3 blocking countdowns run at the same time\n"
                  << printed(log);
    return;
  }
  EXPECT_EQ(wrong, "") << "three blocking countdowns on three workers keep the async timeline";
  EXPECT_EQ(std::count(threads.begin(), threads.end(), std::this_thread::get_id()), 0)
      << "a countdown ran on the calling (loop) thread: the blocking calls belong in the thread_pool";
  EXPECT_EQ(threads.size(), 3u) << "each blocking countdown holds a worker: three workers, three threads";
}
RACE_POINTS(Countdown, ExecutorGivesTheAsyncTimeline, 1);
