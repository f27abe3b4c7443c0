// How many requests a second, as a function of how many are in flight at once, when the server takes a
// fixed 50 ms per request. The answer for waiting-bound work is "in flight / latency" until something
// else runs out: the client's CPU, the server's threads, the cores the two share. Three clients from the
// lab's reference solution:
//   - one thread per request: ping_threaded on batches of N URLs (N threads started and joined per batch)
//   - at most N in flight: ping_rate_limited over all the URLs with max_in_flight N (a new request starts
//     as soon as one ends, so there are no batch boundaries)
//   - curl multi: ping_multi on batches of N URLs, every transfer driven from one thread
// The table feeds the notes' figure (docs/build/plots.py, figure requests-in-flight).
//
//   ch07_demo_sweep             N = 1, 2, 4, ... 256, latency 50 ms (about half a minute)
//   ch07_demo_sweep --quick     N = 1, 4, 16, 64, latency 20 ms, 3 batches each (CI)
//   ch07_demo_sweep --base-url http://127.0.0.1:8000   your server (GET /200; see the notes)
//
// Exits 1 when 16 in flight were not at least 4x as fast as 1 with every client on our server: the
// requests did not overlap.
#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/web/ping.hpp"
#include "hpc/web/polite.hpp"
#include "target.hpp"

namespace {

using hpc::common::demo::fixed;
using Urls = std::vector<std::string>;

// Requests per second of `rounds` batches of `in_flight` URLs through `batch` (a lab function that
// returns when its whole batch is done).
double batches_per_second(const std::function<Urls(const Urls&)>& batch, const std::string& url,
                          int in_flight, int rounds) {
  const Urls urls(in_flight, url);
  const auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < rounds; ++r) batch(urls);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return in_flight * rounds / took.count();
}

double limited_per_second(const std::string& url, int in_flight, int requests) {
  const Urls urls(requests, url);
  const auto start = std::chrono::steady_clock::now();
  hpc::web::ping_rate_limited(urls, in_flight);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return requests / took.count();
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string base_url;
  long latency_ms = 50;
  long most = 256;
  hpc::common::demo::Args args(argv[0],
                               "Requests per second against requests in flight, at a fixed server latency.");
  args.flag("quick", quick, "N up to 64 in steps of 4x, 20 ms latency, 3 batches (what CI runs)")
      .option("latency", latency_ms, "ms our server waits before each answer (default 50)")
      .option("most", most, "the largest number in flight (default 256; powers of two up to it)")
      .option("base-url", base_url, "send the requests to this server on 127.0.0.1 instead of our own")
      .parse(argc, argv);
  if (quick && !args.given("latency")) latency_ms = 20;
  if (quick && !args.given("most")) most = 64;
  if (most > 1024) {
    std::cerr << argv[0] << ": --most " << most << ": at most 1024 (each request in flight is a socket)\n";
    return 2;
  }
  hpc::common::HttpTestServer::Options options;
  options.base_latency = std::chrono::milliseconds(latency_ms);
  options.threads = static_cast<unsigned>(most) + 16;  // the server must not be what limits the curve
  const ch07::Target target = ch07::make_target(argv[0], base_url, options);
  const std::string url = target.url("/200");

  hpc::common::demo::Table table({"in flight", "one thread per request (req/s)",
                                  "at most N in flight (req/s)", "curl multi (req/s)", "ideal (req/s)",
                                  "server saw at most"});
  const auto threaded = [](const Urls& u) { return hpc::web::ping_threaded(u); };
  const auto multi = [](const Urls& u) { return hpc::web::ping_multi(u); };
  double at_one = 0;
  double at_sixteen = 0;
  for (int n = 1; n <= most; n *= quick ? 4 : 2) {
    // Enough batches that a point takes about a second at 50 ms (fewer for large N, where each batch
    // is many requests), and at least 3 so that one slow batch does not decide the point.
    const int rounds = quick ? 3 : std::clamp(128 / n, 4, 24);
    std::string seen;
    auto measure = [&](auto&& run) {
      if (target.own_server()) target.server->reset_counters();
      const double per_second = run();
      if (target.own_server())
        seen += (seen.empty() ? "" : " / ") + std::to_string(target.server->max_in_flight());
      return per_second;
    };
    const double thread_rate = measure([&] { return batches_per_second(threaded, url, n, rounds); });
    const double limited_rate = measure([&] { return limited_per_second(url, n, n * rounds); });
    const double multi_rate = measure([&] { return batches_per_second(multi, url, n, rounds); });
    if (n == 1) at_one = std::min({thread_rate, limited_rate, multi_rate});
    if (n == 16) at_sixteen = std::min({thread_rate, limited_rate, multi_rate});
    table.row({std::to_string(n), fixed(thread_rate, 1), fixed(limited_rate, 1), fixed(multi_rate, 1),
               target.own_server() ? fixed(n * 1000.0 / latency_ms, 1) : "-",
               target.own_server() ? seen : "-"});
  }
  if (target.own_server())
    std::cout << "Our server waits " << latency_ms << " ms before each answer; it has " << options.threads
              << " threads.\n\n";
  else
    std::cout << "Your server at " << target.base << ", GET /200.\n\n";
  table.print();
  std::cout << "\nThe last column is the most requests the server had under way at once, for each client in "
               "turn\n(thread per request / at most N / multi). The ideal is N requests per latency. Past "
               "some N the\nclient and the server, sharing the same cores, spend more time starting threads, "
               "parsing and\ncopying than the requests spend waiting, and the curve bends away from it.\n";
  if (target.own_server() && at_sixteen > 0 && at_sixteen < 4 * at_one) {
    std::cout << "\nFAILED: 16 in flight reached only " << fixed(at_sixteen / at_one, 2)
              << "x the rate of 1 in flight (the slowest client); at least 4x shows that the requests "
                 "overlapped.\n";
    return 1;
  }
  return 0;
}
