// Lab 07, task 3 (see labs/07-web-requests/LAB.md). Replace the body; keep the signature.
#include "hpc/common/not_implemented.hpp"
#include "hpc/web/ping.hpp"

namespace hpc::web {

std::vector<std::string> ping_with_deadline([[maybe_unused]] const std::vector<std::string>& urls,
                                            [[maybe_unused]] std::chrono::milliseconds deadline) {
  hpc::common::not_implemented();
}

}  // namespace hpc::web
