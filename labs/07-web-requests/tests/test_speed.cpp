// Graded speed tests, lab 07 tasks 2 and 4. Waiting for a server costs no CPU, so these ratios come from
// overlapping the waits, not from cores: they hold on one core and on a loaded machine, and are measured
// against your own sequential ping in the same run, interleaved (compare_speed, DESIGN.md §5).
//
//   PingSpeed.ThreadedBeatsSequential     six URLs of 100 ms latency, ping_threaded vs ping_sequential
//   PingSpeed.MultiBeatsSequential        the same with ping_multi
//   PingSpeed.RateLimitedHundredInFlight  100 URLs of 50 ms latency, ping_rate_limited(urls, 100) vs
//                                     ping_sequential; the baseline is 5 s a run, so 5 pairs and no
//                                     warm-up (the first pair's extra connection cost is in the median)
// The bars and the reference's ratios they come from are in LAB.md.
#include <gtest/gtest.h>

#include <chrono>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/web/ping.hpp"
#include "hpc/web/polite.hpp"
#include "support.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::web::testing::WithServer;
using PingSpeed = WithServer;

constexpr double kSixUrlBar = 3.0;
constexpr double kHundredBar = 20.0;

void expect_six_url_speedup(hpc::common::HttpTestServer& server, const char* name,
                            std::vector<std::string> (*candidate)(const std::vector<std::string>&,
                                                                  const hpc::web::RequestOptions&)) {
  server.set_base_latency(100ms);
  const auto urls = hpc::web::testing::six_urls(server);
  const auto comparison = hpc::common::compare_speed(
      "ping_sequential", [&] { hpc::web::ping_sequential(urls); }, name, [&] { candidate(urls, {}); },
      {.pairs = 7, .warmup = 1});
  EXPECT_SPEEDUP_AT_LEAST(comparison, kSixUrlBar);
}

GRADED_TEST_F(PingSpeed, ThreadedBeatsSequential, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  expect_six_url_speedup(server, "ping_threaded", hpc::web::ping_threaded);
}

GRADED_TEST_F(PingSpeed, MultiBeatsSequential, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  expect_six_url_speedup(server, "ping_multi", hpc::web::ping_multi);
}

HPC_TIME_LIMIT(PingSpeed, RateLimitedHundredInFlight, 60);
GRADED_TEST_F(PingSpeed, RateLimitedHundredInFlight, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  server.set_base_latency(50ms);
  std::vector<std::string> urls;
  for (int i = 0; i < 100; ++i) urls.push_back(server.url("/200?n=" + std::to_string(i)));
  const auto comparison = hpc::common::compare_speed(
      "ping_sequential", [&] { hpc::web::ping_sequential(urls); }, "ping_rate_limited(urls, 100)",
      [&] { hpc::web::ping_rate_limited(urls, 100); }, {.pairs = 5, .warmup = 0});
  EXPECT_SPEEDUP_AT_LEAST(comparison, kHundredBar);
  EXPECT_LE(server.max_in_flight(), 100);
}

}  // namespace
