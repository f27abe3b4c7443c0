// A real HTTP/1.1 server on 127.0.0.1 for tests, demos and benchmarks (chapters 07 and 10): it binds a
// free port, serves in threads of its own, and counts what clients did to it, so a test can check "every
// path hit exactly once", "never more than N requests in flight" or "the client really abandoned the
// slow request" instead of trusting the code under test. Built on cpp-httplib (Debian
// libcpp-httplib-dev); httplib.h stays out of this header (its configuration macros change its ABI).
//
// Routes (GET; any path may also take ?sleep=MS, a delay before the status line is sent):
//   /<code>                 status <code>, body "<code> <reason>" with the book's reason phrases
//                           (200 OK, 400 Bad Request, 404 Not Found, 408 Request Timeout,
//                           500 Internal Server Error, 524 A timeout occurred; others: the standard phrase)
//   /index.html             a small page, Content-Type "text/html; charset=ISO-8859-1"
//   /bytes/<n>?seed=S       n bytes of http_test_body(n, S) (Content-Length n), S defaults to 0;
//       &rate=B             ... sent at about B bytes per second (a slow body)
//       &stall_after=K      ... K bytes sent, then nothing until the client gives up (a stalled body)
//       &drop_after=K       ... K bytes sent, then the connection is closed (a dropped connection)
//   /flaky/<name>?fail=K&code=C
//                           the first K requests of this path answer C (default 503), later ones
//                           "200 OK"; a test counts the retries with hits()
//   /redirect/<n>           302 to /redirect/<n-1>, /redirect/0 is "200 OK"
//   /redirect-to?url=U      302 to U (URL-encoded in the query), whatever its scheme
//   anything else           404 "404 Not Found"
// The body carries the reason phrase above; the status line's phrase is cpp-httplib's own (it has no
// entry for 524 and says "Internal Server Error" there), so compare bodies, not status lines.
//
// Limits: n up to 1 GiB (larger: 400 "400 Bad Request"); sleep and base latency at most an hour each.
// Only GET (and HEAD) is served; cpp-httplib answers other methods with 400. Body offsets (stall_after,
// drop_after, Range requests) are positions in the whole body.
//
// The server's threads are created with it (Options::threads of them) and stay until it stops, so a test
// that counts the process's threads before and after the code under test is not confused by the server.
//
// Typical use in a test:
//   hpc::common::HttpTestServer server;                        // serving when the constructor returns
//   ... code under test fetches server.url("/200?sleep=2000") with a 100 ms time-out ...
//   ASSERT_TRUE(server.wait_until_idle(std::chrono::seconds(2)));
//   EXPECT_EQ(server.abandoned(), 1);                          // the client really gave up
//   EXPECT_EQ(server.hits("/200"), 1);
// The same routes as a program, to try with curl: build/<preset>/bin/hpc-http-server --port 8080.
//
// How it knows (Linux): connections are counted as cpp-httplib's accept loop hands each accepted socket
// to the server's task queue; a request that waits (sleep, latency, slow or stalled body) finds its own
// socket in /proc/self/fd and polls it for POLLRDHUP, so a client that closes is counted at once, and
// the waiting thread is free again right away. Stopping wakes every wait and shuts idle keep-alive
// connections down, so the destructor returns in milliseconds.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace hpc::common {

// The deterministic body of /bytes/<size>?seed=<seed>: the same bytes for the same arguments, every
// byte value occurs (in a few kilobytes), different seeds give different bodies, and a shorter body is a
// prefix of a longer one with the same seed (a test's expected download).
std::string http_test_body(std::size_t size, std::uint64_t seed = 0);

// The reason phrase the server sends with a status code ("OK", "A timeout occurred", ...).
std::string_view http_test_reason(int status);

class HttpTestServer {
 public:
  struct Options {
    // Added before every response (the book's remote server took about 137 ms a request).
    std::chrono::milliseconds base_latency{0};
    // Requests served at once; more wait in the listen queue. Tests with 100 requests in flight need
    // at least 100. With keep-alive a thread stays with its connection while the connection is open
    // (cpp-httplib closes an idle one after 5 s), so give at least as many threads as the client keeps
    // connections, or the extra connections wait.
    unsigned threads = 128;
    // Keep connections open between requests (HTTP/1.1 keep-alive); off: one connection per request.
    bool keep_alive = true;
    // The port to bind on 127.0.0.1; 0 (tests, demos) picks a free one. For the hpc-http-server tool.
    int port = 0;
  };

  // Binds 127.0.0.1 on a free port and starts serving before it returns. Throws std::runtime_error
  // naming the reason when it cannot.
  HttpTestServer();
  explicit HttpTestServer(Options options);
  ~HttpTestServer();  // stops: ends sleeps, stalls and idle connections early, joins every thread
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const;
  std::string base_url() const;                  // "http://127.0.0.1:<port>"
  std::string url(std::string_view path) const;  // base_url() + path; path starts with '/'

  void set_base_latency(std::chrono::milliseconds latency);

  // What clients did since the start (or the last reset_counters()).
  int hits(std::string_view path) const;  // requests for this path (query string ignored)
  int total_hits() const;
  int in_flight() const;      // requests received and not yet completely answered
  int max_in_flight() const;  // the most at one time
  int abandoned() const;      // requests whose client closed the connection before the
                              // whole response was sent (seen at once during a sleep,
                              // a slow or a stalled body; a drop_after is not counted)
  int connections() const;    // TCP connections accepted (connection reuse keeps it low)
  // Zeroes the counters (max_in_flight() restarts from the requests still in flight) and restarts the
  // /flaky/ paths' counts.
  void reset_counters();

  // Blocks until in_flight() is 0 or the timeout passes; true when it reached 0. Lets a test check
  // "the client abandoned it" without a fixed sleep.
  bool wait_until_idle(std::chrono::milliseconds timeout) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::common
