// Lab 07, task 5 (see labs/07-web-requests/LAB.md). Replace each body; keep the signatures. You may add
// helper functions (in an anonymous namespace) and reuse task 1's check_url from http.hpp.
#include "hpc/web/download.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::web {

std::chrono::milliseconds backoff_delay([[maybe_unused]] const RetryPolicy& policy,
                                        [[maybe_unused]] std::size_t job, [[maybe_unused]] int retry) {
  hpc::common::not_implemented();
}

std::vector<DownloadResult> download_all([[maybe_unused]] const std::vector<DownloadJob>& jobs,
                                         [[maybe_unused]] const std::filesystem::path& folder,
                                         [[maybe_unused]] const DownloadOptions& options) {
  hpc::common::not_implemented();
}

}  // namespace hpc::web
