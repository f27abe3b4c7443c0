// Graded tests, lab 06 task 3: the blocking priority queue.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <ostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/priority_queue.hpp"

namespace hpc::threads {
// How GoogleTest prints an item in a failure message (found by argument-dependent lookup).
template <class T>
void PrintTo(const Prioritized<T>& item, std::ostream* out) {
  *out << "{priority " << item.priority << ", value " << ::testing::PrintToString(item.value) << "}";
}
}  // namespace hpc::threads

namespace {

using hpc::common::within_time_limit;
using hpc::threads::BlockingPriorityQueue;
using hpc::threads::Prioritized;
using namespace std::chrono_literals;

GRADED_TEST(PriorityQueue, HighestFirstTiesInPushOrder, 2) {
  within_time_limit(5, [] {
    BlockingPriorityQueue<std::string> queue;
    EXPECT_TRUE(queue.push(1, "low"));
    EXPECT_TRUE(queue.push(5, "urgent a"));
    EXPECT_TRUE(queue.push(-2, "negative"));
    EXPECT_TRUE(queue.push(5, "urgent b"));
    EXPECT_TRUE(queue.push(3, "middle"));
    EXPECT_TRUE(queue.push(5, "urgent c"));
    EXPECT_EQ(queue.size(), 6u);
    const std::vector<Prioritized<std::string>> expected = {
        {5, "urgent a"}, {5, "urgent b"}, {5, "urgent c"}, {3, "middle"}, {1, "low"}, {-2, "negative"}};
    for (const auto& want : expected) {
      const auto got = queue.pop();
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(got->priority, want.priority);
      EXPECT_EQ(got->value, want.value);
    }
    EXPECT_EQ(queue.size(), 0u);
  });
}

// 5,000 random priorities from a small range (many ties) must come out exactly as a stable sort orders them.
GRADED_TEST(PriorityQueue, MatchesStableSort, 1) {
  within_time_limit(5, [] {
    std::mt19937 rng(2024);
    std::uniform_int_distribution priority(-20, 20);
    BlockingPriorityQueue<int> queue;
    std::vector<Prioritized<int>> pushed;
    for (int i = 0; i < 5000; ++i) {
      pushed.push_back({priority(rng), i});
      ASSERT_TRUE(queue.push(pushed.back().priority, i));
    }
    std::stable_sort(pushed.begin(), pushed.end(),
                     [](const auto& a, const auto& b) { return a.priority > b.priority; });
    queue.close();
    std::vector<Prioritized<int>> popped;
    while (auto item = queue.pop()) popped.push_back(*item);
    ASSERT_TRUE(hpc::common::same_sequence(pushed, popped))
        << "the pop order must be a stable sort by priority";
  });
}

GRADED_TEST(PriorityQueue, PopWaitsAndCloseWakesAll, 2) {
  within_time_limit(5, [] {
    BlockingPriorityQueue<int> queue;
    constexpr int waiters = 4;
    std::atomic<int> got_item{0};
    std::atomic<int> got_end{0};
    {
      std::vector<std::jthread> poppers;
      for (int i = 0; i < waiters; ++i) {
        poppers.emplace_back([&] {
          if (auto item = queue.pop()) {
            EXPECT_EQ(item->value, 7);
            ++got_item;
          } else {
            ++got_end;
          }
        });
      }
      std::this_thread::sleep_for(100ms);
      EXPECT_EQ(got_item + got_end, 0) << "pop() on an empty queue must wait";
      EXPECT_TRUE(queue.push(1, 7));
      const auto deadline = std::chrono::steady_clock::now() + 3s;
      while (got_item == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
      EXPECT_EQ(got_item, 1) << "one waiting pop() takes the pushed item";
      queue.close();
    }
    EXPECT_EQ(got_end, waiters - 1) << "close() must wake every other waiting pop()";
    EXPECT_TRUE(queue.closed());
    EXPECT_FALSE(queue.push(9, 9)) << "push after close() returns false";
    EXPECT_EQ(queue.pop(), std::nullopt);
  });
}

GRADED_TEST(PriorityQueue, ConcurrentProducersAndConsumers, 1) {
  within_time_limit(15, [] {
    constexpr int producers = 4;
    constexpr int per_producer = 5000;
    BlockingPriorityQueue<int> queue;
    std::vector<std::vector<int>> popped(3);
    {
      std::vector<std::jthread> consumers;
      for (auto& mine : popped) {
        consumers.emplace_back([&queue, &mine] {
          while (auto item = queue.pop()) {
            EXPECT_EQ(item->priority, item->value % 10);
            mine.push_back(item->value);
          }
        });
      }
      {
        std::vector<std::jthread> feeders;
        for (int p = 0; p < producers; ++p) {
          feeders.emplace_back([&, p] {
            for (int i = 0; i < per_producer; ++i) {
              const int id = p * per_producer + i;
              EXPECT_TRUE(queue.push(id % 10, id));
            }
          });
        }
      }
      queue.close();
    }
    std::vector<int> seen(producers * per_producer, 0);
    for (const auto& mine : popped) {
      for (int id : mine) ++seen[static_cast<std::size_t>(id)];
    }
    for (std::size_t id = 0; id < seen.size(); ++id) ASSERT_EQ(seen[id], 1) << "item " << id;
  });
}

}  // namespace
