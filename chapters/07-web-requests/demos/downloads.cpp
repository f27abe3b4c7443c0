// Seeds 003 and 004: download a few files one after another, then at the same time. Seed 003 fetched
// three CSV files in 3.42 s in a loop and in 1.40 s with a thread per file; seed 004 fetched five flags
// in 16.3 s in a loop, about 4.0 s with a ThreadPoolExecutor and 3.3 s with asyncio on one thread. Ours:
// five bodies of 300 KB from the local server, each answered after 100 ms and sent at about 1.5 MB/s (so
// a transfer spends time in its body too, as a real download does), fetched five ways: a loop, a thread
// per file, lab 06's thread pool with one worker per core and with one worker per file, and curl's multi
// interface on one thread (the counterpart of asyncio's single-threaded event loop). Every body is
// checked byte for byte.
//
//   ch07_demo_downloads                     5 files of 300 KB, best of 3 runs
//   ch07_demo_downloads --quick             4 files of 100 KB, faster server, 1 run (CI)
//   ch07_demo_downloads --files 3           seed 003's three files
//   ch07_demo_downloads --base-url http://127.0.0.1:8000   your server must serve /bytes/<n> (see the notes)
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/threads/thread_pool.hpp"
#include "hpc/web/http.hpp"
#include "hpc/web/ping.hpp"
#include "target.hpp"

namespace {

using hpc::common::demo::fixed;
using Bodies = std::vector<std::string>;
using Urls = std::vector<std::string>;

Bodies in_a_loop(const Urls& urls) {
  Bodies bodies;
  for (const auto& url : urls) bodies.push_back(hpc::web::http_get(url).body);
  return bodies;
}

// [snippet:thread-per-file]
// Seed 003's shape: a thread per file, each writing only its own slots (no queue, no lock needed). An
// exception must not leave a thread's function (that ends the program): it is kept and rethrown here.
Bodies thread_per_file(const Urls& urls) {
  Bodies bodies(urls.size());
  std::vector<std::exception_ptr> failures(urls.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < urls.size(); ++i) {
      threads.emplace_back([&bodies, &failures, &urls, i] {
        try {
          bodies[i] = hpc::web::http_get(urls[i]).body;
        } catch (...) {
          failures[i] = std::current_exception();
        }
      });
    }
  }  // every jthread joins here, before `bodies` is read
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return bodies;
}
// [/snippet:thread-per-file]

// [snippet:pool-of-downloads]
// Seed 004's ThreadPoolExecutor: submit every download, collect the futures in order. An HttpError
// thrown on a worker comes back out of future.get() on this thread.
Bodies on_a_pool(const Urls& urls, std::size_t workers) {
  hpc::threads::ThreadPool pool(workers);
  std::vector<std::future<std::string>> futures;
  for (const auto& url : urls) futures.push_back(pool.submit([url] { return hpc::web::http_get(url).body; }));
  Bodies bodies;
  for (auto& future : futures) bodies.push_back(future.get());
  return bodies;
}
// [/snippet:pool-of-downloads]

// The lab's ping_multi drives every transfer from this thread; its lines are "<url>: <body>".
Bodies with_curl_multi(const Urls& urls) {
  const std::vector<std::string> lines = hpc::web::ping_multi(urls);
  Bodies bodies;
  for (std::size_t i = 0; i < urls.size(); ++i) bodies.push_back(lines[i].substr(urls[i].size() + 2));
  return bodies;
}

struct Way {
  std::string name;
  std::function<Bodies(const Urls&)> run;
  std::string seed003;
  std::string seed004;
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string base_url;
  long files = 5;
  long kilobytes = 300;
  long latency_ms = 100;
  long rate_kb = 1500;
  hpc::common::demo::Args args(
      argv[0], "Seeds 003/004: download N files in a loop, on threads, on a pool, with curl multi.");
  args.flag("quick", quick, "4 files of 100 KB, 50 ms latency, 1 run (what CI runs)")
      .option("files", files, "how many files (default 5, seed 004's flags; seed 003 had 3)")
      .option("kb", kilobytes, "size of each file in KB (default 300)")
      .option("latency", latency_ms, "ms our server waits before each answer (default 100)", 0)
      .option("rate", rate_kb, "KB per second our server sends each body at (default 1500)")
      .option("base-url", base_url, "download from this server on 127.0.0.1 instead of our own")
      .parse(argc, argv);
  if (quick) {
    if (!args.given("files")) files = 4;
    if (!args.given("kb")) kilobytes = 100;
    if (!args.given("latency")) latency_ms = 50;
    if (!args.given("rate")) rate_kb = 4000;
  }
  hpc::common::HttpTestServer::Options options;
  options.base_latency = std::chrono::milliseconds(latency_ms);
  const ch07::Target target = ch07::make_target(argv[0], base_url, options);

  const std::size_t size = static_cast<std::size_t>(kilobytes) * 1000;
  Urls urls;
  for (long i = 0; i < files; ++i) {
    std::string path = "/bytes/" + std::to_string(size) + "?seed=" + std::to_string(i);
    if (target.own_server()) path += "&rate=" + std::to_string(rate_kb * 1000);
    urls.push_back(target.url(path));
  }
  const std::size_t n = urls.size();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::vector<Way> ways = {
      {"a loop", in_a_loop, "3.42", "16.3"},
      {"a thread per file", thread_per_file, "1.40", "-"},
      {"lab 06 ThreadPool, " + std::to_string(cores) + " workers (one per core)",
       [cores](const Urls& u) { return on_a_pool(u, cores); }, "-", "-"},
      {"lab 06 ThreadPool, " + std::to_string(n) + " workers (one per file)",
       [n](const Urls& u) { return on_a_pool(u, n); }, "-", "~4.0 (pool)"},
      {"curl multi, one thread (ping_multi)", with_curl_multi, "-", "3.3 (asyncio)"},
  };

  const int repeats = quick ? 1 : 3;
  hpc::common::demo::Table table(
      {"how", "took (s)", "speed-up", "MB/s", "bodies", "seed 003 (s)", "seed 004 (s)"});
  double loop_s = 0;
  bool all_right = true;
  for (const Way& way : ways) {
    Bodies bodies;
    double s = 0;
    try {
      s = hpc::common::demo::best_seconds([&] { bodies = way.run(urls); }, repeats);
    } catch (const hpc::web::HttpError& e) {  // a transport failure: say which and stop, never swallow
      std::cerr << argv[0] << ": " << way.name << ": " << e.what() << '\n';
      return 1;
    }
    if (loop_s == 0) loop_s = s;
    bool right = bodies.size() == n;
    for (std::size_t i = 0; right && i < n; ++i)
      right =
          target.own_server() ? bodies[i] == hpc::common::http_test_body(size, i) : bodies[i].size() == size;
    all_right = all_right && right;
    table.row({way.name, fixed(s, 3), fixed(loop_s / s, 2) + "x",
               fixed(static_cast<double>(n * size) / s / 1e6, 1),
               right ? (target.own_server() ? "all identical" : "all of the right size") : "WRONG",
               way.seed003, way.seed004});
  }
  std::cout << n << " files of " << kilobytes << " KB";
  if (target.own_server())
    std::cout << ", each answered after " << latency_ms << " ms and sent at about " << rate_kb << " KB/s";
  else
    std::cout << " from " << target.base;
  std::cout << "; "
            << (repeats == 1 ? std::string("one run") : "best of " + std::to_string(repeats) + " runs")
            << " on " << cores << " cores.\n\n";
  table.print();
  std::cout << "\nSeed 003 downloaded three CSV files (3.42 s -> 1.40 s); seed 004 five flags from a CDN "
               "(sequential\n16.3 s, ThreadPoolExecutor about 4.0 s, asyncio 3.3 s). Theirs went over the "
               "internet; ours over\nloopback, with the waiting put in by the server. A pool with one worker "
               "per core is the wrong size\nfor waiting: it keeps only that many downloads in flight.\n";
  if (!all_right) {
    std::cout << "\nFAILED: a body was not what the server sent (see the bodies column).\n";
    return 1;
  }
  return 0;
}
