// Seed 003's Fibonacci experiment: fib(34) started on 1, 2, 3, 4 and 8 Python threads, printing the
// elapsed time divided by the number of threads. If threads ran in parallel that number would fall;
// it rises, because of the global interpreter lock. (The seed's cell never joins its threads, so it
// timed the start-up, not the work; the pattern is still the GIL's.)
//
// We time the work (every thread joined) twice: with no shared state at all, the way C++ threads run by
// default, and with one global lock that a thread must hold while it computes and hands over every
// so many calls, which is how CPython's GIL schedules threads (it asks the running thread to let go
// every 5 ms). With the global lock, 2 threads are no faster than 1.
//
//   ch06_demo_global_lock           fib(34) on 1, 2, 3, 4, 8 threads
//   ch06_demo_global_lock --quick   fib(28) (CI)
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

std::uint64_t fib(int n) { return n <= 2 ? 1 : fib(n - 1) + fib(n - 2); }

// [snippet:global-lock]
// A toy GIL: a thread computes only while it holds `interpreter`, and every kSwitchInterval calls it lets
// go and takes the lock again, so a waiting thread gets a turn. The checks cost time even with one thread.
std::mutex interpreter;
constexpr std::uint32_t kSwitchInterval = 1u << 16;
thread_local std::uint32_t ticks = 0;

std::uint64_t fib_holding(int n, std::unique_lock<std::mutex>& held) {
  if (++ticks == kSwitchInterval) {
    ticks = 0;
    held.unlock();  // drop the "GIL"...
    std::this_thread::yield();
    held.lock();  // ...and queue up for it again
  }
  return n <= 2 ? 1 : fib_holding(n - 1, held) + fib_holding(n - 2, held);
}

std::uint64_t fib_under_global_lock(int n) {
  std::unique_lock held(interpreter);
  return fib_holding(n, held);
}
// [/snippet:global-lock]

// Starts `threads` threads, each computing fib(n), and joins them all: the seed's runthreads, joined.
template <class Fib>
double run_threads(int threads, int n, Fib fib_function, bool& right, std::uint64_t expected) {
  std::vector<std::uint64_t> results(threads, 0);
  const double seconds = hpc::common::demo::best_seconds(
      [&] {
        std::vector<std::jthread> pool;
        for (int t = 0; t < threads; ++t) pool.emplace_back([&, t] { results[t] = fib_function(n); });
      },
      7);
  for (const auto r : results) right = right && r == expected;
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick =
      parse_quick(argc, argv, "Seed 003's fib threads: no shared lock against one global lock.");
  int n = quick ? 28 : 34;
  keep(n);
  const std::uint64_t expected = fib(n);
  bool right = true;

  // The seed's printed values: elapsed / threads in seconds, for fib(34) (not joined, see above).
  const std::vector<std::pair<int, std::string>> seed = {
      {1, "0.00547"}, {2, "0.0107"}, {3, "0.0330"}, {4, "0.0514"}, {8, "0.0285"}};
  Table table({"threads", "no lock: wall (ms)", "per fib (ms)", "speed-up", "global lock: wall (ms)",
               "per fib (ms)", "speed-up", "seed per thread (s)"});
  double one_free = 0;
  double one_locked = 0;
  for (const auto& [threads, seed_value] : seed) {
    const double free = run_threads(threads, n, fib, right, expected);
    const double locked = run_threads(threads, n, fib_under_global_lock, right, expected);
    if (threads == 1) {
      one_free = free;
      one_locked = locked;
    }
    // speed-up: how many fibs per second, against one thread of the same kind
    table.row({std::to_string(threads), fixed(free * 1e3, 1), fixed(free * 1e3 / threads, 2),
               fixed(one_free * threads / free, 2) + "x", fixed(locked * 1e3, 1),
               fixed(locked * 1e3 / threads, 2), fixed(one_locked * threads / locked, 2) + "x",
               quick ? "-" : seed_value});
  }
  table.print();
  std::cout << "\nfib(" << n << ") = " << grouped(expected) << " on every thread, best of 7, "
            << std::thread::hardware_concurrency()
            << " cores. Speed-up is fibs per second against one thread\nof the same kind. Without a "
               "shared lock, 2 threads do twice the work in the same time and more threads\nthan cores "
               "only queue up; with the global lock, the work is done one thread at a time whatever\nthe "
               "thread count, plus the cost of handing the lock over. One thread under the lock costs "
            << fixed(one_locked / one_free, 2)
            << "x the\nlock-free time: the checks are the price the "
               "single-threaded program pays.\n";
  return right ? 0 : 1;
}
