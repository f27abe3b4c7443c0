// Your own fetcher: lab 07, task 6, open design (labs/07-web-requests/src/fetcher.cpp).
//
// This header fixes only what a Fetcher does, not how. Threads and a queue, a pool of easy handles, curl
// multi on one thread: each can pass every test. You define `struct Fetcher::Impl` in fetcher.cpp with
// whatever your design needs, and it lives as long as the Fetcher (so what it keeps, such as open
// connections, can serve the next fetch_all too).
//
// What a "host" is here: the URL's host name AND port ("127.0.0.1:8080"), what HTTP calls the authority.
// Two servers on one machine differ only by their port, and each is a separate server that deserves its
// own limit, so http://127.0.0.1:8080/ and http://127.0.0.1:8081/ are two hosts. A URL without a port has
// its scheme's default (80 for http, 443 for https).
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "hpc/web/http.hpp"

namespace hpc::web {

struct FetcherOptions {
  int max_in_flight = 16;                // requests under way at once, all hosts together (>= 1)
  int max_per_host = 4;                  // requests under way at once to one host (>= 1)
  std::chrono::milliseconds timeout{0};  // one request's whole transfer; 0 = none
};

struct FetchResult {
  long status = 0;   // the HTTP status (a 404 is an answer, not an error); 0 when error is set
  std::string body;  // the whole body
  std::optional<ErrorKind>
      error;                  // a transport failure of this URL (connect, timeout, transfer), else nullopt
  std::string error_message;  // empty, or one line naming the URL and what went wrong
};

class Fetcher {
 public:
  // Throws std::invalid_argument when a limit is < 1 or the timeout is negative.
  explicit Fetcher(FetcherOptions options = {});
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // GETs every URL and returns one result per URL, in the order of `urls` (a URL that occurs twice is
  // fetched twice). Never more than max_in_flight requests under way at once, nor more than max_per_host
  // to one host, and as many as the limits allow whenever enough URLs are waiting. Connections are reused
  // (HTTP keep-alive): fetching many URLs from one server must not open a new connection per request.
  // One URL's failure is that URL's result; the others go on. Checks every URL first (check_url: an
  // HttpError before any request is sent). Returns when every transfer has ended; any thread it started
  // for this call has finished. One call at a time per Fetcher.
  std::vector<FetchResult> fetch_all(const std::vector<std::string>& urls);

  const FetcherOptions& options() const;

 private:
  struct Impl;
  FetcherOptions options_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::web
