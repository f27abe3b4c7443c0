// The book's chapters 16 and 17: checking three numbers for primality, synchronously, as coroutines on
// one event loop that yield every 100,000 divisors, and in an executor of worker threads.
//
//   ch10_demo_primes            the book's numbers: 9637529763296797, 427920331, 157
//   ch10_demo_primes --quick    the same (they take about a tenth of a second in C++); one timing run
//
// The event order is the point of the coroutine version: 427920331 and 157 finish while the big number
// is still being checked, because its coroutine hands the loop back every 100,000 divisors. The times
// are the other point: on one thread the coroutines are not faster than the plain loop (the work is CPU
// work, and the hand-backs cost a little); only worker threads on several cores make it faster.
//
// Exits 1 when the coroutine order is not the book's.
#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_awaitable.hpp>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "hpc/common/demo.hpp"
#include "timeline.hpp"

namespace {

using hpc::common::demo::fixed;

ch10::Timeline timeline;
std::vector<std::string> events;  // what happened, in order (checked against the book's order)
bool quiet = false;

std::mutex events_mutex;  // the executor's threads report at the same time

void report(const std::string& text) {
  std::scoped_lock lock(events_mutex);
  events.push_back(text);
  if (!quiet) timeline.print(text);
}

// [snippet:is-prime-sync]
bool is_prime(std::uint64_t x) {
  report("Processing " + std::to_string(x) + "...");
  if (x < 2) return false;
  for (std::uint64_t i = 2; i * i <= x; ++i) {
    if (x % i == 0) {
      report(std::to_string(x) + " is not a prime number.");
      return false;
    }
  }
  report(std::to_string(x) + " is a prime number.");
  return true;
}
// [/snippet:is-prime-sync]

// [snippet:is-prime-async]
asio::awaitable<bool> is_prime_async(std::uint64_t x) {
  report("Processing " + std::to_string(x) + "...");
  if (x < 2) co_return false;
  for (std::uint64_t i = 2; i * i <= x; ++i) {
    if (x % i == 0) {
      report(std::to_string(x) + " is not a prime number.");
      co_return false;
    }
    // asyncio.sleep(0): go to the back of the loop's ready queue, so the other coroutines get a turn.
    if (i % 100000 == 1) co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  }
  report(std::to_string(x) + " is a prime number.");
  co_return true;
}
// [/snippet:is-prime-async]

const std::vector<std::uint64_t> kNumbers{9637529763296797ULL, 427920331ULL, 157ULL};

double run_sync() {
  timeline.restart();
  for (const auto x : kNumbers) is_prime(x);
  return timeline.seconds();
}

double run_async() {
  asio::io_context loop;  // one thread: this one
  for (const auto x : kNumbers)
    asio::co_spawn(loop, is_prime_async(x), asio::detached);  // loop.create_task(is_prime(x))
  timeline.restart();
  loop.run();
  return timeline.seconds();
}

// [snippet:executor]
// loop.run_in_executor(executor, is_prime, x) for each number, then gather: the event loop's coroutine
// hands the plain, blocking is_prime to a pool's thread and is resumed on the loop when it returns.
asio::awaitable<void> check_in(asio::thread_pool& pool, std::uint64_t x) {
  co_await asio::co_spawn(
      pool, [x]() -> asio::awaitable<bool> { co_return is_prime(x); }, asio::use_awaitable);
}

double run_in_executor(unsigned workers) {
  asio::io_context loop;
  asio::thread_pool pool(workers);  // the book uses ProcessPoolExecutor(3); C++ threads run in parallel
  using namespace asio::experimental::awaitable_operators;
  asio::co_spawn(loop,
                 check_in(pool, kNumbers[0]) && check_in(pool, kNumbers[1]) && check_in(pool, kNumbers[2]),
                 asio::detached);
  timeline.restart();
  loop.run();
  return timeline.seconds();
}
// [/snippet:executor]

// Asks for the book's order of the coroutine version: the two small numbers finish inside the big
// one's first 100,000 divisors.
bool book_order() {
  const auto start = [](std::uint64_t x) { return "Processing " + std::to_string(x) + "..."; };
  const auto prime = [](std::uint64_t x) { return std::to_string(x) + " is a prime number."; };
  const auto [big, medium, small] = std::tuple{kNumbers[0], kNumbers[1], kNumbers[2]};
  const std::vector<std::string> book{start(big),   start(medium), prime(medium),
                                      start(small), prime(small),  prime(big)};
  return events == book;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long repeats = 3;
  hpc::common::demo::Args args(argv[0],
                               "The book's prime checks: sync, coroutines on one loop, an executor.");
  args.flag("quick", quick, "one timing run (what CI runs)")
      .option("repeats", repeats, "timing runs, best kept");
  args.parse(argc, argv);
  if (quick && !args.given("repeats")) repeats = 1;

  std::printf("## synchronous (book chapter 16, example 1)\n\n");
  run_sync();
  std::printf("\n## coroutines on one event loop, yielding every 100,000 divisors (example 2)\n\n");
  events.clear();
  run_async();
  const bool order_ok = book_order();
  std::printf("\nthe book's order: %s\n", order_ok ? "yes" : "NO");
  std::printf("\n## executor: asio::thread_pool(3), gathered on the loop (chapter 17, example 6)\n\n");
  run_in_executor(3);
  std::printf("\nthreads that printed: %zu\n\n", timeline.threads_seen());

  quiet = true;  // timings without the printing
  struct Way {
    std::string name;
    std::string book;
    double seconds;
  };
  const auto best = [&](auto run) {
    double b = 1e300;
    for (long r = 0; r < repeats; ++r) b = std::min(b, run());
    return b;
  };
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  std::vector<Way> ways{
      {"synchronous", "5.60", best(run_sync)},
      {"coroutines, one loop", "7.89", best(run_async)},
      {"executor, 2 threads", "", best([] { return run_in_executor(2); })},
      {"executor, 3 threads", "5.26 (3 processes)", best([] { return run_in_executor(3); })}};
  hpc::common::demo::Table table({"way", "book (s)", "ours (s)", "sync / way"});
  for (const auto& way : ways)
    table.row({way.name, way.book.empty() ? "-" : way.book, fixed(way.seconds, 4),
               fixed(ways[0].seconds / way.seconds, 2) + "x"});
  std::printf("best of %ld, %u cores:\n\n", repeats, cores);
  table.print();
  std::printf(
      "\nThe big number dominates: one worker checks it alone, so more workers than that cannot help.\n");
  return order_ok ? 0 : 1;
}
