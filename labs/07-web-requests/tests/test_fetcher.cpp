// Graded tests, lab 07 task 6: the open-design Fetcher. They judge only behaviour, and as far as possible
// without a clock: the results, what the server saw (requests in flight, connections accepted), and the
// process's threads and file descriptors.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/web/fetcher.hpp"
#include "support.hpp"

namespace {

using hpc::common::HttpTestServer;
using hpc::web::ErrorKind;
using hpc::web::Fetcher;
using hpc::web::FetcherOptions;
using hpc::web::FetchResult;
using hpc::web::testing::InFlightWatch;
using namespace std::chrono_literals;

std::string describe(const FetchResult& result) {
  std::string text =
      "status " + std::to_string(result.status) + ", " + std::to_string(result.body.size()) + " bytes";
  if (result.body.size() <= 40) text += " \"" + result.body + "\"";
  if (result.error)
    text += ", error " + std::string(hpc::web::to_string(*result.error)) + " (" + result.error_message + ")";
  return text;
}

int open_descriptors() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++count;
  return count;
}

GRADED_TEST(Fetcher, ResultsExactAndInInputOrder, 3) {
  HttpTestServer server;
  const std::string refused = hpc::web::testing::refused_base_url() + "/200";
  std::vector<std::string> urls = hpc::web::testing::six_urls(server);  // 200 400 404 408 500 524
  urls.push_back(server.url("/bytes/100000?seed=5"));
  urls.push_back(refused);
  urls.push_back(server.url("/200?sleep=150"));  // finishes last, comes back in its place
  urls.push_back(server.url("/404"));            // the same path twice is fetched twice
  Fetcher fetcher(FetcherOptions{.max_in_flight = 4, .max_per_host = 3});
  const auto results = fetcher.fetch_all(urls);
  ASSERT_EQ(results.size(), urls.size()) << "one result per URL";
  const std::vector<int> codes{200, 400, 404, 408, 500, 524};
  for (std::size_t i = 0; i < codes.size(); ++i) {
    SCOPED_TRACE(urls[i]);
    EXPECT_EQ(results[i].status, codes[i]) << describe(results[i]);
    EXPECT_EQ(results[i].body,
              std::to_string(codes[i]) + " " + std::string(hpc::common::http_test_reason(codes[i])))
        << "results must be in the order of the URLs, whatever order they finish in";
    EXPECT_FALSE(results[i].error.has_value())
        << "an HTTP error status is an answer, not an error: " << describe(results[i]);
  }
  EXPECT_EQ(results[6].status, 200);
  EXPECT_TRUE(results[6].body == hpc::common::http_test_body(100000, 5))
      << "the 100,000-byte body differs: " << describe(results[6]);
  EXPECT_EQ(results[7].error, ErrorKind::connect)
      << "a refused connection is that URL's result: " << describe(results[7]);
  EXPECT_EQ(results[7].status, 0) << describe(results[7]);
  EXPECT_NE(results[7].error_message.find(refused), std::string::npos) << "the message must name the URL";
  EXPECT_EQ(results[8].body, "200 OK") << describe(results[8]);
  EXPECT_EQ(results[9].status, 404) << describe(results[9]);
  EXPECT_EQ(server.hits("/404"), 2) << "a URL given twice is fetched twice";
  EXPECT_EQ(server.hits("/200"), 2);
  EXPECT_EQ(server.total_hits(), 9) << "every URL once (the refused one never reaches the server)";
}

GRADED_TEST(Fetcher, TransportFailuresStayWithTheirUrl, 1) {
  HttpTestServer server;
  const std::vector<std::string> urls{server.url("/bytes/50000?drop_after=1000"),
                                      server.url("/200?sleep=4000"), server.url("/bytes/3000?seed=2")};
  Fetcher fetcher(FetcherOptions{.max_in_flight = 8, .max_per_host = 8, .timeout = 600ms});
  const auto results = fetcher.fetch_all(urls);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].error, ErrorKind::transfer)
      << "a connection dropped mid-body: " << describe(results[0]);
  EXPECT_EQ(results[1].error, ErrorKind::timeout)
      << "longer than the 600 ms timeout: " << describe(results[1]);
  EXPECT_EQ(results[2].body, hpc::common::http_test_body(3000, 2)) << describe(results[2]);
  EXPECT_FALSE(results[2].error.has_value()) << describe(results[2]);
}

// A count that stays above its limit this long is a limit ignored, not the server's lag (see InFlightWatch):
// every request in these tests takes at least 60 ms.
constexpr double kOverLimitMs = 20;

GRADED_TEST(Fetcher, PerHostLimitNeverExceeded, 2) {
  HttpTestServer server;
  std::vector<std::string> urls;
  for (int i = 0; i < 24; ++i) urls.push_back(server.url("/200?sleep=60&n=" + std::to_string(i)));
  InFlightWatch watch([&] { return server.in_flight(); }, 3);
  Fetcher fetcher(FetcherOptions{.max_in_flight = 16, .max_per_host = 3});
  const auto results = fetcher.fetch_all(urls);
  const InFlightWatch::Seen seen = watch.stop();
  for (const auto& result : results) EXPECT_EQ(result.status, 200) << describe(result);
  EXPECT_LT(seen.longest_over_ms, kOverLimitMs)
      << "max_per_host 3, and the server had more than 3 requests at once for " << seen.longest_over_ms
      << " ms (up to " << seen.most << "): the per-host limit is ignored";
  EXPECT_GE(server.max_in_flight(), 3)
      << "24 slow URLs must keep 3 under way on their host (saw at most " << server.max_in_flight() << ")";
}

GRADED_TEST(Fetcher, TotalLimitAcrossHosts, 1) {
  HttpTestServer a, b, c;
  std::vector<std::string> urls;
  for (int i = 0; i < 8; ++i) {
    for (HttpTestServer* server : {&a, &b, &c})
      urls.push_back(server->url("/200?sleep=80&n=" + std::to_string(i)));
  }
  InFlightWatch total([&] { return a.in_flight() + b.in_flight() + c.in_flight(); }, 5);
  InFlightWatch most_on_one([&] { return std::max({a.in_flight(), b.in_flight(), c.in_flight()}); }, 4);
  Fetcher fetcher(FetcherOptions{.max_in_flight = 5, .max_per_host = 4});
  const auto results = fetcher.fetch_all(urls);
  const InFlightWatch::Seen seen = total.stop();
  const InFlightWatch::Seen seen_on_one = most_on_one.stop();
  for (const auto& result : results) EXPECT_EQ(result.status, 200) << describe(result);
  EXPECT_LT(seen.longest_over_ms, kOverLimitMs)
      << "max_in_flight 5, and three servers together had more than 5 requests at once for "
      << seen.longest_over_ms << " ms (up to " << seen.most << ")";
  EXPECT_LT(seen_on_one.longest_over_ms, kOverLimitMs)
      << "max_per_host 4, and one server had more for " << seen_on_one.longest_over_ms << " ms";
}

// Two servers on 127.0.0.1 differ only by their port: two hosts (fetcher.hpp says so), each with its own
// limit. With max_per_host 1, one request to each must be under way at the same time.
GRADED_TEST(Fetcher, HostMeansHostAndPort, 2) {
  HttpTestServer a, b;
  std::vector<std::string> urls;
  for (int i = 0; i < 3; ++i) {
    urls.push_back(a.url("/200?sleep=200&n=" + std::to_string(i)));
    urls.push_back(b.url("/200?sleep=200&n=" + std::to_string(i)));
  }
  InFlightWatch on_a([&] { return a.in_flight(); }, 1);
  InFlightWatch on_b([&] { return b.in_flight(); }, 1);
  InFlightWatch both_busy([&] { return a.in_flight() > 0 && b.in_flight() > 0 ? 1 : 0; }, 0);
  Fetcher fetcher(FetcherOptions{.max_in_flight = 8, .max_per_host = 1});
  const auto results = fetcher.fetch_all(urls);
  const InFlightWatch::Seen seen_a = on_a.stop();
  const InFlightWatch::Seen seen_b = on_b.stop();
  const InFlightWatch::Seen overlap = both_busy.stop();
  for (const auto& result : results) EXPECT_EQ(result.status, 200) << describe(result);
  EXPECT_LT(seen_a.longest_over_ms, kOverLimitMs)
      << "max_per_host 1, and the first server had " << seen_a.most << " at once for "
      << seen_a.longest_over_ms << " ms";
  EXPECT_LT(seen_b.longest_over_ms, kOverLimitMs)
      << "max_per_host 1, and the second server had " << seen_b.most << " at once for "
      << seen_b.longest_over_ms << " ms";
  // Each request takes 200 ms: two hosts with a slot each overlap for most of that.
  EXPECT_GE(overlap.longest_over_ms, 50.0)
      << "the two servers were never busy together for long (at most " << overlap.longest_over_ms
      << " ms): ports " << a.port() << " and " << b.port()
      << " are two hosts, each with its own limit (is the port left out of the key?)";
}

GRADED_TEST(Fetcher, ReusesConnections, 3) {
  HttpTestServer server;  // keep-alive on, as real servers have it
  std::vector<std::string> urls;
  for (int i = 0; i < 200; ++i) urls.push_back(server.url("/200?n=" + std::to_string(i)));
  Fetcher fetcher(FetcherOptions{.max_in_flight = 4, .max_per_host = 4});
  for (int round = 0; round < 2; ++round) {
    const auto results = fetcher.fetch_all(urls);
    for (const auto& result : results) ASSERT_EQ(result.status, 200) << describe(result);
  }
  EXPECT_EQ(server.total_hits(), 400);
  // 4 connections serve both calls; the slack of 2 allows a connection lost and replaced now and then.
  // A multi handle (or a set of easy handles) made afresh per fetch_all opens 4 more for the second call.
  constexpr int kMostConnections = 4 + 2;
  std::cout << "400 requests, 4 in flight: " << server.connections() << " connections\n";
  EXPECT_LE(server.connections(), kMostConnections)
      << "400 requests (two calls of 200 to one Fetcher, 4 in flight) opened " << server.connections()
      << " connections, more than " << kMostConnections
      << ": a fresh connection per request? Or a fresh multi handle per fetch_all? Keep your handles alive "
         "in the Fetcher so that its connections serve the next request and the next fetch_all too";
}

GRADED_TEST(Fetcher, ThousandsOfRequestsWithoutLeaks, 2) {
  HttpTestServer server;
  std::vector<std::string> urls;
  for (int i = 0; i < 2000; ++i) urls.push_back(server.url("/200?n=" + std::to_string(i)));
  const int threads_before = hpc::web::testing::thread_count();
  const int descriptors_before = open_descriptors();
  {
    Fetcher fetcher(FetcherOptions{.max_in_flight = 64, .max_per_host = 64});
    hpc::common::set_test_phase("fetch_all of 2000 URLs, 64 in flight");
    const auto results = fetcher.fetch_all(urls);
    ASSERT_EQ(results.size(), urls.size());
    int good = 0;
    for (const auto& result : results) good += result.status == 200 && result.body == "200 OK";
    EXPECT_EQ(good, 2000) << "of 2000 requests only " << good << " came back right";
    EXPECT_LE(server.max_in_flight(), 64);
  }
  EXPECT_EQ(hpc::web::testing::wait_for_thread_count(threads_before, 2000ms), threads_before)
      << "threads are left running after the Fetcher is gone";
  // The server runs in this process too: its ends of the closed connections take a moment to be noticed.
  int descriptors_after = open_descriptors();
  for (int i = 0; i < 1000 && descriptors_after > descriptors_before + 2; ++i) {
    std::this_thread::sleep_for(2ms);
    descriptors_after = open_descriptors();
  }
  EXPECT_LE(descriptors_after, descriptors_before + 2)
      << "file descriptors (sockets) are left open after the Fetcher is gone: " << descriptors_before
      << " before, " << descriptors_after << " after";
}

GRADED_TEST(Fetcher, BadInputRejectedBeforeAnyRequest, 1) {
  HttpTestServer server;
  EXPECT_THROW(Fetcher(FetcherOptions{.max_in_flight = 0}), std::invalid_argument);
  EXPECT_THROW(Fetcher(FetcherOptions{.max_in_flight = 4, .max_per_host = 0}), std::invalid_argument);
  EXPECT_THROW(Fetcher(FetcherOptions{.max_in_flight = -3}), std::invalid_argument);
  EXPECT_THROW(Fetcher(FetcherOptions{
                   .max_in_flight = 4, .max_per_host = 2, .timeout = std::chrono::milliseconds(-1)}),
               std::invalid_argument)
      << "a negative timeout";
  Fetcher fetcher(FetcherOptions{.max_in_flight = 4, .max_per_host = 2});
  EXPECT_THROW(fetcher.fetch_all({server.url("/200"), "no url at all"}), hpc::web::HttpError);
  EXPECT_THROW(fetcher.fetch_all({server.url("/200"), "gopher://127.0.0.1/"}), hpc::web::HttpError);
  EXPECT_EQ(server.total_hits(), 0) << "a request was sent before the bad URL was reported";
  EXPECT_TRUE(fetcher.fetch_all({}).empty());
}

// Race-freedom (DESIGN.md §8 rule 4): a design with threads must be race-free.
RACE_POINTS(Fetcher, ResultsExactAndInInputOrder, 1);
RACE_POINTS(Fetcher, PerHostLimitNeverExceeded, 1);
RACE_POINTS(Fetcher, ThousandsOfRequestsWithoutLeaks, 1);

}  // namespace
