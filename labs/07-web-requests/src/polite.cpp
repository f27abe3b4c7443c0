// Lab 07, task 4 (see labs/07-web-requests/LAB.md). Replace the body; keep the signature.
#include "hpc/web/polite.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::web {

std::vector<std::string> ping_rate_limited([[maybe_unused]] const std::vector<std::string>& urls,
                                           [[maybe_unused]] int max_in_flight,
                                           [[maybe_unused]] const RequestOptions& options) {
  hpc::common::not_implemented();
}

}  // namespace hpc::web
