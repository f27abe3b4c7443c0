// The book's slow URL (example5.py and example6.py), with its times scaled by 1/20: a request that takes
// 1000 ms instead of 20 s, one of 200 ms instead of 4 s, a deadline of 250 ms instead of 5 s.
//
//   1. example 5: every thread joined. The program waits for the slowest request (book: 22.60 s).
//   2. example 6 as the book wrote it: poll until the deadline, print what has come, give up on the
//      rest. Python then lets the process exit under the still-running daemon thread (book: 5.70 s). C++
//      has no daemon threads: a thread that is still inside a request must be joined, so the results are
//      ready at the deadline but the function cannot return before the slow request ends.
//   3. the lab's ping_with_deadline: the transfers that miss the deadline are stopped (a stop_token that
//      libcurl's progress callback checks), so the call returns at the deadline and the server sees the
//      slow request abandoned.
//
//   ch07_demo_deadline            the scaled timeline (a few seconds)
//   ch07_demo_deadline --quick    the same (CI)
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/web/ping.hpp"
#include "target.hpp"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using hpc::common::demo::fixed;
using Lines = std::vector<std::string>;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Timed {
  Lines lines;
  double ready = 0;     // when the lines were final
  double returned = 0;  // when the function returned (its threads joined)
};

// [snippet:book-example6]
// The book's example 6 in C++: one thread per URL, a result that starts as "Custom timeout", and a loop
// that polls every 10 ms until every thread is done or the deadline has passed. The requests cannot be
// stopped, and a std::jthread joins when it is destroyed: the function has its answer at the deadline
// but returns only when the slowest request has ended. (Python's daemon threads would be abandoned.)
Timed poll_until_deadline(const Lines& urls, std::chrono::milliseconds deadline, Clock::time_point start) {
  std::mutex mutex;
  Lines results;
  for (const auto& url : urls) results.push_back(url + ": Custom timeout");
  std::atomic<int> alive{static_cast<int>(urls.size())};
  Timed timed;
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < urls.size(); ++i) {
      threads.emplace_back([&, i] {
        std::string line = hpc::web::ping(urls[i]);  // no deadline of its own: it may take 1000 ms
        const std::scoped_lock lock(mutex);
        results[i] = std::move(line);
        --alive;
      });
    }
    while (alive > 0 && Clock::now() - start < deadline) std::this_thread::sleep_for(10ms);
    {
      const std::scoped_lock lock(mutex);
      timed.lines = results;  // what the book prints
    }
    timed.ready = seconds_since(start);
  }  // ~jthread: joins every thread, the slow request's too
  timed.returned = seconds_since(start);
  return timed;
}
// [/snippet:book-example6]

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string base_url;
  hpc::common::demo::Args(argv[0],
                          "The book's slow URL, scaled by 1/20: join everything, poll until a deadline, "
                          "and a deadline that really stops the slow transfer.")
      .flag("quick", quick, "the same run (it takes a few seconds; what CI runs)")
      .option(
          "base-url", base_url,
          "send the requests to this server on 127.0.0.1 (it must understand ?sleep=MS, as httpstat.us did)")
      .parse(argc, argv);
  const ch07::Target target = ch07::make_target(argv[0], base_url, {});
  const auto deadline = 250ms;

  const Lines example5 = {target.url("/200"), target.url("/200?sleep=1000"), target.url("/400")};
  const Lines example6 = {target.url("/200"), target.url("/200?sleep=200"), target.url("/200?sleep=1000"),
                          target.url("/400")};

  hpc::common::demo::Table table(
      {"version", "lines ready (s)", "returned (s)", "abandoned at the server", "book (s)", "book / 20 (s)"});
  auto abandoned = [&] {
    if (!target.own_server()) return std::string("-");
    target.server->wait_until_idle(2s);  // the slow request ends (or is seen abandoned) before we count
    return std::to_string(target.server->abandoned());
  };
  auto reset = [&] {
    if (target.own_server()) target.server->reset_counters();
  };

  reset();
  auto start = Clock::now();
  const Lines joined = hpc::web::ping_threaded(example5);
  const double joined_s = seconds_since(start);
  table.row({"example 5: threads, all joined (ping_threaded)", fixed(joined_s, 3), fixed(joined_s, 3),
             abandoned(), "22.60", "1.13"});

  reset();
  start = Clock::now();
  const Timed polled = poll_until_deadline(example6, deadline, start);
  table.row({"example 6 as the book wrote it: poll, then join", fixed(polled.ready, 3),
             fixed(polled.returned, 3), abandoned(), "5.70", "0.285"});

  reset();
  start = Clock::now();
  const Lines stopped = hpc::web::ping_with_deadline(example6, deadline);
  const double stopped_s = seconds_since(start);
  table.row({"ping_with_deadline: slow transfers stopped", fixed(stopped_s, 3), fixed(stopped_s, 3),
             abandoned(), "5.70", "0.285"});

  std::cout << "The book's timeline / 20: sleeps of 200 ms and 1000 ms, a deadline of 250 ms.\n\n";
  table.print();
  std::cout << "\nExample 5's lines:\n";
  for (const auto& line : joined) std::cout << "    " << line << '\n';
  if (polled.lines == stopped) {
    std::cout << "Example 6's lines (the same for both versions):\n";
    for (const auto& line : stopped) std::cout << "    " << line << '\n';
  } else {  // a busy machine can push the 200 ms request past the 250 ms deadline in one of them
    std::cout << "Example 6's lines, polling version:\n";
    for (const auto& line : polled.lines) std::cout << "    " << line << '\n';
    std::cout << "Example 6's lines, ping_with_deadline:\n";
    for (const auto& line : stopped) std::cout << "    " << line << '\n';
  }
  std::cout << "\nThe book's example 6 took 5.70 s with a 5 s deadline: its loop counts the deadline down by "
               "10 ms\nper nap, and every nap and every look at the threads takes longer than that. Ours "
               "measures\nthe time since the start. Python exits at once only because the thread stuck in "
               "the 20 s\nrequest is a daemon, abandoned with the process; without daemon threads it "
               "\"will hang for\naround 20 seconds\", as row 2 does here for 1 s.\n";

  // The point of the demo, checked: the deadline version returned long before the slow request would
  // have ended, and the polling version could not.
  if (target.own_server() && (stopped_s > 0.9 || polled.returned < 0.9)) {
    std::cout << "\nFAILED: expected ping_with_deadline to return well before 1 s (it took "
              << fixed(stopped_s, 3) << " s) and the joined polling version to wait for the 1 s request (it "
              << "took " << fixed(polled.returned, 3) << " s).\n";
    return 1;
  }
  if (quick) std::cout << "\n(--quick: the same run; the scaled timeline takes about 2.5 s.)\n";
  return 0;
}
