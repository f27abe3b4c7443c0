// Graded tests, lab 11 task 9: the single-producer/single-consumer ring (correctness; the speed tiers
// are in test_spsc_speed.cpp). The header fixes only behaviour, so these tests judge only behaviour.
//
// Mistakes students make, and the test that names each one:
//   - the classic ring that keeps one slot empty but reports the full size as capacity()
//       -> EmptyFullAndCapacity ("only N of capacity() pushes succeeded")
//   - a full or empty check that compares wrapped indices (full looks empty after a lap)
//       -> WrapAroundKeepsOrder, StressWithSeeds (lost items)
//   - a cached copy of the other side's position that is never refreshed (full for ever, empty for ever)
//       -> FullAndEmptyAcrossThreads ("still full after the consumer popped")
//   - relaxed ordering on the publishing store (tail) or on the consuming load: the item is not yet
//     visible when its position is -> ThreadSanitizer in StressWithSeeds (race points), and the
//     instructor's variant ch11.variant.relaxed_publish; on x86 the count alone rarely shows it
//   - the consumer publishing its new head before it has read the slot: the producer overwrites an item
//     not yet read -> StressWithSeeds with capacity 1 and 2 ("delivered twice" / "out of order"), TSan
//   - try_pop writing `item` when the ring is empty -> EmptyFullAndCapacity
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <latch>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "delivery.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/spsc_ring.hpp"

namespace {

using hpc::common::within_time_limit;
using hpc::races::SpscRing;
using hpc::races::testing::delivered_in_order;

GRADED_TEST(SpscRing, EmptyFullAndCapacity, 2) {
  EXPECT_THROW(SpscRing(0), std::invalid_argument);
  for (const std::size_t asked : {1u, 2u, 3u, 5u, 8u, 100u}) {
    SpscRing ring(asked);
    const std::size_t capacity = ring.capacity();
    ASSERT_GE(capacity, asked) << "capacity() must be at least what the constructor was asked for";
    std::uint64_t item = 12345;
    EXPECT_FALSE(ring.try_pop(item)) << "a new ring of capacity " << capacity << " must be empty";
    EXPECT_EQ(item, 12345u) << "try_pop on an empty ring must leave its argument alone";
    for (int lap = 0; lap < 3; ++lap) {
      std::size_t pushed = 0;
      while (pushed < capacity && ring.try_push(1000 * lap + pushed)) ++pushed;
      if (pushed < capacity && lap > 0) {
        FAIL() << "the ring was emptied, yet try_push says full after " << pushed << " of " << capacity
               << " items (lap " << lap << "): the producer's view of the consumer's position is stale";
      }
      if (pushed < capacity) {
        FAIL() << "only " << pushed << " of capacity() = " << capacity << " pushes succeeded on a new ring "
               << "(a slot kept empty to tell full from empty? then capacity() must not count it)";
      }
      EXPECT_FALSE(ring.try_push(999999))
          << "lap " << lap << ": try_push succeeded on a full ring of " << capacity;
      for (std::size_t i = 0; i < capacity; ++i) {
        if (!ring.try_pop(item))
          FAIL() << "lap " << lap << ": item " << i << " of " << capacity << " is missing";
        if (item != 1000 * lap + i) {
          ADD_FAILURE() << "out of order or lost: lap " << lap << ", expected item " << 1000 * lap + i
                        << ", got " << item;
        }
      }
      item = 777;
      EXPECT_FALSE(ring.try_pop(item))
          << "lap " << lap << ": the ring must be empty after popping everything";
      EXPECT_EQ(item, 777u);
    }
  }
}

// One thread, random pushes and pops against a std::deque, over many laps of a small ring: every
// fill level, every wrap-around position.
GRADED_TEST(SpscRing, WrapAroundKeepsOrder, 1) {
  for (const unsigned seed : {1u, 2u, 3u, 4u}) {
    for (const std::size_t asked : {1u, 3u, 4u, 7u}) {
      SpscRing ring(asked);
      std::deque<std::uint64_t> model;
      std::mt19937 random(seed);
      std::uint64_t next = 0;
      for (int step = 0; step < 20000; ++step) {
        if (random() % 2 == 0) {
          const bool pushed = ring.try_push(next);
          if (pushed != (model.size() < ring.capacity())) {
            FAIL() << "wrong full check: try_push said " << (pushed ? "true" : "false") << " with "
                   << model.size() << " items in a ring of capacity " << ring.capacity() << " (seed " << seed
                   << ", step " << step << ")";
          }
          if (pushed) model.push_back(next++);
        } else {
          std::uint64_t item = 0;
          const bool popped = ring.try_pop(item);
          if (popped != !model.empty()) {
            FAIL() << "wrong empty check: try_pop said " << (popped ? "true" : "false") << " with "
                   << model.size() << " items in a ring of capacity " << ring.capacity() << " (seed " << seed
                   << ", step " << step << ")";
          }
          if (popped) {
            if (item != model.front()) {
              FAIL() << "wrong item after wrap-around: expected " << model.front() << ", got " << item
                     << " (capacity " << ring.capacity() << ", seed " << seed << ", step " << step << ")";
            }
            model.pop_front();
          }
        }
      }
    }
  }
}

// After a failed try_push/try_pop: retry at once, but yield every 64th failure, so that a side waiting
// on a descheduled partner gives its core back on a busy machine.
void relax(int& failures) {
  if (++failures % 64 == 0) std::this_thread::yield();
}

// A producer and a consumer thread, started together, move `count` items through a ring of capacity
// `asked`; both sides work in random bursts (seeded) so that the ring runs full and empty many times.
std::vector<std::uint64_t> move_through_ring(std::size_t asked, std::uint64_t count, unsigned seed) {
  SpscRing ring(asked);
  std::vector<std::uint64_t> received;
  received.reserve(static_cast<std::size_t>(count));
  std::latch start(2);
  {
    std::jthread consumer([&] {
      std::mt19937 random(seed * 2 + 1);
      start.arrive_and_wait();
      int failures = 0;
      while (received.size() < count) {
        std::uint64_t item = 0;
        if (ring.try_pop(item)) {
          received.push_back(item);
        } else {
          relax(failures);
        }
        if (random() % 512 == 0) std::this_thread::yield();  // let the ring fill up now and then
      }
    });
    std::mt19937 random(seed * 2);
    start.arrive_and_wait();
    int failures = 0;
    for (std::uint64_t next = 0; next < count;) {
      if (ring.try_push(next)) {
        ++next;
      } else {
        relax(failures);
      }
      if (random() % 512 == 0) std::this_thread::yield();  // and run empty now and then
    }
  }
  return received;
}

GRADED_TEST(SpscRing, StressWithSeeds, 3) {
  within_time_limit(60, [] {
    // ThreadSanitizer runs this code about ten times slower; it needs far fewer items to see a race.
    const std::uint64_t count = hpc::common::thread_sanitizer_build() ? 20000 : 100000;
    // On a loaded machine every hand-off through a tiny ring can cost a time slice: each run after the
    // first starts only while twice the slowest run so far still fits in the time limit (a quiet
    // machine runs them all in a few seconds; a loaded one checks fewer, and never times out).
    double slowest = 0;
    for (const unsigned seed : {11u, 12u}) {
      for (const std::size_t asked : {1u, 2u, 3u, 64u, 1000u}) {
        if (hpc::common::seconds_left_in_test() < 2 * slowest) break;
        const auto started = std::chrono::steady_clock::now();
        const auto received = move_through_ring(asked, asked <= 3 ? count / 5 : count, seed);
        slowest = std::max(
            slowest, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        if (const auto delivery = delivered_in_order(received, asked <= 3 ? count / 5 : count); !delivery) {
          FAIL() << delivery.message() << " (seed " << seed << ", capacity asked " << asked << ")";
        }
      }
    }
  });
}
RACE_POINTS(SpscRing, StressWithSeeds, 2);

// The full and empty boundaries crossed between threads, in a forced order (latches, not luck): the
// producer fills the ring, the consumer pops one item, and the producer's next push must succeed at
// once; then the consumer empties the ring, the producer pushes one, and the consumer's next pop must
// succeed at once. The latches order each step after the other side's, so a failure here is not bad
// timing: the side that said "full" or "empty" kept an old view of the other side's position.
GRADED_TEST(SpscRing, FullAndEmptyAcrossThreads, 2) {
  within_time_limit(20, [] {
    SpscRing ring(4);
    const std::size_t capacity = ring.capacity();
    constexpr int kRounds = 50;
    std::uint64_t pushed = 0;
    std::uint64_t popped = 0;
    for (int round = 0; round < kRounds; ++round) {
      std::latch full(1), made_room(1);
      std::jthread producer([&] {
        while (ring.try_push(pushed)) ++pushed;  // fill: the producer sees the ring full
        full.count_down();
        made_room.wait();
        if (!ring.try_push(pushed)) {
          ADD_FAILURE() << "try_push still said full after the consumer had popped an item (round " << round
                        << "): a copy of the consumer's position that is not read again when the ring looks "
                        << "full?";
        }
        ++pushed;
      });
      full.wait();
      std::uint64_t item = 0;
      ASSERT_TRUE(ring.try_pop(item)) << "round " << round << ": the full ring looked empty to the consumer";
      EXPECT_EQ(item, popped++) << "round " << round;
      made_room.count_down();
      producer.join();
      std::size_t drained = 0;
      while (ring.try_pop(item)) {
        EXPECT_EQ(item, popped++) << "round " << round;
        ++drained;
      }
      EXPECT_EQ(drained, capacity) << "round " << round << ": the ring should have been full again";
      // Now empty, and the consumer has seen it empty. The producer adds one item from another thread.
      std::jthread([&] { ring.try_push(pushed++); }).join();
      if (!ring.try_pop(item)) {
        FAIL() << "try_pop still said empty after the producer had pushed an item (round " << round
               << "): a copy of the producer's position that is not read again when the ring looks empty?";
      }
      EXPECT_EQ(item, popped++) << "round " << round;
    }
  });
}
RACE_POINTS(SpscRing, FullAndEmptyAcrossThreads, 1);

}  // namespace
