// Lab 10, task 2: gather — concurrent, results in argument order, exceptions after all have ended.
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "mini_support.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::async::mini::Clock;
using hpc::async::mini::EventLoop;
using hpc::async::mini::gather;
using hpc::async::mini::sleep_for;
using hpc::async::mini::Task;
using hpc::async::mini::testing::timing_scale;

Task<std::string> after(std::chrono::milliseconds delay, std::string value) {
  co_await sleep_for(delay);
  co_return value;
}

GRADED_TEST(MiniGather, ResultsComeInArgumentOrder, 2) {
  EventLoop loop;
  std::vector<Task<std::string>> tasks;
  tasks.push_back(after(30ms, "slow"));
  tasks.push_back(after(0ms, "at once"));
  tasks.push_back(after(10ms, "quick"));
  const std::vector<std::string> results = loop.run_until_complete(gather(std::move(tasks)));
  EXPECT_EQ(results, (std::vector<std::string>{"slow", "at once", "quick"}))
      << "gather gives the results in the order of its arguments, whatever order the tasks end in";
  EXPECT_TRUE(loop.run_until_complete(gather(std::vector<Task<int>>{})).empty());
}

GRADED_TEST(MiniGather, TakesTheLongestNotTheSum, 3) {
  EventLoop loop;
  std::vector<Task<std::string>> tasks;
  for (int i = 0; i < 4; ++i) tasks.push_back(after(60ms, std::to_string(i)));
  const auto start = Clock::now();
  const auto results = loop.run_until_complete(gather(std::move(tasks)));
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  EXPECT_EQ(results.size(), 4u);
  EXPECT_GE(ms, 60.0);
  EXPECT_LT(ms, 60 + 60 * timing_scale()) << "gather of four 60 ms sleeps took " << ms
                                          << " ms: about the sum (240 ms) means the sleeps ran one after "
                                             "the other (gather awaits its tasks in turn, or sleep_for "
                                             "blocks the thread); concurrently it takes the longest, 60 ms";
}

Task<int> fails_after(std::chrono::milliseconds delay, std::string why) {
  co_await sleep_for(delay);
  throw std::runtime_error(why);
}

Task<int> value_after(std::chrono::milliseconds delay, int value, int& finished) {
  co_await sleep_for(delay);
  ++finished;
  co_return value;
}

GRADED_TEST(MiniGather, FailureIsRethrownAfterEveryTaskEnded, 2) {
  EventLoop loop;
  int finished = 0;
  std::vector<Task<int>> tasks;
  tasks.push_back(value_after(20ms, 1, finished));
  tasks.push_back(fails_after(40ms, "second"));
  tasks.push_back(fails_after(5ms, "third"));
  tasks.push_back(value_after(60ms, 4, finished));
  const auto start = Clock::now();
  try {
    loop.run_until_complete(gather(std::move(tasks)));
    FAIL() << "gather returned although two of its tasks threw: the exceptions were swallowed";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "second") << "gather rethrows the first failed task's exception in argument "
                                            "order (the one of argument 2), not the first to happen";
  }
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  EXPECT_EQ(finished, 2) << "every task runs to its end even when another fails";
  EXPECT_GE(ms, 60.0) << "gather ended before its longest task";
}

}  // namespace
