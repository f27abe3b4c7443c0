// Graded tests, lab 06 task 4: the fixed-size thread pool returning futures.
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/thread_pool.hpp"

namespace {

using hpc::common::within_time_limit;
using hpc::threads::ThreadPool;
using namespace std::chrono_literals;

GRADED_TEST(ThreadPool, FuturesCarryValues, 2) {
  within_time_limit(10, [] {
    ThreadPool pool(3);
    EXPECT_EQ(pool.size(), 3u);
    std::vector<std::future<std::int64_t>> squares;
    for (std::int64_t i = 0; i < 1000; ++i) squares.push_back(pool.submit([i] { return i * i; }));
    std::int64_t sum = 0;
    for (auto& f : squares) sum += f.get();
    EXPECT_EQ(sum, 332'833'500);  // 0² + 1² + ... + 999²

    auto text = pool.submit([] { return std::string("done by a worker"); });
    EXPECT_EQ(text.get(), "done by a worker");
    std::atomic<bool> ran{false};
    auto nothing = pool.submit([&] { ran = true; });  // a void task gives a std::future<void>
    nothing.get();
    EXPECT_TRUE(ran);
    EXPECT_THROW(ThreadPool(0), std::invalid_argument);
  });
}

GRADED_TEST(ThreadPool, ExceptionsReachGet, 2) {
  within_time_limit(10, [] {
    ThreadPool pool(2);
    std::vector<std::future<int>> results;
    for (int i = 0; i < 20; ++i) {
      results.push_back(pool.submit([i]() -> int {
        if (i % 5 == 3) throw std::runtime_error("task " + std::to_string(i) + " failed");
        return i;
      }));
    }
    for (int i = 0; i < 20; ++i) {
      if (i % 5 == 3) {
        try {
          results[static_cast<std::size_t>(i)].get();
          ADD_FAILURE() << "task " << i << " threw, so get() must rethrow";
        } catch (const std::runtime_error& e) {
          EXPECT_EQ(std::string(e.what()), "task " + std::to_string(i) + " failed");
        }
      } else {
        EXPECT_EQ(results[static_cast<std::size_t>(i)].get(), i);
      }
    }
    // A task that threw must not have killed its worker: both workers still take work.
    std::barrier both(2);
    auto a = pool.submit([&] {
      both.arrive_and_wait();
      return 1;
    });
    auto b = pool.submit([&] {
      both.arrive_and_wait();
      return 2;
    });
    EXPECT_EQ(a.get() + b.get(), 3);
  });
}

// Four tasks that each wait for all four to have started: this finishes only with four live workers.
GRADED_TEST(ThreadPool, RunsTasksInParallel, 1) {
  within_time_limit(5, [] {
    ThreadPool pool(4);
    std::barrier all_four(4);
    std::vector<std::future<void>> done;
    for (int i = 0; i < 4; ++i) done.push_back(pool.submit([&] { all_four.arrive_and_wait(); }));
    for (auto& f : done) f.get();
  });
}

// The documented choice: shutdown() and the destructor FINISH the queued work. Hundreds of tasks are still
// queued when shutdown() is called; all of them must run and every future must be ready afterwards.
GRADED_TEST(ThreadPool, ShutdownFinishesQueuedWork, 3) {
  within_time_limit(10, [] {
    std::atomic<int> ran{0};
    std::vector<std::future<int>> results;
    {
      ThreadPool pool(2);
      for (int i = 0; i < 300; ++i) {
        results.push_back(pool.submit([&ran, i] {
          std::this_thread::sleep_for(100us);
          ++ran;
          return i;
        }));
      }
      pool.shutdown();
      EXPECT_EQ(ran, 300) << "shutdown() returned before the queued tasks had run";
      for (auto& f : results) EXPECT_EQ(f.wait_for(0s), std::future_status::ready);
      EXPECT_THROW(pool.submit([] { return 0; }), std::runtime_error) << "submit after shutdown()";
      pool.shutdown();  // a second shutdown() does nothing
    }
    for (int i = 0; i < 300; ++i) EXPECT_EQ(results[static_cast<std::size_t>(i)].get(), i);

    // The destructor alone does the same.
    std::atomic<int> by_destructor{0};
    {
      ThreadPool pool(3);
      for (int i = 0; i < 200; ++i) {
        pool.submit([&] {
          std::this_thread::sleep_for(50us);
          ++by_destructor;
        });
      }
    }
    EXPECT_EQ(by_destructor, 200) << "the destructor must finish the queued tasks before it returns";
  });
}

// Several threads submit at once; every task must run exactly once.
GRADED_TEST(ThreadPool, ConcurrentSubmittersLoseNothing, 1) {
  within_time_limit(10, [] {
    constexpr int submitters = 4;
    constexpr int per_submitter = 3000;
    auto counts = std::make_unique<std::atomic<int>[]>(submitters * per_submitter);
    {
      ThreadPool pool(3);
      std::vector<std::jthread> threads;
      for (int s = 0; s < submitters; ++s) {
        threads.emplace_back([&, s] {
          std::vector<std::future<void>> mine;
          for (int i = 0; i < per_submitter; ++i) {
            mine.push_back(pool.submit([&counts, id = s * per_submitter + i] { ++counts[id]; }));
          }
          for (auto& f : mine) f.get();
        });
      }
    }
    for (int id = 0; id < submitters * per_submitter; ++id) ASSERT_EQ(counts[id].load(), 1) << "task " << id;
  });
}

// Many tiny tasks: a pool pays for its threads once, one thread per task pays for a thread every time.
// The baseline starts the tasks' threads in waves of eight and joins each wave. 2,000 tasks keep the
// baseline short (about 0.1 s a run on a quiet machine, up to ten times that under load) so that its
// pairs fit the time budget; the pool's advantage per task does not depend on the count.
GRADED_TEST(Speed, PoolBeatsThreadPerTask, 3) {
  HPC_REQUIRE_SPEED_BUILD();
  within_time_limit(60, [] {
    constexpr int tasks = 2'000;
    constexpr int wave = 8;
    std::atomic<std::int64_t> sink{0};
    auto tiny = [&sink](int i) { sink.fetch_add(i, std::memory_order_relaxed); };
    const auto cmp = hpc::common::compare_speed(
        "one std::thread per task",
        [&] {
          for (int first = 0; first < tasks; first += wave) {
            std::vector<std::thread> threads;
            for (int i = first; i < first + wave; ++i) threads.emplace_back(tiny, i);
            for (auto& t : threads) t.join();
          }
        },
        "ThreadPool(2)",
        [&] {
          ThreadPool pool(2);
          std::vector<std::future<void>> done;
          done.reserve(tasks);
          for (int i = 0; i < tasks; ++i) done.push_back(pool.submit([&tiny, i] { tiny(i); }));
          for (auto& f : done) f.get();
        });
    EXPECT_SPEEDUP_AT_LEAST(cmp, 3.0);
  });
}

}  // namespace
