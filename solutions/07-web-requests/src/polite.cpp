// Lab 07, task 4 — reference solution: at most max_in_flight requests at a time.
//
// A fixed crew of min(max_in_flight, URLs) threads takes the URLs in turn, each thread one request at a
// time: the number of requests in flight is the number of busy threads, so the limit holds by
// construction and no counter or semaphore is needed, and while URLs are left every thread is busy, so
// the limit is also reached.
#include "hpc/web/polite.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>
#include <thread>

#include "hpc/web/ping.hpp"

namespace hpc::web {

std::vector<std::string> ping_rate_limited(const std::vector<std::string>& urls, int max_in_flight,
                                           const RequestOptions& options) {
  if (max_in_flight < 1)
    throw std::invalid_argument("ping_rate_limited: max_in_flight must be at least 1, not " +
                                std::to_string(max_in_flight));
  for (const auto& url : urls) check_url(url);
  std::vector<std::string> lines(urls.size());
  std::atomic<std::size_t> next{0};  // the next URL nobody has taken yet
  const auto crew = std::min(urls.size(), static_cast<std::size_t>(max_in_flight));
  {
    std::vector<std::jthread> threads;
    threads.reserve(crew);
    for (std::size_t t = 0; t < crew; ++t) {
      threads.emplace_back([&] {
        for (std::size_t i = next++; i < urls.size(); i = next++) {
          try {
            lines[i] = ping(urls[i], options);
          } catch (const std::exception& error) {
            lines[i] = urls[i] + ": error: " + error.what();
          }
        }
      });
    }
  }
  return lines;
}

}  // namespace hpc::web
