// Known-wrong version of lab 07 task 4 (variant batched_limit): requests go out in batches of
// max_in_flight, and a batch starts only when every request of the one before has answered. The limit is
// held and reached, so only URLs of unequal latency show the cost: each batch waits for its slowest
// request while its other slots sit idle (Polite.SteadyNotInBatches).
#include "hpc/web/polite.hpp"

#include <algorithm>
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
  const auto batch_size = static_cast<std::size_t>(max_in_flight);
  for (std::size_t first = 0; first < urls.size(); first += batch_size) {
    std::vector<std::jthread> batch;  // joined at the end of each round: the whole batch is waited for
    for (std::size_t i = first; i < std::min(urls.size(), first + batch_size); ++i) {
      batch.emplace_back([&, i] {
        try {
          lines[i] = ping(urls[i], options);
        } catch (const std::exception& error) {
          lines[i] = urls[i] + ": error: " + error.what();
        }
      });
    }
  }
  return lines;
}

}  // namespace hpc::web
