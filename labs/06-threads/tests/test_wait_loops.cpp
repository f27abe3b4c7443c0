// Graded tests, lab 06 tasks 1 and 3: a woken pop() must check its condition again.
//
// The mistake: `if (items.empty()) not_empty.wait(lock);` instead of a `while` loop (or the predicate
// form of wait). A notify only says "the state changed"; by the time the woken thread holds the mutex
// again, another thread may have taken the item. This test forces that schedule in every round: a
// popper waits on an empty queue, the test pushes one item and at once pops it itself (the waker holds
// the CPU, the woken popper still has to be scheduled), so the popper wakes to an empty, open queue. It
// must go back to waiting; returning nullopt there (or crashing on the empty container) is the mistake.
// The queue is only closed after a pause, with a flag set first, so a nullopt before the flag is the bug.
#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <thread>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/bounded_queue.hpp"
#include "hpc/threads/priority_queue.hpp"

namespace {

using hpc::common::within_time_limit;
using namespace std::chrono_literals;

constexpr int kRounds = 60;

// One round on a fresh queue. Returns true when the popper returned "closed" before the queue was closed.
template <class Queue, class Push, class Pop>
bool popper_ended_too_early(Push push, Pop pop) {
  Queue queue;
  std::atomic<bool> closing{false};
  std::atomic<bool> too_early{false};
  std::jthread popper([&] {
    const bool got_item = pop(queue);
    if (!got_item && !closing) too_early = true;
    if (got_item) queue.close();  // it won the item: release the test's own pop() below
  });
  std::this_thread::sleep_for(2ms);  // let the popper reach its wait
  push(queue);
  pop(queue);                        // usually takes the item before the woken popper runs
  std::this_thread::sleep_for(5ms);  // a popper that does not re-check returns during this pause
  closing = true;
  queue.close();
  popper.join();
  return too_early;
}

// The failure line is cut at about 240 characters, so the mistake comes first.
constexpr const char* kMistake =
    "woken pop() did not check again: `if` instead of `while` around the wait? It returned nullopt on an "
    "open queue after another thread took the item it was woken for. Wait in a loop, or with a predicate";

template <class Queue, class Push, class Pop>
void every_round_rechecks(Push push, Pop pop) {
  within_time_limit(20, [&] {
    for (int round = 0; round < kRounds; ++round) {
      hpc::common::set_test_phase("round " + std::to_string(round) + " of " + std::to_string(kRounds));
      if (popper_ended_too_early<Queue>(push, pop)) FAIL() << kMistake << " (round " << round << ")";
    }
  });
}

struct SmallBoundedQueue : hpc::threads::BoundedQueue<int> {
  SmallBoundedQueue() : BoundedQueue(4) {}
};

GRADED_TEST(BoundedQueue, WokenPopChecksAgain, 1) {
  every_round_rechecks<SmallBoundedQueue>([](SmallBoundedQueue& q) { q.push(1); },
                                          [](SmallBoundedQueue& q) { return q.pop().has_value(); });
}

GRADED_TEST(PriorityQueue, WokenPopChecksAgain, 1) {
  using Queue = hpc::threads::BlockingPriorityQueue<int>;
  every_round_rechecks<Queue>([](Queue& q) { q.push(5, 1); }, [](Queue& q) { return q.pop().has_value(); });
}

}  // namespace
