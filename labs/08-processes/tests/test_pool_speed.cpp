// Task 3: the pool's speed, as ratios measured in the same run (DESIGN.md §5).
//  - CPU-bound hashing (seed 004): a pool of two workers against a pool of one, on two cores;
//  - small tasks: the pool against one fork per task (what a pool exists to avoid).
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/processes/process_pool.hpp"
#include "pool_workload.hpp"
#include "support.hpp"

namespace {

using hpc::processes::ProcessPool;
using hpc::processes::testing::answers_of;
using hpc::processes::testing::hash_rounds;
using hpc::processes::testing::words;

using PoolSpeed = hpc::processes::testing::ChildFree;

std::string tiny(std::string_view input) { return std::string(input) + "."; }

// The baseline of the small-task test: what the pool replaces, written here so that it does not depend on
// the student's code -- fork a child per input, get its answer over a pipe, reap it.
std::vector<std::string> fork_per_task(std::string (*fn)(std::string_view),
                                       const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  for (const auto& input : inputs) {
    int fds[2];
    if (::pipe(fds) != 0) return out;
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      const std::string answer = fn(input);
      [[maybe_unused]] auto n = ::write(fds[1], answer.data(), answer.size());
      ::_exit(0);
    }
    ::close(fds[1]);
    std::string answer;
    char buffer[256];
    ssize_t n;
    while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0)
      answer.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    out.push_back(answer);
  }
  return out;
}

GRADED_TEST_F(PoolSpeed, TwoWorkersBeatOneOnCpuBoundHashing, 3) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  constexpr double bar = 1.4;
  const auto inputs = words(24);
  ProcessPool one(1);
  ProcessPool two(2);
  std::vector<std::string> a, b;
  auto measure = [&] {
    return hpc::common::compare_speed(
        "ProcessPool(1).map", [&] { a = answers_of(one.map(hash_rounds, inputs)); }, "ProcessPool(2).map",
        [&] { b = answers_of(two.map(hash_rounds, inputs)); });
  };
  const hpc::common::SpeedComparison first = measure();
  ASSERT_EQ(a, b) << "the two pools disagree";
  ASSERT_EQ(a.at(5), hash_rounds(inputs[5]));
  hpc::common::expect_two_core_speedup(first, measure, bar, {.subject = "your pool"});
}

GRADED_TEST_F(PoolSpeed, SmallTasksBeatAForkPerTask, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  constexpr double bar = 3.0;
  const auto inputs = words(200);
  ProcessPool pool(2);
  std::vector<std::string> a, b;
  const auto cmp = hpc::common::compare_speed(
      "a fork per task", [&] { a = fork_per_task(tiny, inputs); }, "ProcessPool(2).map",
      [&] { b = answers_of(pool.map(tiny, inputs)); });
  ASSERT_EQ(a, b);
  EXPECT_SPEEDUP_AT_LEAST(cmp, bar);
}

}  // namespace
