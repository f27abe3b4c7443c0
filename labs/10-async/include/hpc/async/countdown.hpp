// Lab 10, task 3: the book's countdowns and prime checks on a real event loop (standalone Asio).
//
// Every function below runs a whole scenario and returns when it is over, writing what happened into an
// EventLog (event_log.hpp: time, thread, text), so the tests judge the timeline, the order and the thread
// of every line. The header names no Asio type on purpose: Asio costs seconds of compile time per file
// that includes it, so only your countdown.cpp includes it (<asio/io_context.hpp>, <asio/co_spawn.hpp>,
// <asio/steady_timer.hpp>, <asio/use_awaitable.hpp>, <asio/post.hpp>, <asio/thread_pool.hpp>, ...).
//
// Lines written to the log (exactly these texts; the tests compare them):
//   countdowns: "<name> = <n>"               e.g. "A = 3", then "A = 2", "A = 1" (indent: name - 'A')
//   primes:     "Processing <x>..."          when the check of x starts
//               "<x> is a prime number."     or "<x> is not a prime number." when it ends
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "hpc/async/event_log.hpp"

namespace hpc::async {

// One countdown of the book: `name` counts down from `from` to 1, waiting `delay` before each number.
struct Countdown {
  char name = 'A';
  std::chrono::milliseconds delay{1000};
  int from = 3;
};

// The book's three countdowns (A 1 s, B 0.8 s, C 0.5 s), with every delay multiplied by `time_scale`
// (the tests use 0.1: 100, 80 and 50 ms). Given.
inline std::vector<Countdown> book_countdowns(double time_scale = 1.0) {
  auto scaled = [time_scale](int ms) {
    return std::chrono::milliseconds(static_cast<long long>(ms * time_scale));
  };
  return {{'A', scaled(1000), 3}, {'B', scaled(800), 3}, {'C', scaled(500), 3}};
}

// --- Countdowns -----------------------------------------------------------------------------------------

// The synchronous program: one countdown after the other on the calling thread (the book: 6.9 s).
void run_countdowns_sync(std::span<const Countdown> countdowns, EventLog& log);

// The asynchronous program: each countdown is an asio::awaitable coroutine that waits on a steady_timer;
// all are co_spawn'ed on ONE io_context, which the calling thread runs until they are all done (the
// book: 3.0 s, the longest countdown, not the sum). Every log line comes from the calling thread.
void run_countdowns_async(std::span<const Countdown> countdowns, EventLog& log);

// The anti-pattern, written on purpose: the same coroutines on one io_context, but each waits with
// std::this_thread::sleep_for instead of a timer. The sleep holds the only thread, so nothing else runs
// meanwhile and the timeline is the synchronous one again.
void run_countdowns_blocking(std::span<const Countdown> countdowns, EventLog& log);

// The executor fix for blocking code: each countdown is the plain blocking one, run on an
// asio::thread_pool of `workers` threads, and a coroutine on the calling thread's io_context waits for all
// of them (asyncio's run_in_executor + gather). With a worker per countdown the timeline is the async one.
void run_countdowns_in_executor(std::span<const Countdown> countdowns, EventLog& log, unsigned workers = 3);

// --- Prime checks ---------------------------------------------------------------------------------------

// Trial division, the book's way: 2 and the odd numbers 3, 5, ... up to the square root. Given.
// `on_step(i)` is called with each odd divisor tried (the async version yields from it).
template <class OnStep>
bool is_prime_by_trial_division(std::uint64_t x, OnStep&& on_step) {
  if (x < 2) return false;
  if (x < 4) return true;
  if (x % 2 == 0) return false;
  for (std::uint64_t i = 3; i <= x / i; i += 2) {
    if (x % i == 0) return false;
    on_step(i);
  }
  return true;
}

// The numbers of the book's example, in its order: a big prime, a medium and a small one.
inline constexpr std::uint64_t kBookPrimes[] = {9637529763296797ULL, 427920331ULL, 157ULL};

// Each check in turn on the calling thread. Returns the verdicts in input order.
std::vector<bool> check_primes_sync(std::span<const std::uint64_t> numbers, EventLog& log);

// One coroutine per number, all co_spawn'ed on one io_context run by the calling thread; a check gives
// the loop a turn (co_await asio::post(...)) whenever the divisor i it just tried has i % yield_every == 1
// (the book's 100,000). On the book's numbers the log reads: Processing big, Processing 427920331,
// 427920331 is prime, Processing 157, 157 is prime, big is prime. Returns the verdicts in input order.
std::vector<bool> check_primes_async(std::span<const std::uint64_t> numbers, EventLog& log,
                                     std::uint64_t yield_every = 100000);

// The plain (non-yielding) checks run on an asio::thread_pool of `workers` threads, awaited by a coroutine
// on the calling thread's io_context. CPU work really runs in parallel here: with two cores and two
// workers, four equal checks take about half the time of check_primes_sync.
std::vector<bool> check_primes_in_executor(std::span<const std::uint64_t> numbers, EventLog& log,
                                           unsigned workers);

}  // namespace hpc::async
