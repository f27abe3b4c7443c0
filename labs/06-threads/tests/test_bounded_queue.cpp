// Graded tests, lab 06 task 1: the bounded blocking queue with close().
// Every test that can block runs under the watchdog, so a deadlock fails in seconds instead of hanging.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/bounded_queue.hpp"

namespace {

using hpc::common::within_time_limit;
using hpc::threads::BoundedQueue;
using namespace std::chrono_literals;

// Long enough for a thread that is going to block to get there; a wrong implementation that does not
// block has returned by then on any machine.
constexpr auto settle = 100ms;

GRADED_TEST(BoundedQueue, FifoSingleThread, 1) {
  within_time_limit(5, [] {
    BoundedQueue<int> queue(5);
    EXPECT_EQ(queue.capacity(), 5u);
    EXPECT_EQ(queue.size(), 0u);
    EXPECT_FALSE(queue.closed());
    for (int i = 1; i <= 5; ++i) EXPECT_TRUE(queue.push(i));
    EXPECT_EQ(queue.size(), 5u);
    for (int i = 1; i <= 5; ++i) EXPECT_EQ(queue.pop(), std::optional<int>(i));
    EXPECT_EQ(queue.size(), 0u);

    BoundedQueue<std::string> words(2);
    EXPECT_TRUE(words.push("producer"));
    EXPECT_TRUE(words.push(std::string(1000, 'x')));  // long enough to live on the heap: moved, not lost
    EXPECT_EQ(words.pop(), std::optional<std::string>("producer"));
    EXPECT_EQ(words.pop(), std::optional<std::string>(std::string(1000, 'x')));

    EXPECT_THROW(BoundedQueue<int>(0), std::invalid_argument);
  });
}

GRADED_TEST(BoundedQueue, CloseDrainsThenReportsClosed, 2) {
  within_time_limit(5, [] {
    BoundedQueue<int> queue(4);
    EXPECT_TRUE(queue.push(10));
    EXPECT_TRUE(queue.push(20));
    EXPECT_TRUE(queue.push(30));
    queue.close();
    EXPECT_TRUE(queue.closed());
    EXPECT_FALSE(queue.push(40)) << "push after close() must return false";
    EXPECT_EQ(queue.size(), 3u) << "the refused item must not be stored";
    queue.close();  // a second close() is harmless
    EXPECT_EQ(queue.pop(), std::optional<int>(10)) << "items pushed before close() are still delivered";
    EXPECT_EQ(queue.pop(), std::optional<int>(20));
    EXPECT_EQ(queue.pop(), std::optional<int>(30));
    EXPECT_EQ(queue.pop(), std::nullopt) << "closed and empty: pop() reports the end";
    EXPECT_EQ(queue.pop(), std::nullopt) << "...and keeps reporting it";
  });
}

GRADED_TEST(BoundedQueue, PushBlocksWhenFull, 1) {
  within_time_limit(5, [] {
    BoundedQueue<int> queue(2);
    ASSERT_TRUE(queue.push(1));
    ASSERT_TRUE(queue.push(2));
    std::atomic<bool> pushed{false};
    std::jthread pusher([&] {
      EXPECT_TRUE(queue.push(3));
      pushed = true;
    });
    std::this_thread::sleep_for(settle);
    EXPECT_FALSE(pushed) << "push() on a full queue must wait for room";
    EXPECT_EQ(queue.size(), 2u);
    EXPECT_EQ(queue.pop(), std::optional<int>(1));
    pusher.join();  // the pop made room: the pusher must finish now
    EXPECT_TRUE(pushed);
    EXPECT_EQ(queue.pop(), std::optional<int>(2));
    EXPECT_EQ(queue.pop(), std::optional<int>(3));
  });
}

GRADED_TEST(BoundedQueue, PopBlocksWhenEmpty, 1) {
  within_time_limit(5, [] {
    BoundedQueue<int> queue(2);
    std::atomic<bool> popped{false};
    std::optional<int> got;
    std::jthread popper([&] {
      got = queue.pop();
      popped = true;
    });
    std::this_thread::sleep_for(settle);
    EXPECT_FALSE(popped) << "pop() on an empty, open queue must wait for an item";
    EXPECT_TRUE(queue.push(42));
    popper.join();
    EXPECT_EQ(got, std::optional<int>(42));
  });
}

// Four pushers wait on a full queue and four poppers on an empty one; a single close() must release all
// eight. (A close() that forgets to notify, or a wait whose condition ignores closed_, hangs here: the
// watchdog turns that into a failure after a few seconds.)
GRADED_TEST(BoundedQueue, CloseWakesEveryWaiter, 3) {
  within_time_limit(5, [] {
    BoundedQueue<int> full(1);
    BoundedQueue<int> empty(3);
    ASSERT_TRUE(full.push(-1));
    constexpr int waiters = 4;
    std::atomic<int> refused_pushes{0};
    std::atomic<int> ended_pops{0};
    {
      std::vector<std::jthread> threads;
      for (int i = 0; i < waiters; ++i) {
        threads.emplace_back([&, i] {
          if (!full.push(i)) ++refused_pushes;
        });
        threads.emplace_back([&] {
          if (!empty.pop().has_value()) ++ended_pops;
        });
      }
      std::this_thread::sleep_for(settle);
      EXPECT_EQ(refused_pushes + ended_pops, 0) << "nobody may return before close()";
      full.close();
      empty.close();
      hpc::common::set_test_phase(
          "joining the 8 threads blocked before close(): close() must wake EVERY waiter "
          "(notify_all on both condition variables; notify_one wakes just one)");
    }  // joins: every waiter must have woken up
    EXPECT_EQ(refused_pushes, waiters) << "every pusher waiting on a full queue must return false";
    EXPECT_EQ(ended_pops, waiters) << "every popper waiting on an empty queue must return nullopt";
    EXPECT_EQ(full.pop(), std::optional<int>(-1)) << "the item that was in the queue is still delivered";
    EXPECT_EQ(full.pop(), std::nullopt);
  });
}

// size() is read while other threads push and pop; it must never see more than the capacity. (Under the
// tsan preset this test also catches a size() that reads the deque without the lock.)
GRADED_TEST(BoundedQueue, SizeNeverExceedsCapacity, 1) {
  within_time_limit(10, [] {
    constexpr std::size_t capacity = 8;
    constexpr int per_producer = 20'000;
    BoundedQueue<int> queue(capacity);
    std::atomic<bool> done{false};
    std::size_t largest = 0;
    std::jthread monitor([&] {
      while (!done) largest = std::max(largest, queue.size());
    });
    std::atomic<long long> consumed{0};
    {
      std::vector<std::jthread> consumers;
      for (int c = 0; c < 2; ++c) {
        consumers.emplace_back([&] {
          while (queue.pop()) ++consumed;
        });
      }
      {
        std::vector<std::jthread> producers;
        for (int p = 0; p < 3; ++p) {
          producers.emplace_back([&] {
            for (int i = 0; i < per_producer; ++i) queue.push(i);
          });
        }
      }
      queue.close();
    }
    done = true;
    monitor.join();
    EXPECT_LE(largest, capacity);
    EXPECT_EQ(consumed, 3LL * per_producer);
  });
}

// Producers, consumers and capacities vary with the seed. Every producer's items carry distinct ids; at
// the end every id must have been popped exactly once.
//
// The stress tests run their seeds while time allows: on a loaded machine (more runnable threads than
// cores, a capacity-1 queue handing over every item) one seed can take seconds, and a test that insisted
// on all seeds would time out without any deadlock. At least kMinimumSeeds always run; another one starts
// only while three times the slowest seed so far is left before the time limit, so a time-out still
// means a queue that stopped moving.
constexpr int kMinimumSeeds = 2;

bool time_for_another_seed(int seeds_done, double slowest_seed_seconds) {
  return seeds_done < kMinimumSeeds || hpc::common::seconds_left_in_test() > 3 * slowest_seed_seconds;
}

void note_seeds_skipped(int done, int planned) {
  if (done < planned)
    std::cout << "[ note     ] ran " << done << " of " << planned
              << " seeds: the machine is slow right now, the rest would not fit the time limit" << std::endl;
}

struct StressRun {
  int producers;
  int consumers;
  int per_producer;
  std::vector<std::vector<int>> popped;  // per consumer, in the order it popped them
};

StressRun run_stress(unsigned seed) {
  std::mt19937 rng(seed);
  StressRun run{std::uniform_int_distribution(2, 6)(rng), std::uniform_int_distribution(1, 6)(rng), 2500, {}};
  const auto capacity = std::uniform_int_distribution<std::size_t>(1, 16)(rng);
  BoundedQueue<int> queue(capacity);
  run.popped.resize(static_cast<std::size_t>(run.consumers));
  {
    std::vector<std::jthread> consumers;
    for (int c = 0; c < run.consumers; ++c) {
      consumers.emplace_back([&, c] {
        auto& mine = run.popped[static_cast<std::size_t>(c)];
        while (std::optional<int> item = queue.pop()) mine.push_back(*item);
      });
    }
    {
      std::vector<std::jthread> producers;
      for (int p = 0; p < run.producers; ++p) {
        producers.emplace_back([&, p, yield_every = std::uniform_int_distribution(1, 97)(rng)] {
          for (int i = 0; i < run.per_producer; ++i) {
            EXPECT_TRUE(queue.push(p * run.per_producer + i));
            if (i % yield_every == 0) std::this_thread::yield();  // shuffle the interleavings a little
          }
        });
      }
    }  // every producer has finished
    queue.close();
  }  // every consumer has drained the queue and seen the end
  return run;
}

GRADED_TEST(BoundedQueue, StressNoLostOrDuplicated, 3) {
  within_time_limit(20, [] {
    int done = 0;
    double slowest = 0;
    for (unsigned seed = 1; seed <= 6 && time_for_another_seed(done, slowest); ++seed, ++done) {
      const auto start = std::chrono::steady_clock::now();
      const StressRun run = run_stress(seed);
      std::vector<int> seen(static_cast<std::size_t>(run.producers * run.per_producer), 0);
      for (const auto& mine : run.popped) {
        for (int id : mine) {
          ASSERT_TRUE(id >= 0 && id < static_cast<int>(seen.size())) << "an id nobody pushed: " << id;
          ++seen[static_cast<std::size_t>(id)];
        }
      }
      for (std::size_t id = 0; id < seen.size(); ++id) {
        ASSERT_EQ(seen[id], 1) << "seed " << seed << ": item " << id << " was popped " << seen[id]
                               << " times (" << run.producers << " producers, " << run.consumers
                               << " consumers)";
      }
      slowest =
          std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    note_seeds_skipped(done, 6);
  });
}

// A FIFO queue keeps each producer's order: any one consumer sees one producer's items in increasing order.
GRADED_TEST(BoundedQueue, FifoPerProducer, 2) {
  within_time_limit(20, [] {
    int done = 0;
    double slowest = 0;
    for (unsigned seed = 11; seed <= 15 && time_for_another_seed(done, slowest); ++seed, ++done) {
      const auto start = std::chrono::steady_clock::now();
      const StressRun run = run_stress(seed);
      std::size_t total = 0;
      for (const auto& mine : run.popped) {
        total += mine.size();
        std::vector<int> last(static_cast<std::size_t>(run.producers), -1);
        for (int id : mine) {
          const auto producer = static_cast<std::size_t>(id / run.per_producer);
          ASSERT_LT(producer, last.size());
          ASSERT_GT(id, last[producer])
              << "seed " << seed << ": producer " << producer << "'s items came out of order";
          last[producer] = id;
        }
      }
      EXPECT_EQ(total, static_cast<std::size_t>(run.producers * run.per_producer)) << "seed " << seed;
      slowest =
          std::max(slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    note_seeds_skipped(done, 5);
  });
}

}  // namespace
