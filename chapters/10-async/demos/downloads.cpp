// The book's chapter 18 downloads (examples 5 and 6: five web pages with aiohttp and aiofiles in 0.72 s,
// one after the other in 1.47 s) and seed 004's five flags (16.3 s in a loop, 3.3 s with asyncio), both
// against the local test server instead of the internet. Lab 10's reference does the work: download_all
// (libcurl multi on one Asio event loop, each body written to "<name>.part" as it arrives and renamed
// when complete) and download_one_at_a_time (libcurl easy, one blocking transfer after another).
// Chapter 07's demos do the same downloads with threads and a thread pool (ch07_demo_downloads).
//
//   ch10_demo_downloads               the server answers after 250 ms, bodies 20-300 KB, best of 3
//   ch10_demo_downloads --quick       50 ms, one run (CI)
//   ch10_demo_downloads --latency-ms 137   the book's remote server's time per request, about
//
// Every file is checked byte for byte against the body the server sent. Exits 1 when one differs, when
// a download failed, or when one event loop was not at least twice as fast as one transfer at a time.
#include "hpc/async/downloads.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/temp_dir.hpp"

namespace {

using hpc::common::demo::fixed;

struct Item {
  std::string file_name;
  std::size_t bytes;
};

struct Outcome {
  double seconds = 0;
  bool all_right = true;
};

template <class Download>
Outcome measure(const hpc::common::HttpTestServer& server, const std::vector<Item>& items, long repeats,
                Download download) {
  std::vector<hpc::async::DownloadRequest> requests;
  for (std::size_t i = 0; i < items.size(); ++i)
    requests.push_back({server.url("/bytes/" + std::to_string(items[i].bytes) + "?seed=" + std::to_string(i)),
                        items[i].file_name});
  Outcome outcome{1e300, true};
  for (long r = 0; r < repeats; ++r) {
    hpc::common::TempDir out("ch10-downloads");
    const auto start = std::chrono::steady_clock::now();
    const auto results = download(requests, out.path());
    outcome.seconds = std::min(
        outcome.seconds, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    for (std::size_t i = 0; i < items.size(); ++i) {
      const bool same = results[i].ok() && hpc::common::read_file(out.path() / items[i].file_name) ==
                                               hpc::common::http_test_body(items[i].bytes, i);
      if (!same) {
        std::printf("FAIL: %s: %s\n", items[i].file_name.c_str(),
                    results[i].ok() ? "the file differs from the served body" : results[i].message.c_str());
        outcome.all_right = false;
      }
    }
  }
  return outcome;
}

// [snippet:two-ways]
Outcome one_at_a_time(const hpc::common::HttpTestServer& server, const std::vector<Item>& items,
                      long repeats) {
  return measure(server, items, repeats, [](const auto& requests, const auto& folder) {
    return hpc::async::download_one_at_a_time(requests, folder);  // requests.get in a loop
  });
}

Outcome on_one_loop(const hpc::common::HttpTestServer& server, const std::vector<Item>& items, long repeats) {
  return measure(server, items, repeats, [](const auto& requests, const auto& folder) {
    return hpc::async::download_all(requests, folder);  // asyncio.gather of aiohttp downloads
  });
}
// [/snippet:two-ways]

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long latency_ms = 250, repeats = 3;
  hpc::common::demo::Args args(argv[0],
                               "Five downloads one at a time and on one event loop (book ch. 18, seed 004).");
  args.flag("quick", quick, "server latency 50 ms, one run (what CI runs)")
      .option("latency-ms", latency_ms, "the server's delay before each answer (default 250)")
      .option("repeats", repeats, "runs per way, the best kept (default 3)");
  args.parse(argc, argv);
  if (quick && !args.given("latency-ms")) latency_ms = 50;
  if (quick && !args.given("repeats")) repeats = 1;
  if (latency_ms > 5000) {
    std::fprintf(stderr, "%s: --latency-ms %ld: at most 5000\n\n", argv[0], latency_ms);
    return 2;
  }

  hpc::common::HttpTestServer::Options options;
  options.base_latency = std::chrono::milliseconds(latency_ms);
  hpc::common::HttpTestServer server(options);

  // The book's five sites, named as its example 5 names their files, with sizes of our choosing.
  const std::vector<Item> pages{{"packtpub.com.html", 300'000},
                                {"python.org.html", 50'000},
                                {"asyncio.html", 120'000},
                                {"aiohttp.readthedocs.io.html", 20'000},
                                {"google.com.html", 60'000}};
  // Seed 004's five flags ("flag-jpg-small.jpg" of a few kilobytes each).
  const std::vector<Item> flags{{"yemen.jpg", 4'000},
                                {"zambia.jpg", 5'000},
                                {"vietnam.jpg", 3'000},
                                {"venezuela.jpg", 6'000},
                                {"ukraine.jpg", 2'000}};

  bool ok = true;
  hpc::common::demo::Table table(
      {"downloads", "one at a time (s)", "one event loop (s)", "ratio", "book / seed"});
  for (const auto& [what, items, book] :
       {std::tuple{"book ch. 18: five pages", &pages, "1.47 s / 0.72 s = 2.04x"},
        std::tuple{"seed 004: five flags", &flags, "16.3 s / 3.3 s = 4.9x"}}) {
    const Outcome sync = one_at_a_time(server, *items, repeats);
    const Outcome async = on_one_loop(server, *items, repeats);
    const double ratio = sync.seconds / async.seconds;
    table.row({what, fixed(sync.seconds, 3), fixed(async.seconds, 3), fixed(ratio, 2) + "x", book});
    ok = ok && sync.all_right && async.all_right;
    if (ratio < 2) std::printf("FAIL: %s: the event loop was only %.2fx faster\n", what, ratio), ok = false;
  }
  std::printf("server latency %ld ms per request, best of %ld runs, every file checked byte for byte:\n\n",
              latency_ms, repeats);
  table.print();
  std::printf(
      "\nideal ratio: 5x (five waits at once instead of five in a row); the bodies' transfer and the\n"
      "files' writes are the rest.\n");
  return ok ? 0 : 1;
}
