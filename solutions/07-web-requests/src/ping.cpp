// Lab 07, task 2 (see labs/07-web-requests/LAB.md). Replace each body; keep the signatures.
#include "hpc/web/ping.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::web {

std::string ping([[maybe_unused]] const std::string& url, [[maybe_unused]] const RequestOptions& options) {
  hpc::common::not_implemented();
}

std::vector<std::string> ping_sequential([[maybe_unused]] const std::vector<std::string>& urls,
                                         [[maybe_unused]] const RequestOptions& options) {
  hpc::common::not_implemented();
}

std::vector<std::string> ping_threaded([[maybe_unused]] const std::vector<std::string>& urls,
                                       [[maybe_unused]] const RequestOptions& options) {
  hpc::common::not_implemented();
}

std::vector<std::string> ping_multi([[maybe_unused]] const std::vector<std::string>& urls,
                                    [[maybe_unused]] const RequestOptions& options) {
  hpc::common::not_implemented();
}

}  // namespace hpc::web
