// Bonus tests, lab 07 task 6 (the stretch): your Fetcher's throughput against two fetchers given here,
// measured in the same run, interleaved (DESIGN.md §5).
//
//   - GivenMultiFetcher: libcurl's multi interface used the way its documentation shows, 64 transfers in
//     flight on one thread, one multi handle kept for all calls (so it reuses connections), a fresh easy
//     handle per request. This is "the real library used plainly": matching it is the goal.
//   - ThreadPerRequest: 64 threads at a time, each with a fresh easy handle and so a fresh connection per
//     request. The design a first attempt often has; it pays a TCP connection and a thread per request.
//
// The workload is 800 requests for /bytes/256 to a keep-alive test server on 127.0.0.1 with no added
// latency, 64 in flight, so the time goes into what each design does per request (system calls, thread
// switches, connection set-up) on both sides of the loopback. The server runs in this process on the same
// two cores, which is why the tiers are ratios measured in the same run. Bars and what they were set from:
// see LAB.md (task 6) and the comments at the tiers below.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/web/fetcher.hpp"

namespace {

using hpc::common::HttpTestServer;
using hpc::web::Fetcher;
using hpc::web::FetcherOptions;

constexpr int kInFlight = 64;
constexpr int kRequests = 800;

std::size_t append(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Given code, not a solution to copy: it has no per-host limit and no error handling beyond counting.
class GivenMultiFetcher {
 public:
  GivenMultiFetcher() : multi_(curl_multi_init()) {}
  ~GivenMultiFetcher() { curl_multi_cleanup(multi_); }
  GivenMultiFetcher(const GivenMultiFetcher&) = delete;
  GivenMultiFetcher& operator=(const GivenMultiFetcher&) = delete;

  // The bodies, in input order.
  std::vector<std::string> fetch_all(const std::vector<std::string>& urls) {
    std::vector<std::string> bodies(urls.size());
    std::size_t next = 0;
    int running = 0;
    auto add = [&] {
      CURL* easy = curl_easy_init();
      curl_easy_setopt(easy, CURLOPT_URL, urls[next].c_str());
      curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append);
      curl_easy_setopt(easy, CURLOPT_WRITEDATA, &bodies[next]);
      curl_multi_add_handle(multi_, easy);
      ++next;
      ++running;
    };
    while (next < urls.size() && running < kInFlight) add();
    while (running > 0) {
      int active = 0;
      curl_multi_perform(multi_, &active);
      int left = 0;
      while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
        if (message->msg != CURLMSG_DONE) continue;
        curl_multi_remove_handle(multi_, message->easy_handle);
        curl_easy_cleanup(message->easy_handle);
        --running;
        if (next < urls.size()) add();
      }
      if (running > 0) curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
    return bodies;
  }

 private:
  CURLM* multi_;
};

std::vector<std::string> thread_per_request(const std::vector<std::string>& urls) {
  std::vector<std::string> bodies(urls.size());
  for (std::size_t first = 0; first < urls.size(); first += kInFlight) {
    std::vector<std::jthread> threads;
    for (std::size_t i = first; i < urls.size() && i < first + kInFlight; ++i) {
      threads.emplace_back([&, i] {
        CURL* easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, urls[i].c_str());
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append);
        curl_easy_setopt(easy, CURLOPT_WRITEDATA, &bodies[i]);
        curl_easy_perform(easy);
        curl_easy_cleanup(easy);
      });
    }
  }
  return bodies;
}

// One tier: your Fetcher against `baseline`, bar as given. When the bar is missed, the machine is checked
// (hpc::common::expect_two_core_speedup, as in labs 05, 06 and 11): busy, the tier is skipped with the
// measured ratio; free, the comparison is measured again and graded unless a second check finds it busy.
template <class Baseline>
void grade_tier(const std::string& baseline_name, Baseline baseline, double bar) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  hpc::common::within_time_limit(100, [&] {
    curl_global_init(CURL_GLOBAL_DEFAULT);  // the baselines' own, once, before their threads
    HttpTestServer server;
    std::vector<std::string> urls;
    for (int i = 0; i < kRequests; ++i)
      urls.push_back(server.url("/bytes/256?seed=" + std::to_string(i % 4)));
    std::vector<std::string> expected_bodies(4);
    for (std::uint64_t seed = 0; seed < 4; ++seed)
      expected_bodies[seed] = hpc::common::http_test_body(256, seed);
    auto check = [&](const std::vector<std::string>& bodies, const char* who) {
      for (std::size_t i = 0; i < bodies.size(); ++i) {
        if (bodies[i] != expected_bodies[i % 4]) {
          ADD_FAILURE() << who << ": the body of request " << i << " is wrong";
          return;
        }
      }
    };
    Fetcher fetcher(FetcherOptions{.max_in_flight = kInFlight, .max_per_host = kInFlight});
    auto measure = [&] {
      return hpc::common::compare_speed(
          baseline_name, [&] { check(baseline(urls), "the baseline"); }, "your Fetcher",
          [&] {
            const auto results = fetcher.fetch_all(urls);
            std::vector<std::string> bodies;
            for (const auto& result : results) bodies.push_back(result.body);
            check(bodies, "your Fetcher");
          },
          {.pairs = 9, .warmup = 1, .budget_seconds = 40});
    };
    hpc::common::expect_two_core_speedup(measure, bar, {.subject = "your Fetcher"});
  });
}

// Tier 1: about as fast as the library used plainly. Two curl multi loops are the same work, so the ratio
// is 1.0 plus noise: the reference measured 0.82-1.41x (median 1.03x) in 16 runs at load 2-14, and the
// bar, 0.7x, sits below that spread rather than at 75% of a typical run (0.77x), which the reference
// itself would miss now and then on a loaded machine. A connection per request measures 0.32-0.45x.
BONUS_TEST(FetcherSpeed, KeepsUpWithCurlMulti, 1) {
  std::optional<GivenMultiFetcher> given;  // made in the test's child process, on first use
  grade_tier(
      "the given curl multi fetcher",
      [&](const std::vector<std::string>& urls) {
        if (!given) given.emplace();
        return given->fetch_all(urls);
      },
      0.7);
}

// Tier 2: clearly faster than a thread and a connection per request. The reference measured 3.87-4.86x
// in 16 runs at load 2-14 (other builds), threads with pooled easy handles 4.3-4.8x, the reference with a
// fresh connection per request 1.43-1.82x. With a second copy of the test program running beside it the
// reference fell to 1.63-4.16x (19 runs): the baseline's 64 runnable threads take a bigger share of a
// shared CPU than one thread does. Such runs miss the bar and are skipped by the busy-machine check
// (1.00-1.68x of one core there); the bar, 2.0x, keeps away from them as far as it can while staying
// above what a connection per request reaches.
BONUS_TEST(FetcherSpeed, BeatsThreadPerRequest, 1) {
  grade_tier("a thread and a connection per request", thread_per_request, 2.0);
}

HPC_TIME_LIMIT(FetcherSpeed, KeepsUpWithCurlMulti, 120);
HPC_TIME_LIMIT(FetcherSpeed, BeatsThreadPerRequest, 120);

}  // namespace
