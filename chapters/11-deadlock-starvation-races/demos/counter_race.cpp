// The book's counter race (ch. 21, example1-3): 20 threads each read a shared counter, pause, and
// write back what they read plus one. Without a lock, updates are lost and the count changes from run
// to run; with a lock the count is right, and a lock held across the pause makes 20 threads exactly as
// slow as one. Then the same race forced, so the result no longer depends on luck, against several
// "locks": none, one per thread (a lock that locks nothing), one shared lock split in two, one shared
// lock around the whole update, and an atomic increment.
//
//   ch11_demo_counter_race            one book second = 100 ms (about 5 s in all)
//   ch11_demo_counter_race --quick    one book second = 10 ms (CI)
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <iostream>
#include <latch>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/races/counters.hpp"
#include "hpc/races/synchronized.hpp"

namespace {

using namespace hpc::common::demo;
using Clock = std::chrono::steady_clock;
using Ms = std::chrono::duration<double, std::milli>;

constexpr int kThreads = 20;

// The counter is a std::atomic<int> read and written in two separate steps. Each step is well defined,
// so this is a race condition (a wrong answer), not a data race (undefined behaviour): the same thing
// the book's Python does, and ThreadSanitizer stays quiet about it.
struct Run {
  int counter = 0;
  double ms = 0;
};

// Runs body(t) on kThreads threads and times them. With `together`, a latch holds every thread at the
// start until all exist (the forced runs need that); without it, each thread runs as soon as it is
// started, one after the other, as the book's loop of start() calls does.
Run run_threads(const std::function<void(int)>& body, bool together = true) {
  std::latch start(together ? kThreads + 1 : 1);
  const auto t0 = Clock::now();
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        if (together) start.arrive_and_wait();
        body(t);
      });
    }
    if (together) start.arrive_and_wait();
  }  // joins
  return {0, Ms(Clock::now() - t0).count()};
}

// [snippet:book-update]
// The book's update(): read, "process" for a while, write back.
void update(std::atomic<int>& counter, Ms pause) {
  const int current = counter.load();
  std::this_thread::sleep_for(pause);
  counter.store(current + 1);
}
// [/snippet:book-update]

// A gap between a thread's read and its write, held open until every thread has read (or, when the
// others cannot get to their read, until `patience` runs out).
class ForcedGap {
 public:
  explicit ForcedGap(Ms patience) : patience_(patience) {}
  void after_read() {
    have_read_.fetch_add(1);
    const auto until = Clock::now() + patience_;
    while (have_read_.load() < kThreads && Clock::now() < until) std::this_thread::yield();
  }

 private:
  Ms patience_;
  std::atomic<int> have_read_{0};
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double unit_ms = 100;
  Args args(argv[0], "The book's counter race (ch. 21), then the race forced against several kinds of lock.");
  args.flag("quick", quick, "one book second = 10 ms (what CI runs)")
      .option("unit-ms", unit_ms, "milliseconds per book second (default 100)")
      .parse(argc, argv);
  if (quick && !args.given("unit-ms")) unit_ms = 10;
  const Ms unit(unit_ms);

  // ---- Part 1: the book's programs, with a pause of 0 or 1 "second" per thread. ----
  // example3 draws the pauses once with a fixed seed; in the book's run 12 of the 20 threads paused
  // (12.03 s). We shuffle 12 ones and 8 zeros with a fixed seed.
  std::vector<int> pauses(kThreads, 0);
  std::fill(pauses.begin(), pauses.begin() + 12, 1);
  std::shuffle(pauses.begin(), pauses.end(), std::mt19937(0));

  Table book({"program", "book: final counter", "book: time", "ours: final counter", "ours: time (ms)",
              "book time, scaled (ms)"});
  std::random_device entropy;
  for (int attempt = 0; attempt < 3; ++attempt) {
    // example1: each thread pauses 0 or 1 unit at random, no lock.
    std::atomic<int> counter{0};
    std::mt19937 coin(entropy());
    std::vector<int> coins(kThreads);
    for (int& c : coins) c = static_cast<int>(coin() % 2);
    const Run run = run_threads([&](int t) { update(counter, coins[t] * unit); }, false);
    const char* book_counts[] = {"9", "12", "5"};
    book.row({"example1, run " + std::to_string(attempt + 1) + ", no lock", book_counts[attempt], "-",
              std::to_string(counter.load()), fixed(run.ms, 0), "-"});
  }
  {
    // example2: the whole update under one lock.
    std::atomic<int> counter{0};
    std::mutex lock;
    const Run run = run_threads([&](int t) {
      // [snippet:locked-update]
      std::lock_guard guard(lock);  // read, pause and write form one critical section
      update(counter, pauses[t] * unit);
      // [/snippet:locked-update]
    });
    book.row(
        {"example2, lock around update", "20", "-", std::to_string(counter.load()), fixed(run.ms, 0), "-"});
  }
  {
    // example3: the same locked update, sequentially and concurrently.
    std::atomic<int> counter{0};
    const auto t0 = Clock::now();
    for (int t = 0; t < kThreads; ++t) update(counter, pauses[t] * unit);
    const double sequential_ms = Ms(Clock::now() - t0).count();
    book.row({"example3, sequential", "20", "12.03 s", std::to_string(counter.load()),
              fixed(sequential_ms, 0), fixed(12.03 * unit_ms, 0)});
    counter.store(0);
    std::mutex lock;
    const Run run = run_threads([&](int t) {
      std::lock_guard guard(lock);
      update(counter, pauses[t] * unit);
    });
    book.row({"example3, 20 threads, lock around update", "20", "12.03 s", std::to_string(counter.load()),
              fixed(run.ms, 0), fixed(12.03 * unit_ms, 0)});
  }
  {
    // Finer granularity: pause outside the lock, lock only the increment.
    std::atomic<int> counter{0};
    std::mutex lock;
    const Run run = run_threads([&](int t) {
      // [snippet:fine-grained]
      std::this_thread::sleep_for(pauses[t] * unit);  // the slow part needs no shared data
      std::lock_guard guard(lock);
      counter.store(counter.load() + 1);  // only the read-modify-write is critical
      // [/snippet:fine-grained]
    });
    book.row({"20 threads, lock around the increment only", "-", "-", std::to_string(counter.load()),
              fixed(run.ms, 0), "-"});
  }

  // ---- Part 2: the race forced. Every thread reads, then waits until all 20 have read. ----
  const Ms patience = quick ? Ms(20) : Ms(100);
  Table forced({"variant", "final counter", "time (ms)"});
  const auto forced_row = [&](const std::string& name,
                              const std::function<void(std::atomic<int>&, ForcedGap&)>& body) {
    std::atomic<int> counter{0};
    ForcedGap gap(patience);
    const Run run = run_threads([&](int) { body(counter, gap); });
    forced.row({name, std::to_string(counter.load()), fixed(run.ms, 0)});
  };
  forced_row("no lock", [](std::atomic<int>& counter, ForcedGap& gap) {
    const int seen = counter.load();
    gap.after_read();
    counter.store(seen + 1);
  });
  // [snippet:lock-that-locks-nothing]
  forced_row("a lock per thread (locks nothing)", [](std::atomic<int>& counter, ForcedGap& gap) {
    std::mutex my_own_lock;  // every thread makes its own: nobody else ever waits for it
    std::lock_guard guard(my_own_lock);
    const int seen = counter.load();
    gap.after_read();
    counter.store(seen + 1);
  });
  // [/snippet:lock-that-locks-nothing]
  std::mutex shared;
  forced_row("one shared lock, read and write locked separately",
             [&](std::atomic<int>& counter, ForcedGap& gap) {
               int seen = 0;
               {
                 std::lock_guard guard(shared);
                 seen = counter.load();
               }
               gap.after_read();
               std::lock_guard guard(shared);
               counter.store(seen + 1);
             });
  forced_row("one shared lock around read and write", [&](std::atomic<int>& counter, ForcedGap& gap) {
    std::lock_guard guard(shared);
    const int seen = counter.load();
    gap.after_read();  // nobody else can read now: the gap waits out its patience and closes
    counter.store(seen + 1);
  });
  forced_row("std::atomic fetch_add (no gap to force)",
             [](std::atomic<int>& counter, ForcedGap&) { counter.fetch_add(1); });
  forced.row({"lab: hpc::races::lost_update (std::barrier)",
              std::to_string(hpc::races::lost_update(kThreads)), "-"});
  {
    // [snippet:synchronized]
    hpc::races::Synchronized<std::vector<int>> arrivals;  // the vector is reachable only under its lock
    const Run run = run_threads([&](int t) { arrivals.with([&](std::vector<int>& v) { v.push_back(t); }); });
    const auto size = arrivals.with([](const std::vector<int>& v) { return v.size(); });
    // [/snippet:synchronized]
    forced.row(
        {"lab: Synchronized<std::vector<int>>, one push_back each", std::to_string(size), fixed(run.ms, 0)});
  }

  std::cout << kThreads << " threads, each adding 1 to a shared counter (the right answer is 20); one book "
            << "second = " << fixed(unit_ms, 0) << " ms\n\n";
  book.print();
  std::cout << "\nForced: each thread waits after its read until all " << kThreads << " have read (at most "
            << fixed(patience.count(), 0) << " ms)\n\n";
  forced.print();
  std::cout
      << "\nA lock protects data only if every thread that touches the data takes the same lock for the\n"
         "whole read-modify-write. A lock per thread, or a shared lock released between the read and\n"
         "the write, leaves the race exactly where it was.\n";
  return 0;
}
