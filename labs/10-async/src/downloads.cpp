// Lab 10, task 5 (see labs/10-async/LAB.md, "Task 5"): concurrent downloads on one event loop. Replace
// the bodies marked "not implemented"; keep the signatures.
//
// You will need libcurl's multi interface (<curl/curl.h>) and, for the loop, Asio: include only the parts
// you use (<asio/io_context.hpp>, <asio/steady_timer.hpp>, <asio/posix/stream_descriptor.hpp>,
// <asio/post.hpp>), here and in no other file.
#include "hpc/async/downloads.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::async {

std::vector<DownloadResult> download_all([[maybe_unused]] const std::vector<DownloadRequest>& requests,
                                         [[maybe_unused]] const std::filesystem::path& out_dir,
                                         [[maybe_unused]] const DownloadOptions& options,
                                         [[maybe_unused]] std::stop_token stop) {
  hpc::common::not_implemented();
}

std::vector<DownloadResult> download_one_at_a_time(
    [[maybe_unused]] const std::vector<DownloadRequest>& requests,
    [[maybe_unused]] const std::filesystem::path& out_dir, [[maybe_unused]] const DownloadOptions& options) {
  hpc::common::not_implemented();
}

void start_downloads([[maybe_unused]] asio::io_context& loop,
                     [[maybe_unused]] const std::vector<DownloadRequest>& requests,
                     [[maybe_unused]] const std::filesystem::path& out_dir,
                     [[maybe_unused]] const DownloadOptions& options,
                     [[maybe_unused]] std::function<void(std::vector<DownloadResult>)> done) {
  hpc::common::not_implemented();
}

}  // namespace hpc::async
