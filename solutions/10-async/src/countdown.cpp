// Lab 10, task 3 (reference): the book's countdowns and prime checks on one Asio io_context, and the
// executor (an asio::thread_pool) for blocking and CPU-bound work.
#include "hpc/async/countdown.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_awaitable.hpp>
#include <string>
#include <thread>

namespace hpc::async {
namespace {

std::string countdown_text(char name, int n) { return std::string(1, name) + " = " + std::to_string(n); }

void count_down_blocking_call(const Countdown& c, EventLog& log) {
  for (int n = c.from; n > 0; --n) {
    std::this_thread::sleep_for(c.delay);
    log.add(countdown_text(c.name, n), c.name - 'A');
  }
}

asio::awaitable<void> count_down_on_timer(Countdown c, EventLog& log) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int n = c.from; n > 0; --n) {
    timer.expires_after(c.delay);
    co_await timer.async_wait(asio::use_awaitable);
    log.add(countdown_text(c.name, n), c.name - 'A');
  }
}

// A coroutine in name only: nothing is awaited, so the loop gets no turn while it sleeps.
asio::awaitable<void> count_down_sleeping_the_thread(Countdown c, EventLog& log) {
  count_down_blocking_call(c, log);
  co_return;
}

std::string verdict_text(std::uint64_t x, bool prime) {
  return std::to_string(x) + (prime ? " is a prime number." : " is not a prime number.");
}

bool check_one_prime(std::uint64_t x, EventLog& log) {
  log.add("Processing " + std::to_string(x) + "...");
  const bool prime = is_prime_by_trial_division(x, [](std::uint64_t) {});
  log.add(verdict_text(x, prime));
  return prime;
}

// The check cannot yield from inside the given helper's callback (a lambda is no coroutine), so it walks
// the same divisors itself and uses the helper only for the tiny cases the loop does not reach.
asio::awaitable<void> check_one_prime_yielding(std::uint64_t x, EventLog& log, std::uint64_t yield_every,
                                               bool& verdict) {
  log.add("Processing " + std::to_string(x) + "...");
  bool prime = true;
  if (x < 5 || x % 2 == 0) {
    prime = is_prime_by_trial_division(x, [](std::uint64_t) {});
  } else {
    for (std::uint64_t i = 3; i <= x / i; i += 2) {
      if (x % i == 0) {
        prime = false;
        break;
      }
      if (i % yield_every == 1) co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
    }
  }
  log.add(verdict_text(x, prime));
  verdict = prime;
}

// Runs `job` on the pool and resumes the awaiting coroutine on its own (the loop's) executor.
template <class Job>
asio::awaitable<void> in_executor(asio::thread_pool& pool, Job job) {
  co_await asio::co_spawn(
      pool,
      [job]() -> asio::awaitable<void> {
        job();
        co_return;
      },
      asio::use_awaitable);
}

}  // namespace

void run_countdowns_sync(std::span<const Countdown> countdowns, EventLog& log) {
  for (const Countdown& c : countdowns) count_down_blocking_call(c, log);
}

void run_countdowns_async(std::span<const Countdown> countdowns, EventLog& log) {
  asio::io_context countdown_loop;  // run by the calling thread alone: every line is written there
  for (const Countdown& c : countdowns)
    asio::co_spawn(countdown_loop, count_down_on_timer(c, log), asio::detached);
  countdown_loop.run();
}

void run_countdowns_blocking(std::span<const Countdown> countdowns, EventLog& log) {
  asio::io_context loop;
  for (const Countdown& c : countdowns)
    asio::co_spawn(loop, count_down_sleeping_the_thread(c, log), asio::detached);
  loop.run();
}

void run_countdowns_in_executor(std::span<const Countdown> countdowns, EventLog& log, unsigned workers) {
  asio::thread_pool pool(workers);
  asio::io_context loop;
  for (const Countdown& c : countdowns)
    asio::co_spawn(loop, in_executor(pool, [c, &log] { count_down_blocking_call(c, log); }), asio::detached);
  loop.run();
  pool.join();
}

std::vector<bool> check_primes_sync(std::span<const std::uint64_t> numbers, EventLog& log) {
  std::vector<bool> verdicts;
  for (std::uint64_t x : numbers) verdicts.push_back(check_one_prime(x, log));
  return verdicts;
}

std::vector<bool> check_primes_async(std::span<const std::uint64_t> numbers, EventLog& log,
                                     std::uint64_t yield_every) {
  // vector<bool> packs bits: coroutines write into plain bools, copied out at the end.
  std::vector<char> verdicts(numbers.size());
  asio::io_context loop;
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    asio::co_spawn(
        loop,
        [&, k]() -> asio::awaitable<void> {
          bool verdict = false;
          co_await check_one_prime_yielding(numbers[k], log, yield_every, verdict);
          verdicts[k] = verdict;
        },
        asio::detached);
  }
  loop.run();
  return {verdicts.begin(), verdicts.end()};
}

std::vector<bool> check_primes_in_executor(std::span<const std::uint64_t> numbers, EventLog& log,
                                           unsigned workers) {
  // One char per number, each written by one pool thread: no two threads share a byte (vector<bool> would).
  std::vector<char> verdicts(numbers.size());
  asio::thread_pool pool(workers);
  asio::io_context loop;
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    auto job = [&verdicts, &log, x = numbers[k], k] { verdicts[k] = check_one_prime(x, log); };
    asio::co_spawn(loop, in_executor(pool, job), asio::detached);
  }
  loop.run();
  pool.join();
  return {verdicts.begin(), verdicts.end()};
}

}  // namespace hpc::async
