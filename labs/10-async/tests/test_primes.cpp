// Lab 10, task 3: the book's prime checks on one event loop (no speed-up: CPU work) and in an executor
// (a real speed-up with two workers on two cores).
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "asio_timing.hpp"
#include "hpc/async/countdown.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"

using namespace hpc::async;
using namespace hpc::async::asio_tests;

namespace {

// Four primes of about the same size (each near the book's 9637529763296797, about 49 million odd
// divisors to try): two workers finish them in about half the time of one thread.
constexpr std::uint64_t kBalancedPrimes[] = {9637529763296797ULL, 9637529763296801ULL, 9637529763296821ULL,
                                             9637529763296863ULL};

std::string processing(std::uint64_t x) { return "Processing " + std::to_string(x) + "..."; }
std::string prime(std::uint64_t x) { return std::to_string(x) + " is a prime number."; }

std::ptrdiff_t position(const std::vector<std::string>& texts, const std::string& text) {
  const auto at = std::find(texts.begin(), texts.end(), text);
  return at == texts.end() ? -1 : at - texts.begin();
}

}  // namespace

GRADED_TEST(Primes, VerdictsAndLines, 1) {
  // Composites with a small factor, a square, a product of two primes near a million, primes large and small.
  const std::vector<std::uint64_t> numbers = {
      0, 1, 2, 3, 4, 9, 15, 25, 91, 97, 1000003ULL * 1000033ULL, 2147483647, 427920331, 157};
  const std::vector<bool> expected = {false, false, true, true,  false, false, false,
                                      false, false, true, false, true,  true,  true};
  EventLog sync_log, async_log;
  EXPECT_EQ(check_primes_sync(numbers, sync_log), expected) << "check_primes_sync";
  EXPECT_EQ(check_primes_async(numbers, async_log, 1000), expected)
      << "check_primes_async, a yield every 1,000";
  std::vector<std::string> lines;
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    lines.push_back(processing(numbers[k]));
    lines.push_back(std::to_string(numbers[k]) +
                    (expected[k] ? " is a prime number." : " is not a prime number."));
  }
  EXPECT_EQ(sync_log.texts(), lines) << "sync: 'Processing x...' then the verdict, number by number";
  std::vector<std::string> async_sorted = async_log.texts(), lines_sorted = lines;
  std::sort(async_sorted.begin(), async_sorted.end());
  std::sort(lines_sorted.begin(), lines_sorted.end());
  EXPECT_EQ(async_sorted, lines_sorted) << "async: the same lines (in another order)";
}

GRADED_TEST(Primes, AsyncInTheBooksOrder, 3) {
  EventLog log;
  const auto verdicts = check_primes_async(kBookPrimes, log);
  EXPECT_EQ(verdicts, (std::vector<bool>{true, true, true}));
  const std::uint64_t big = kBookPrimes[0], medium = kBookPrimes[1], small = kBookPrimes[2];
  const std::vector<std::string> book = {processing(big),   processing(medium), prime(medium),
                                         processing(small), prime(small),       prime(big)};
  const std::vector<std::string> sync = {processing(big), prime(big),        processing(medium),
                                         prime(medium),   processing(small), prime(small)};
  const auto texts = log.texts();
  if (texts == sync)
    ADD_FAILURE() << "the big check did not yield to the loop: co_await asio::post when i % 100000 == 1 "
                     "gives the others their turn; the checks ran one after the other "
                  << joined(texts);
  else
    EXPECT_EQ(texts, book) << "the book's order: the big check yields, the medium and small ones finish "
                              "before their first yield";
  EXPECT_EQ(log.threads().size(), 1u) << "every check runs on the one loop thread";
}

GRADED_TEST(Primes, AsyncIsNoFasterThanSync, 2) {
  // The lesson of the book's 5.60 s (sync) vs 7.89 s (asyncio): one thread of CPU work is no faster on an
  // event loop. Graded the other way round from a speed-up: async must take at least 0.9 of the sync
  // time. Medians of interleaved pairs, and a second measurement before failing, keep noise from
  // failing a right answer; code that spreads the checks over threads runs near 2x and fails both.
  HPC_REQUIRE_SPEED_BUILD();
  const std::span<const std::uint64_t> two(kBalancedPrimes, 2);
  EventLog log;
  auto measure = [&] {
    return hpc::common::compare_speed(
        "check_primes_sync", [&] { check_primes_sync(two, log); }, "check_primes_async",
        [&] { check_primes_async(two, log); }, {.pairs = 5});
  };
  auto cmp = measure();
  HPC_SKIP_IF_MACHINE_TOO_SLOW(cmp, 1.0);
  const double most = 1 / 0.9;  // sync/async above this: async took less than 0.9 of the sync time
  if (cmp.ratio > most) cmp = measure();
  std::cout << "[ speed    ] " << cmp.describe() << " (async must not be faster than sync/0.9 = " << most
            << "x)" << std::endl;
  // The grade table's row shows async time / sync time against 0.9, a bar that must be reached like the
  // other speed bars (sync/async <= 1/0.9 is the same check).
  hpc::common::record_speed(1 / cmp.ratio, 0.9);
  EXPECT_LE(cmp.ratio, most)
      << cmp.describe()
      << ": the async checks were faster than the sync ones, twice. On one loop thread "
         "they cannot be: do they run on several threads?";
  log.restart();
  check_primes_async(two, log);
  EXPECT_EQ(log.threads().size(), 1u) << "every async check runs on the one loop thread";
}
HPC_TIME_LIMIT(Primes, AsyncIsNoFasterThanSync, 60);

GRADED_TEST(Primes, ExecutorRunsTheChecksOnWorkers, 2) {
  EventLog log;
  const auto verdicts = check_primes_in_executor(kBookPrimes, log, 3);
  EXPECT_EQ(verdicts, (std::vector<bool>{true, true, true}));
  const auto texts = log.texts();
  const std::uint64_t big = kBookPrimes[0], medium = kBookPrimes[1], small = kBookPrimes[2];
  const auto big_done = position(texts, prime(big));
  ASSERT_GE(big_done, 0) << "no verdict for " << big << ": " << joined(texts);
  for (const std::string& earlier : {processing(medium), prime(medium), processing(small), prime(small)}) {
    if (position(texts, earlier) > big_done || position(texts, earlier) < 0)
      ADD_FAILURE() << "an executor of one thread? '" << earlier
                    << "' came after the big number's verdict: with 3 "
                    << "workers the three checks run at once and the small ones end first " << joined(texts);
  }
  const auto threads = log.threads();
  EXPECT_EQ(std::count(threads.begin(), threads.end(), std::this_thread::get_id()), 0)
      << "a check ran on the calling (loop) thread: CPU work belongs in the thread_pool";
  EXPECT_GE(threads.size(), 2u) << "the checks ran on one worker only";
}
RACE_POINTS(Primes, ExecutorRunsTheChecksOnWorkers, 1);

GRADED_TEST(Primes, ExecutorWithTwoWorkersAtLeast1p5TimesSync, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  EventLog log;
  auto measure = [&] {
    return hpc::common::compare_speed(
        "check_primes_sync", [&] { check_primes_sync(kBalancedPrimes, log); }, "check_primes_in_executor(2)",
        [&] { check_primes_in_executor(kBalancedPrimes, log, 2); }, {.pairs = 5});
  };
  const double bar = 1.5;  // ideal 2 (four equal checks on two workers)
  hpc::common::expect_two_core_speedup(measure, bar);
}
HPC_TIME_LIMIT(Primes, ExecutorWithTwoWorkersAtLeast1p5TimesSync, 90);
