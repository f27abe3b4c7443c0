// A known-wrong bonus (lab 10, task 5 stretch), for the variant guest_on_a_thread (downloads.cmake):
// start_downloads that runs download_all on a thread of its own and posts `done` back to the caller's
// loop. `done` runs on the loop's thread and the loop stays responsive, but the loop never waits on a
// socket: that thread does. Everything else is the reference, included with its start_downloads renamed.
#define start_downloads reference_start_downloads
#include "../../../solutions/10-async/src/downloads.cpp"
#undef start_downloads

#include <asio/executor_work_guard.hpp>
#include <thread>

namespace hpc::async {

void start_downloads(asio::io_context& loop, const std::vector<DownloadRequest>& requests,
                     const std::filesystem::path& out_dir, const DownloadOptions& options,
                     std::function<void(std::vector<DownloadResult>)> done) {
  std::thread([&loop, guard = asio::make_work_guard(loop), requests, out_dir, options,
               done = std::move(done)]() mutable {
    auto results = download_all(requests, out_dir, options);
    asio::post(loop, [done = std::move(done), results = std::move(results)]() mutable { done(results); });
    guard.reset();
  }).detach();
}

}  // namespace hpc::async
