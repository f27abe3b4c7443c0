// The book's ping test (example2.py to example4.py): six status URLs, one after another and then one
// thread per URL, 0.82 s against 0.14 s on the book's remote server. Ours adds curl's multi interface,
// which drives all six transfers from one thread. The server answers each request after 100 ms (the
// book's server took about 137 ms), so the requests mostly wait: the threads help because their waits
// overlap, on any number of cores and in any language (Python releases the GIL while it waits).
//
//   ch07_demo_ping                 latency 100 ms, best of 5 runs
//   ch07_demo_ping --quick         best of 2 runs (CI)
//   ch07_demo_ping --latency 20    a faster server
//   ch07_demo_ping --base-url http://127.0.0.1:8000   your own server (its own latency; see the notes)
//
// Exits 1 when the threads were not at least twice as fast as the loop on our own server: the requests
// did not overlap.
#include "hpc/web/ping.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "target.hpp"

namespace {

using hpc::common::demo::best_seconds;
using hpc::common::demo::fixed;
using Lines = std::vector<std::string>;

struct Way {
  std::string name;
  std::function<Lines(const Lines&)> run;
  std::string book;
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string base_url;
  long latency_ms = 100;
  hpc::common::demo::Args(argv[0],
                          "The book's ping of six status codes: sequential, one thread per URL, curl multi.")
      .flag("quick", quick, "fewer repetitions (what CI runs)")
      .option("latency", latency_ms, "ms our server waits before each answer (default 100)", 0)
      .option("base-url", base_url, "send the requests to this server on 127.0.0.1 instead of our own")
      .parse(argc, argv);
  hpc::common::HttpTestServer::Options options;
  options.base_latency = std::chrono::milliseconds(latency_ms);
  const ch07::Target target = ch07::make_target(argv[0], base_url, options);

  // [snippet:six-urls]
  Lines urls;
  for (const int code : {200, 400, 404, 408, 500, 524})
    urls.push_back(target.url("/" + std::to_string(code)));
  // [/snippet:six-urls]

  const std::vector<Way> ways = {
      {"sequential (ping_sequential)", [](const Lines& u) { return hpc::web::ping_sequential(u); }, "0.82"},
      {"one thread per URL (ping_threaded)", [](const Lines& u) { return hpc::web::ping_threaded(u); },
       "0.14"},
      {"curl multi, one thread (ping_multi)", [](const Lines& u) { return hpc::web::ping_multi(u); }, "-"},
  };
  const int repeats = quick ? 2 : 5;
  hpc::common::demo::Table table({"how", "took (s)", "speed-up", "server: most in flight", "book (s)"});
  std::vector<double> seconds;
  Lines last;
  for (const Way& way : ways) {
    if (target.own_server()) target.server->reset_counters();
    seconds.push_back(best_seconds([&] { last = way.run(urls); }, repeats));
    table.row({way.name, fixed(seconds.back(), 3), fixed(seconds.front() / seconds.back(), 2) + "x",
               target.own_server() ? std::to_string(target.server->max_in_flight()) : "-", way.book});
  }
  std::cout << "Six URLs, "
            << (target.own_server() ? "our server waits " + std::to_string(latency_ms) + " ms"
                                    : "your server at " + target.base)
            << " per request; best of " << repeats << " runs.\n\n";
  table.print();
  std::cout << "\nThe lines of the last run (ping_multi), in the order of the URLs, whatever order the "
               "answers came in:\n\n";
  for (const auto& line : last) {  // a page from another server may be long: its first line is enough
    const std::string first = line.substr(0, std::min(line.find('\n'), std::size_t{100}));
    std::cout << "    " << first << (first.size() < line.size() ? " ..." : "") << '\n';
  }
  std::cout << "\nThe book measured its requests against a server on the internet (httpstat.us): "
               "0.82 s and 0.14 s,\n5.9x. Six requests at once cannot be more than 6x faster than one "
               "after another.\n";

  const double ratio = seconds[0] / seconds[1];
  if (target.own_server() && latency_ms >= 20 && ratio < 2.0) {
    std::cout << "\nFAILED: one thread per URL was only " << fixed(ratio, 2)
              << "x faster than the loop; at least 2x shows that the six waits overlapped (ideal 6x).\n";
    return 1;
  }
  return 0;
}
