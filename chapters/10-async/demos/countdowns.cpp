// The book's chapter 17, examples 1-3 and 5, in C++: three countdowns A, B and C (from 3, one step
// every 1, 0.8 and 0.5 seconds) run four ways.
//
//   1. synchronous: one after the other, std::this_thread::sleep_for            (book: 6.9107 s)
//   2. asynchronous: three coroutines on one Asio event loop, steady_timer waits  (book: 3.0147 s)
//   3. the anti-pattern: the same coroutines calling sleep_for, which blocks the loop's only thread,
//      so they run one after the other again                                    (book: "the same as 1")
//   4. an executor: the blocking countdown of 1 posted to an asio::thread_pool of 3 threads, the
//      counterpart of loop.run_in_executor(ThreadPoolExecutor(3))                (book: 3.0143 s)
//
//   ch10_demo_countdowns              the book's delays
//   ch10_demo_countdowns --quick      a tenth of the delays (CI); the table scales the times back up
//   ch10_demo_countdowns --scale 0.5  any other fraction of the delays
//
// Exits 1 when the asynchronous run was not at least 1.8x faster than the synchronous one, when its
// lines came from more than one thread, or when the blocking coroutines overlapped.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <asio/thread_pool.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "hpc/common/demo.hpp"
#include "timeline.hpp"

namespace {

using hpc::common::demo::fixed;
using std::chrono::milliseconds;

ch10::Timeline timeline;

struct Countdown {
  char name;
  milliseconds delay;
};

void say(char name, int n) { timeline.print(std::string(1, name) + " = " + std::to_string(n), name - 'A'); }

// [snippet:sync]
void count_down(char name, milliseconds delay) {
  for (int n = 3; n > 0; --n) {
    std::this_thread::sleep_for(delay);  // the thread waits and can do nothing else
    say(name, n);
  }
}
// [/snippet:sync]

// [snippet:async]
asio::awaitable<void> count_down_async(char name, milliseconds delay) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int n = 3; n > 0; --n) {
    timer.expires_after(delay);
    co_await timer.async_wait(asio::use_awaitable);  // suspends: the loop runs the others meanwhile
    say(name, n);
  }
}

double run_async(const std::vector<Countdown>& countdowns) {
  asio::io_context loop;  // one thread (this one) runs every coroutine
  for (const auto& c : countdowns) asio::co_spawn(loop, count_down_async(c.name, c.delay), asio::detached);
  timeline.restart();
  loop.run();  // returns when no coroutine waits for anything
  return timeline.seconds();
}
// [/snippet:async]

// [snippet:blocking]
asio::awaitable<void> count_down_blocking(char name, milliseconds delay) {
  for (int n = 3; n > 0; --n) {
    std::this_thread::sleep_for(delay);  // WRONG in a coroutine: the loop's only thread sleeps
    say(name, n);
  }
  co_return;
}
// [/snippet:blocking]

double run_blocking(const std::vector<Countdown>& countdowns) {
  asio::io_context loop;
  for (const auto& c : countdowns) asio::co_spawn(loop, count_down_blocking(c.name, c.delay), asio::detached);
  timeline.restart();
  loop.run();
  return timeline.seconds();
}

// [snippet:executor]
double run_in_executor(const std::vector<Countdown>& countdowns) {
  asio::thread_pool pool(3);  // ThreadPoolExecutor(max_workers=3)
  timeline.restart();
  for (const auto& c : countdowns) asio::post(pool, [c] { count_down(c.name, c.delay); });
  pool.join();  // asyncio.gather(*futures): wait for all three
  return timeline.seconds();
}
// [/snippet:executor]

double run_sync(const std::vector<Countdown>& countdowns) {
  timeline.restart();
  for (const auto& c : countdowns) count_down(c.name, c.delay);
  return timeline.seconds();
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double scale = 1.0;
  hpc::common::demo::Args args(argv[0],
                               "The book's countdowns: sync, async, blocking in a coroutine, executor.");
  args.flag("quick", quick, "a tenth of the book's delays (what CI runs)")
      .option("scale", scale, "fraction of the book's delays (default 1; --quick: 0.1)");
  args.parse(argc, argv);
  if (quick && !args.given("scale")) scale = 0.1;
  if (scale > 10) {
    std::fprintf(stderr, "%s: --scale %g: at most 10\n", argv[0], scale);
    return 2;
  }
  const auto ms = [scale](double book_seconds) {
    return milliseconds(std::lround(book_seconds * 1000 * scale));
  };
  const std::vector<Countdown> countdowns{{'A', ms(1.0)}, {'B', ms(0.8)}, {'C', ms(0.5)}};

  struct Way {
    const char* name;
    double (*run)(const std::vector<Countdown>&);
    const char* book;
    double seconds = 0;
    std::size_t threads = 0;
  };
  std::vector<Way> ways{{"synchronous (sleep_for)", run_sync, "6.9107"},
                        {"async: coroutines + steady_timer, one loop", run_async, "3.0147"},
                        {"async, but sleep_for inside the coroutines", run_blocking, "same as 1"},
                        {"executor: asio::thread_pool(3) + sleep_for", run_in_executor, "3.0143"}};
  for (auto& way : ways) {
    std::printf("## %s (delays x %g)\n\n", way.name, scale);
    way.seconds = way.run(countdowns);
    way.threads = timeline.threads_seen();
    std::printf("\n");
  }

  hpc::common::demo::Table table({"way", "book (s)", "ours (s)", "ours / scale (s)", "threads that printed"});
  for (const auto& way : ways)
    table.row({way.name, way.book, fixed(way.seconds, 4), fixed(way.seconds / scale, 4),
               std::to_string(way.threads)});
  table.print();
  const double speedup = ways[0].seconds / ways[1].seconds;
  std::printf("\nsync / async = %.2fx (book: 6.9107 / 3.0147 = 2.29x)\n", speedup);

  bool ok = true;
  if (speedup < 1.8) std::printf("FAIL: the async countdowns did not overlap\n"), ok = false;
  if (ways[1].threads != 1)
    std::printf("FAIL: the event loop's lines came from several threads\n"), ok = false;
  if (ways[2].seconds < 0.9 * ways[0].seconds)
    std::printf("FAIL: the blocking coroutines overlapped, which a single-threaded loop cannot do\n"),
        ok = false;
  return ok ? 0 : 1;
}
