// Graded tests, lab 07 task 4: never more than max_in_flight requests at the server at once, and as many
// as that whenever there is work for them (a serial version is polite but not what was asked).
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <stdexcept>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/web/polite.hpp"
#include "support.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::web::testing::seconds_since;
using hpc::web::testing::WithServer;
using Polite = WithServer;

// n URLs on distinct paths (so hits() can check each), answered with the given status codes in turn.
std::vector<std::string> many_urls(const hpc::common::HttpTestServer& server, int n) {
  static const char* const codes[] = {"/200", "/404", "/500"};
  std::vector<std::string> urls;
  for (int i = 0; i < n; ++i)
    urls.push_back(server.url(std::string(codes[i % 3]) + "?n=" + std::to_string(i)));
  return urls;
}

std::vector<std::string> expected_lines(const std::vector<std::string>& urls) {
  static const char* const bodies[] = {"200 OK", "404 Not Found", "500 Internal Server Error"};
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < urls.size(); ++i) lines.push_back(urls[i] + ": " + bodies[i % 3]);
  return lines;
}

void expect_limit_reached_never_passed(hpc::common::HttpTestServer& server, int urls_count, int limit) {
  constexpr auto latency = 100ms;
  server.set_base_latency(latency);
  const auto urls = many_urls(server, urls_count);
  const auto start = std::chrono::steady_clock::now();
  const auto lines = hpc::web::ping_rate_limited(urls, limit);
  const double seconds = seconds_since(start);
  EXPECT_TRUE(hpc::common::same_sequence(expected_lines(urls), lines)) << "limit " << limit;
  EXPECT_LE(server.max_in_flight(), limit)
      << "limit " << limit << ", but the server saw " << server.max_in_flight()
      << " requests in flight at once (the limit off by one? not enforced?)";
  EXPECT_EQ(server.max_in_flight(), limit)
      << "limit " << limit << ", but never more than " << server.max_in_flight()
      << " request(s) in flight: the requests must overlap up to the limit (serial?)";
  const double rounds = (urls_count + limit - 1) / limit;
  // Half a round of slack per round for starting threads and connections, stretched in a ThreadSanitizer
  // build (FiveInFlight once took 0.48 s there against 0.45 s: slowness, not a race).
  const double bar = rounds * 0.1 + 0.5 * rounds * 0.1 * hpc::web::testing::timing_scale();
  EXPECT_LT(seconds, bar) << urls_count << " requests of 100 ms with " << limit
                          << " in flight should take about " << rounds * 0.1 << " s (bar " << bar
                          << " s), took " << seconds << " s";
  EXPECT_EQ(server.total_hits(), urls_count);
}

GRADED_TEST_F(Polite, TwoInFlight, 2) { expect_limit_reached_never_passed(server, 12, 2); }

GRADED_TEST_F(Polite, FiveInFlight, 2) { expect_limit_reached_never_passed(server, 12, 5); }

GRADED_TEST_F(Polite, OneIsSequential, 1) { expect_limit_reached_never_passed(server, 4, 1); }

// A limiter that starts max_in_flight requests, waits for the whole batch and only then starts the next
// holds the limit and reaches it, so the tests above cannot tell it from a steady one: their URLs all take
// equally long. Here one URL of every would-be batch of three is slow (300 ms) and the rest answer at
// once: a steady limiter hands a free slot to the next URL as soon as a fast one is done, so the three
// slow ones overlap and the call takes about 0.3 s; batches wait for each slow one in turn, 0.9 s.
GRADED_TEST_F(Polite, SteadyNotInBatches, 2) {
  constexpr int kLimit = 3;
  std::vector<std::string> urls;
  std::vector<std::string> expected;
  for (int i = 0; i < 9; ++i) {
    const std::string query = i % kLimit == 0 ? "?sleep=300&n=" : "?n=";
    urls.push_back(server.url("/200" + query + std::to_string(i)));
    expected.push_back(urls.back() + ": 200 OK");
  }
  const auto start = std::chrono::steady_clock::now();
  const auto lines = hpc::web::ping_rate_limited(urls, kLimit);
  const double seconds = seconds_since(start);
  std::cout << "9 URLs, limit 3: " << seconds << " s\n";
  EXPECT_TRUE(hpc::common::same_sequence(expected, lines));
  EXPECT_LE(server.max_in_flight(), kLimit) << "the limit " << kLimit << " was passed";
  // Two slow rounds: far above a steady limiter's one (0.3 s), far below three batches (0.9 s).
  EXPECT_LT(seconds, 0.6) << "batches that wait for their slowest request? 9 URLs, limit 3, one of every "
                          << "three 300 ms slow: a steady limiter, which starts the next URL as soon as a "
                          << "slot is free, takes about 0.3 s";
}

GRADED_TEST_F(Polite, LimitAboveUrlCount, 1) {
  const auto urls = many_urls(server, 3);
  EXPECT_TRUE(hpc::common::same_sequence(expected_lines(urls), hpc::web::ping_rate_limited(urls, 100)));
  EXPECT_TRUE(hpc::web::ping_rate_limited({}, 4).empty()) << "no URLs, no lines";
}

GRADED_TEST_F(Polite, BadInputBeforeAnyRequest, 1) {
  const auto urls = many_urls(server, 4);
  for (const int limit : {0, -1, -100}) {
    try {
      hpc::web::ping_rate_limited(urls, limit);
      ADD_FAILURE() << "ping_rate_limited(urls, " << limit << ") did not throw std::invalid_argument";
    } catch (const std::invalid_argument&) {
    } catch (const std::exception& error) {
      ADD_FAILURE() << "ping_rate_limited(urls, " << limit << ") threw something else: " << error.what();
    }
  }
  auto with_bad = urls;
  with_bad.push_back("file:///etc/hostname");
  EXPECT_THROW(hpc::web::ping_rate_limited(with_bad, 2), hpc::web::HttpError);
  EXPECT_EQ(server.total_hits(), 0) << "bad input must be refused before any request";
}

}  // namespace
