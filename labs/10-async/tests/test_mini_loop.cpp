// Lab 10, task 1: the EventLoop — spawn, run, a FIFO ready queue, exceptions of spawned tasks, frames
// destroyed with the loop.
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "mini_support.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::async::EventLog;
using hpc::async::mini::EventLoop;
using hpc::async::mini::sleep_for;
using hpc::async::mini::Task;
using hpc::async::mini::testing::joined;
using hpc::async::mini::testing::Probe;

// Counts the frames of tasks that ended and were never destroyed. It is a by-value parameter because a
// coroutine's parameters are moved into its frame and die only with the frame, after the final suspend
// point; a local of the body (a Probe) dies when the body ends, so it cannot tell a frame that leaks.
struct FrameCount {
  static inline int alive = 0;
  FrameCount() { ++alive; }
  FrameCount(FrameCount&&) noexcept { ++alive; }
  FrameCount(const FrameCount&) = delete;
  FrameCount& operator=(const FrameCount&) = delete;
  ~FrameCount() { --alive; }
};

Task<void> note(EventLog& log, std::string text, FrameCount = {}) {
  log.add(std::move(text));
  co_return;
}

Task<void> note_then_spawn(EventLoop& loop, EventLog& log) {
  log.add("first");
  loop.spawn(note(log, "spawned by first"));
  co_return;
}

GRADED_TEST(MiniLoop, SpawnedTasksStartInSpawnOrder, 2) {
  EventLoop loop;
  EventLog log;
  loop.spawn(note_then_spawn(loop, log));
  for (const char* text : {"second", "third", "fourth"}) loop.spawn(note(log, text));
  EXPECT_TRUE(log.texts().empty()) << "spawn() ran a task at once: it must only queue it until the loop runs";
  loop.run();
  const std::vector<std::string> fifo = {"first", "second", "third", "fourth", "spawned by first"};
  const std::vector<std::string> lifo = {"fourth", "third", "second", "first", "spawned by first"};
  if (log.texts() == lifo || (log.texts().size() == 5 && log.texts().front() == "spawned by first")) {
    FAIL() << "the ready queue is LIFO (a stack): tasks ran as " << joined(log.texts())
           << "; an event loop's ready queue is first-in, first-out";
  }
  EXPECT_EQ(log.texts(), fifo) << "ran as " << joined(log.texts());
  EXPECT_EQ(loop.pending_tasks(), 0u)
      << "every spawned task has finished, so the loop owns no frame any more";
  if (FrameCount::alive != 0)
    ADD_FAILURE() << "the loop must destroy a spawned task's frame when the task ends (it owns that frame), "
                     "not only when the loop is destroyed: every spawned task finished, yet "
                  << FrameCount::alive << " of their frames are still alive";
}

Task<void> on_thread(EventLog& log, int steps) {
  for (int i = 0; i < steps; ++i) {
    log.add("step");
    co_await sleep_for(i % 2 == 0 ? 0ms : 1ms);
  }
}

GRADED_TEST(MiniLoop, EverythingRunsOnTheCallersThread, 1) {
  EventLoop loop;
  EventLog log;
  for (int i = 0; i < 4; ++i) loop.spawn(on_thread(log, 6));
  loop.run();
  ASSERT_EQ(log.size(), 24u);
  ASSERT_EQ(log.threads().size(), 1u) << "the loop ran tasks on " << log.threads().size()
                                      << " threads: a single-threaded loop runs them all on the caller's";
  EXPECT_EQ(log.threads().front(), std::this_thread::get_id());
}

Task<void> fails_after(std::chrono::milliseconds delay, std::string why) {
  co_await sleep_for(delay);
  throw std::runtime_error(why);
}

Task<void> finishes_after(std::chrono::milliseconds delay, bool& finished) {
  co_await sleep_for(delay);
  finished = true;
}

GRADED_TEST(MiniLoop, ExceptionOfASpawnedTaskIsRethrownByRun, 2) {
  EventLoop loop;
  bool finished = false;
  loop.spawn(fails_after(5ms, "spawned boom"));
  loop.spawn(fails_after(15ms, "second boom"));
  loop.spawn(finishes_after(30ms, finished));
  try {
    loop.run();
    FAIL() << "run() returned normally although a spawned task threw: its exception was swallowed";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "spawned boom")
        << "two spawned tasks threw, \"spawned boom\" first: run() must rethrow the first exception, not "
           "the last";
  }
  EXPECT_TRUE(finished) << "a spawned task's exception must not stop the other tasks: run() rethrows it "
                           "only after the loop has run out of work";
  EXPECT_EQ(loop.pending_tasks(), 0u) << "the failed task's frame must be destroyed too";
  // The loop stays usable.
  EventLog log;
  loop.spawn(note(log, "after"));
  EXPECT_NO_THROW(loop.run()) << "the exception was rethrown once; a later run() must not throw it again";
  EXPECT_EQ(log.texts(), std::vector<std::string>{"after"});
  // run_until_complete is the other way the loop returns: a spawned task's failure comes out there too.
  bool awaited_finished = false;
  loop.spawn(fails_after(1ms, "boom while another task was awaited"));
  try {
    loop.run_until_complete(finishes_after(20ms, awaited_finished));
    FAIL() << "run_until_complete() returned normally although a spawned task threw while it ran: the next "
              "return from run() or run_until_complete() must rethrow it";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "boom while another task was awaited");
  }
  EXPECT_TRUE(awaited_finished) << "the spawned failure must not stop the awaited task";
}

Task<void> child_with_probe() {
  Probe probe;
  co_await sleep_for(1h);
}

Task<void> parent_with_probe() {
  Probe probe;
  co_await child_with_probe();
}

GRADED_TEST(MiniLoop, DestroyingTheLoopDestroysUnfinishedFrames, 2) {
  Probe::reset();
  {
    EventLoop loop;
    for (int i = 0; i < 10; ++i) loop.spawn(parent_with_probe());
    loop.spawn(child_with_probe());
    bool finished = false;
    loop.run_until_complete(finishes_after(10ms, finished));
    ASSERT_TRUE(finished);
    EXPECT_EQ(Probe::alive, 21) << "10 parents each awaiting a child, and one child alone, wait for an hour";
    EXPECT_EQ(loop.pending_tasks(), 11u) << "11 spawned tasks have not finished";
  }
  EXPECT_EQ(Probe::alive, 0) << "destroying the loop left " << Probe::alive
                             << " frames alive: it must destroy every unfinished spawned task "
                                "(and with it the tasks that task awaits)";
  EXPECT_EQ(Probe::destroyed, 21) << "a frame was destroyed more than once";
}

}  // namespace
