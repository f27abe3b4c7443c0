// What lab 07's tests share: the local test server, a port nothing listens on, the process's thread count.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hpc/common/http_test_server.hpp"
#include "hpc/common/proc_self.hpp"

namespace hpc::web::testing {

// A test with its own server on 127.0.0.1 (each test runs in a process of its own, so each gets a fresh
// server with zeroed counters; the server stops, joining its threads, when the test ends).
class WithServer : public ::testing::Test {
 protected:
  hpc::common::HttpTestServer server;
  std::string url(std::string_view path) const { return server.url(path); }
};

// The book's six status codes, as paths: /200 /400 /404 /408 /500 /524.
std::vector<std::string> six_paths();

// "<url>: <code> <reason>" for each of the six paths of `server`, with the book's reason phrases written
// out here (not taken from the server): what every ping function must return.
std::vector<std::string> six_expected_lines(const hpc::common::HttpTestServer& server);

// The six status URLs of `server`.
std::vector<std::string> six_urls(const hpc::common::HttpTestServer& server);

// "http://127.0.0.1:<port>" with a port that was free a moment ago and has nothing listening: a socket
// is bound to port 0, its port read, and the socket closed. A connection there is refused.
std::string refused_base_url();

// The threads of this process now (entries of /proc/self/task).
using hpc::common::thread_count;

// Waits up to `timeout` for the thread count to fall to `target` (a thread that has returned from its
// function may take a moment to disappear from /proc); returns the last count seen.
int wait_for_thread_count(int target, std::chrono::milliseconds timeout);

// How much longer than usual a timing bar allows in this build: kTsanTimingScale in a ThreadSanitizer
// build (where only the race points are graded, and instrumented threads start and run several times
// slower: a correct solution must not lose a race point to a bar set for optimised code), 1 elsewhere.
// Applied only to overheads on top of the server's latencies, never to a deadline under test.
inline constexpr double kTsanTimingScale = 3.0;
double timing_scale();

// True when `message` contains "connect" in any case: libcurl's words for a refused connection
// ("Couldn't connect to server", "Failed to connect to 127.0.0.1 port ...").
bool mentions_connect(std::string_view message);

// Seconds since `start`.
double seconds_since(std::chrono::steady_clock::time_point start);

// "[a, b, c]" for the messages.
std::string joined(const std::vector<std::string>& lines);

// Samples count() about every millisecond, on a thread of its own, until stop() (or destruction): the
// most it saw, and the longest stretch for which it stayed above `limit` without a break. Why not just
// the server's max_in_flight(): the server's "in flight" is a moment off the client's at both ends of a
// request (its threads count a request in and out), and a client that sends its next request on another
// connection as soon as it has read an answer can look one over its limit for that moment (the server
// counted until after the last byte before commit cc9a57a; a threads Fetcher within its limit was seen
// at 4 for a limit of 3). A limit really ignored keeps the count above it for as long as a request
// takes. (Tasks 5 and 6.)
class InFlightWatch {
 public:
  struct Seen {
    int most = 0;
    double longest_over_ms = 0;
  };
  InFlightWatch(std::function<int()> count, int limit);
  ~InFlightWatch();
  InFlightWatch(const InFlightWatch&) = delete;
  InFlightWatch& operator=(const InFlightWatch&) = delete;
  Seen stop();

 private:
  std::function<int()> count_;
  int limit_;
  Seen seen_;
  std::jthread thread_;
};

}  // namespace hpc::web::testing
