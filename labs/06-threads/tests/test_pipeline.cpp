// Graded tests, lab 06 task 2: a pipeline of stages with several workers and a clean shutdown.
#include <algorithm>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/threads/pipeline.hpp"

namespace {

using hpc::common::same_items;
using hpc::common::same_sequence;
using hpc::common::within_time_limit;
using hpc::threads::run_pipeline;
using hpc::threads::Stage;
using namespace std::chrono_literals;

std::vector<std::int64_t> iota_vector(std::int64_t n) {
  std::vector<std::int64_t> v(static_cast<std::size_t>(n));
  std::iota(v.begin(), v.end(), std::int64_t{0});
  return v;
}

GRADED_TEST(Pipeline, OneWorkerPerStageKeepsOrder, 2) {
  within_time_limit(10, [] {
    const std::vector<Stage> stages = {
        {"add one", [](std::int64_t x) { return x + 1; }, 1},
        {"double", [](std::int64_t x) { return 2 * x; }, 1},
        {"minus three", [](std::int64_t x) { return x - 3; }, 1},
    };
    const auto inputs = iota_vector(1000);
    std::vector<std::int64_t> expected;
    for (std::int64_t x : inputs) expected.push_back(2 * (x + 1) - 3);
    EXPECT_TRUE(same_sequence(expected, run_pipeline(inputs, stages, 4)));
    EXPECT_TRUE(same_sequence(expected, run_pipeline(inputs, stages, 1))) << "queues of capacity 1";
    EXPECT_TRUE(same_sequence(std::vector<std::int64_t>{}, run_pipeline({}, stages)))
        << "no input: no output, no hang";
    EXPECT_TRUE(same_sequence(inputs, run_pipeline(inputs, {}))) << "no stages: the inputs unchanged";
  });
}

// Three stages with 3, 4 and 2 workers doing uneven amounts of work: every input must come out once.
GRADED_TEST(Pipeline, SeveralWorkersLoseNothing, 2) {
  within_time_limit(20, [] {
    auto uneven = [](std::int64_t x) {
      if (x % 97 == 0) std::this_thread::sleep_for(200us);
      return x;
    };
    const std::vector<Stage> stages = {
        {"download", [&](std::int64_t x) { return uneven(x) * 3; }, 3},
        {"resize", [&](std::int64_t x) { return uneven(x) + 7; }, 4},
        {"upload", [&](std::int64_t x) { return uneven(x); }, 2},
    };
    for (const std::size_t capacity : {1u, 3u, 64u}) {
      const auto inputs = iota_vector(5000);
      const auto outputs = run_pipeline(inputs, stages, capacity);
      std::vector<std::int64_t> expected;
      for (std::int64_t x : inputs) expected.push_back(3 * x + 7);
      ASSERT_TRUE(same_items(expected, outputs)) << "queue capacity " << capacity << " (any order)";
    }
  });
}

// The last three items are slow. When the fast fourth worker of the stage finds the input closed and
// empty it stops; if it closed the next queue then, the three slow workers could not hand on their items.
GRADED_TEST(Pipeline, CloseWaitsForTheLastWorkerOfAStage, 2) {
  within_time_limit(10, [] {
    constexpr std::int64_t n = 40;
    const std::vector<Stage> stages = {
        {"slow tail",
         [](std::int64_t x) {
           if (x >= n - 3) std::this_thread::sleep_for(150ms);
           return x;
         },
         4},
        {"square", [](std::int64_t x) { return x * x; }, 2},
    };
    for (int round = 0; round < 3; ++round) {
      const auto outputs = run_pipeline(iota_vector(n), stages, 8);
      std::vector<std::int64_t> expected;
      for (std::int64_t x = 0; x < n; ++x) expected.push_back(x * x);
      ASSERT_TRUE(same_items(expected, outputs)) << "round " << round << " (any order)";
    }
  });
}

// Each item waits at a barrier for four items to be in the stage at once, so this finishes only if the
// stage's four workers really run side by side.
GRADED_TEST(Pipeline, StageWorkersRunConcurrently, 1) {
  within_time_limit(5, [] {
    std::barrier meet(4);
    const std::vector<Stage> stages = {{"meet",
                                        [&](std::int64_t x) {
                                          meet.arrive_and_wait();
                                          return x;
                                        },
                                        4}};
    EXPECT_TRUE(same_items(iota_vector(8), run_pipeline(iota_vector(8), stages, 2))) << "(any order)";
  });
}

// A stage that throws halfway through a long input with tiny queues: every thread must be released (no
// pusher left waiting on a full queue), and the caller gets the exception.
GRADED_TEST(Pipeline, FailingStageShutsDownCleanly, 2) {
  within_time_limit(10, [] {
    const std::vector<Stage> stages = {
        {"pass", [](std::int64_t x) { return x; }, 2},
        {"fail at 500",
         [](std::int64_t x) {
           if (x == 500) throw std::runtime_error("stage failed on 500");
           return x;
         },
         3},
        {"pass", [](std::int64_t x) { return x; }, 2},
    };
    try {
      run_pipeline(iota_vector(100'000), stages, 2);
      ADD_FAILURE() << "run_pipeline must rethrow the stage's exception";
    } catch (const std::runtime_error& e) {
      EXPECT_EQ(std::string(e.what()), "stage failed on 500");
    }
    const auto identity = [](std::int64_t x) { return x; };
    EXPECT_THROW(run_pipeline({1}, {{"no workers", identity, 0}}), std::invalid_argument);
    EXPECT_THROW(run_pipeline({1}, {{"no work", nullptr, 1}}), std::invalid_argument);
    EXPECT_THROW(run_pipeline({1}, {{"ok", identity, 1}}, 0), std::invalid_argument);
  });
}

}  // namespace
