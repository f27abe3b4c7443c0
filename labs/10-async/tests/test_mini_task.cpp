// Lab 10, task 1: Task<T> — lazy start, results and exceptions through co_await, symmetric transfer.
#include <pthread.h>

#include <stdexcept>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/not_implemented.hpp"
#include "hpc/common/watchdog.hpp"
#include "mini_support.hpp"

namespace {

using hpc::async::mini::EventLoop;
using hpc::async::mini::Task;
using hpc::async::mini::testing::Probe;

Task<int> constant(int value, bool& started) {
  started = true;
  co_return value;
}

GRADED_TEST(MiniTask, StartsLazilyAndReturnsItsValue, 1) {
  EventLoop loop;
  bool started = false;
  Task<int> task = constant(42, started);
  EXPECT_FALSE(started) << "creating a Task ran its body: initial_suspend must suspend (a lazy start)";
  EXPECT_EQ(loop.run_until_complete(std::move(task)), 42);
  EXPECT_TRUE(started);
}

Task<std::string> greeting(std::string name) { co_return "hello, " + name; }

Task<int> length_of_greeting(std::string name) {
  const std::string text = co_await greeting(std::move(name));
  co_return static_cast<int>(text.size());
}

Task<int> sum_of_lengths() {
  int total = 0;
  for (const char* name : {"ann", "bo", "cy"}) total += co_await length_of_greeting(name);
  co_return total;
}

GRADED_TEST(MiniTask, AwaitedTasksHandBackTheirResults, 1) {
  EventLoop loop;
  // 10 + 9 + 9: three tasks awaited in turn, each awaiting another.
  EXPECT_EQ(loop.run_until_complete(sum_of_lengths()), 28);
  EXPECT_EQ(loop.run_until_complete(greeting("dee")), "hello, dee");
}

Task<int> failing(std::string why) {
  throw std::runtime_error(why);
  co_return 0;
}

Task<int> awaits_failing(bool& caught) {
  try {
    co_await failing("boom");
  } catch (const std::runtime_error& error) {
    caught = std::string(error.what()) == "boom";
  }
  co_return co_await failing("second boom");
}

GRADED_TEST(MiniTask, ExceptionsReachTheAwaiter, 2) {
  EventLoop loop;
  bool caught = false;
  try {
    loop.run_until_complete(awaits_failing(caught));
    ADD_FAILURE() << "run_until_complete returned although the task threw: the exception was swallowed "
                     "(unhandled_exception must keep it, the awaiter must rethrow it)";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "second boom") << "run_until_complete must rethrow the task's own exception";
  } catch (const hpc::common::NotImplemented& error) {
    ADD_FAILURE() << error.what();
  } catch (const std::logic_error& error) {
    ADD_FAILURE() << "the task's std::runtime_error was lost (swallowed?); instead: " << error.what();
  }
  EXPECT_TRUE(caught) << "co_await of a task that threw std::runtime_error(\"boom\") must rethrow it in the "
                         "awaiting coroutine, where a try/catch can catch it";
}

Task<int> nested(int depth) {
  if (depth == 0) co_return 0;
  co_return 1 + co_await nested(depth - 1);
}

// Runs the chain on a thread with a 1 MiB stack: 100,000 nested resume() calls need several MiB, so a
// loop without symmetric transfer overflows it for sure, while symmetric transfer needs a constant few
// hundred bytes whatever the depth. In sanitizer builds g++ 12 does not turn symmetric transfer into a
// tail call (measured: AddressSanitizer overflows 1 MiB with the reference), so there the chain gets a
// large stack and only its result is checked; the stack check is the optimised build's.
#ifdef HPC_SANITIZER
constexpr std::size_t kChainStackBytes = std::size_t{1} << 30;
#else
constexpr std::size_t kChainStackBytes = std::size_t{1} << 20;
#endif

struct Chain {
  int depth = 0;
  int result = -1;
  std::string error;  // an exception's text: reported, so that only an overflow can crash the thread
};

void* run_chain(void* argument) {
  auto* chain = static_cast<Chain*>(argument);
  try {
    EventLoop loop;
    chain->result = loop.run_until_complete(nested(chain->depth));
  } catch (const std::exception& error) {
    chain->error = error.what();
  }
  return nullptr;
}

GRADED_TEST(MiniTask, ChainOf100000AwaitsKeepsTheStackFlat, 3) {
  // In a child process of its own: a stack overflow kills that child, and this test reports it.
  const auto result = hpc::common::run_in_child(
      [] {
        Chain chain;
        // ThreadSanitizer's bookkeeping of 100,000 nested frames takes minutes: a shorter chain there.
        chain.depth = hpc::common::thread_sanitizer_build() ? 10000 : 100000;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setstacksize(&attributes, kChainStackBytes);
        pthread_t thread;
        ASSERT_EQ(pthread_create(&thread, &attributes, run_chain, &chain), 0);
        pthread_join(thread, nullptr);
        pthread_attr_destroy(&attributes);
        ASSERT_EQ(chain.error, "") << "a chain of 100,000 awaited tasks threw";
        EXPECT_EQ(chain.result, chain.depth)
            << "a chain of " << chain.depth << " awaited tasks gave the wrong sum";
      },
      20);
  if (result.outcome == hpc::common::ChildOutcome::crashed &&
      result.message.find("SIGSEGV") != std::string::npos) {
    FAIL() << "a chain of 100,000 tasks, each awaiting the next, crashed (SIGSEGV) on a "
           << kChainStackBytes / (1 << 20) << " MiB stack (" << result.message
           << "): a stack overflow if the final suspend point calls resume() on the awaiting coroutine "
              "instead of returning its handle (symmetric transfer), or co_await resumes the callee instead "
              "of returning its handle; a frame destroyed twice also ends here (MiniTask."
              "EachFrameIsDestroyedExactlyOnce tells)";
  }
  EXPECT_EQ(result.outcome, hpc::common::ChildOutcome::passed) << result.message;
}

Task<int> with_probe(int value) {
  Probe probe;
  co_return value;
}

Task<int> awaits_with_probes() {
  Probe probe;
  const int a = co_await with_probe(1);
  const int b = co_await with_probe(2);
  co_return a + b;
}

GRADED_TEST(MiniTask, EachFrameIsDestroyedExactlyOnce, 2) {
  Probe::reset();
  {
    EventLoop loop;
    EXPECT_EQ(loop.run_until_complete(awaits_with_probes()), 3);
    EXPECT_EQ(Probe::alive, 0) << "a finished task's frame is still alive after run_until_complete "
                                  "returned (who destroys it?)";
    EXPECT_EQ(Probe::destroyed, 3) << "three frames, each holding one probe, must be destroyed exactly once "
                                      "(a frame that destroys itself at the end, final_suspend "
                                      "returning suspend_never, is destroyed again by its Task)";
  }
  EXPECT_EQ(Probe::destroyed, 3);
}

}  // namespace
