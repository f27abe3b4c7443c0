// Politeness: never more than a given number of requests in flight to a server.
// Lab 07, task 4 (labs/07-web-requests/src/polite.cpp).
#pragma once

#include <string>
#include <vector>

#include "hpc/web/http.hpp"

namespace hpc::web {

// Pings every URL (ping lines as in ping.hpp, in the order of `urls`) with at most max_in_flight
// requests under way at any moment, and as many as that whenever enough URLs are left. Throws
// std::invalid_argument when max_in_flight < 1 and HttpError for a bad URL, before any request.
std::vector<std::string> ping_rate_limited(const std::vector<std::string>& urls, int max_in_flight,
                                           const RequestOptions& options = {});

}  // namespace hpc::web
