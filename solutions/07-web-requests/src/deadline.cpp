// Lab 07, task 3 — reference solution: ping with a deadline that really stops the slow transfers.
//
// C++ has no daemon threads: a thread still waiting for a slow server when the function wants to return
// must be either joined (and the function is late) or detached (and it outlives the call, writing into
// memory that may be gone). So each transfer is made to end by itself at the deadline: its libcurl
// time-out is the time left until the deadline, which libcurl keeps to within milliseconds. A stop token
// would not do: libcurl looks at it only about once a second on an idle transfer (see http.cpp), too
// late for a deadline of a few hundred milliseconds. (And a std::jthread's destructor requests stop on
// its own token before it joins: transfers that watched that token would be aborted one by one as the
// vector of threads is destroyed.)
#include <exception>
#include <thread>

#include "hpc/web/ping.hpp"

namespace hpc::web {

std::vector<std::string> ping_with_deadline(const std::vector<std::string>& urls,
                                            std::chrono::milliseconds deadline) {
  for (const auto& url : urls) check_url(url);
  const auto until = std::chrono::steady_clock::now() + deadline;
  std::vector<std::string> lines(urls.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) {
      threads.emplace_back([&, i] {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        RequestOptions options;
        options.timeout = std::max(left, std::chrono::milliseconds(1));  // 0 would mean "no time-out"
        try {
          lines[i] = urls[i] + ": " + http_get(urls[i], options).body;
        } catch (const HttpError& error) {
          lines[i] =
              error.kind() == ErrorKind::timeout
                  ? urls[i] + ": Custom timeout"
                  : urls[i] + ": error: " + std::string(to_string(error.kind())) + ": " + error.message();
        } catch (const std::exception& error) {
          lines[i] = urls[i] + ": error: " + error.what();
        }
      });
    }
  }  // every transfer has ended by the deadline (its time-out), so these joins are short
  return lines;
}

}  // namespace hpc::web
