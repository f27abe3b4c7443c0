// Helpers shared by the tests of lab 10, part (a) (the tiny event loop).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "hpc/async/event_log.hpp"
#include "hpc/async/mini_loop.hpp"

namespace hpc::async::mini::testing {

using namespace std::chrono_literals;

// How much later than asked a timer may fire in this build before a timeline test fails: the loop's
// own delay is tiny, but a sanitizer build (TSan slows every instrumented step several times, as in lab
// 07's kTsanTimingScale) or a loaded machine wakes the thread late. Timers may never fire early.
inline constexpr double kTsanTimingScale = 3.0;
double timing_scale();

// Counts the coroutine frames alive: a Probe lives in a task's frame, so its destructor runs exactly
// when the frame is destroyed (once, if the loop is right).
struct Probe {
  static inline int alive = 0;
  static inline int destroyed = 0;
  Probe() { ++alive; }
  Probe(const Probe&) = delete;
  Probe& operator=(const Probe&) = delete;
  ~Probe() {
    --alive;
    ++destroyed;
  }
  static void reset() { alive = destroyed = 0; }
};

// CPU time this thread has used, in seconds (CLOCK_THREAD_CPUTIME_ID).
double thread_cpu_seconds();

// Voluntary context switches of this thread so far (getrusage, RUSAGE_THREAD): each time it went to sleep.
// A loop that sleeps until its next deadline adds one per wait; one that naps 1 ms at a time and looks
// again adds one per millisecond, while using too little CPU for a CPU bar to see.
long thread_voluntary_switches();

// The book's countdown in our loop: `name` counts from `from` down to 1, one step every `delay`, each
// step a line "<name><n>" (e.g. "C3"), indented by the name as the book does.
hpc::async::mini::Task<void> count_down(char name, std::chrono::milliseconds delay, hpc::async::EventLog& log,
                                        int from = 3);
// The synchronous countdown: the same lines, the thread sleeping in each step.
void count_down_sync(char name, std::chrono::milliseconds delay, hpc::async::EventLog& log, int from = 3);

// The book's prime check as a coroutine: "P<x>" when it starts, "R<x>" when it ends with the verdict
// (all three inputs of the book are prime); yields (sleep_for(0)) whenever i % 100000 == 1, as the book's
// asyncio version does.
hpc::async::mini::Task<bool> is_prime_yielding(std::uint64_t x, hpc::async::EventLog& log);

// "A3 B3 ..." for a failure message.
std::string joined(const std::vector<std::string>& texts);

}  // namespace hpc::async::mini::testing
