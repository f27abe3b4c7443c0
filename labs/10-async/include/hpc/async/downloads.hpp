// Concurrent downloads on one event loop: lab 10, task 5 (labs/10-async/src/downloads.cpp).
//
// The book's aiohttp example starts five downloads on one asyncio loop and writes each body to its file
// chunk by chunk as it arrives (0.72 s against 1.47 s one after the other). Here the loop is an
// asio::io_context on ONE thread and the HTTP client is libcurl's multi interface: one multi handle holds
// every transfer, and the loop waits for all their sockets and time-outs at once, so five transfers that
// each wait 100 ms for the server take about 100 ms together, not 500 ms, without a thread per transfer.
//
// What a real network adds, and every result reports per request, without stopping the other transfers:
// a refused connection, an HTTP error status (a 404 is an answer, not a file), a body that stalls half
// way, a connection dropped mid-body, a file that cannot be written.
//
// Files: each body goes, while it arrives, to "<out_dir>/<file_name>.part" (no whole-body buffering:
// a chunk is written when it arrives), and that file is renamed to "<out_dir>/<file_name>" only when the
// transfer completed with a 2xx status. rename() inside one folder is atomic, so the final name holds
// either nothing or the whole body. A transfer that fails removes its .part file: after the call no .part
// file is left, whatever happened.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

namespace asio {
class io_context;  // standalone Asio's loop (<asio/io_context.hpp>); only the stretch function needs it
}

namespace hpc::async {

struct DownloadRequest {
  std::string url;        // http://... (tests use 127.0.0.1 only)
  std::string file_name;  // a plain name (no '/', not "." or ".."), unique within one call
};

// Why a download failed. `none` is success.
enum class DownloadError {
  none,
  connect,      // the connection was refused or could not be made
  http_status,  // the server answered with a status that is not 2xx (result.status says which)
  timeout,      // options.timeout passed, or no byte arrived for options.stall_timeout
  dropped,      // the connection closed before the whole body arrived
  file,         // the .part file could not be created or written, or the rename failed
  cancelled,    // the stop token was triggered before the transfer ended
  other,        // anything else libcurl reports (its message says what)
};

// "none", "connect", "http_status", "timeout", "dropped", "file", "cancelled", "other" (for messages).
constexpr std::string_view to_string(DownloadError error) {
  switch (error) {
    case DownloadError::none:
      return "none";
    case DownloadError::connect:
      return "connect";
    case DownloadError::http_status:
      return "http_status";
    case DownloadError::timeout:
      return "timeout";
    case DownloadError::dropped:
      return "dropped";
    case DownloadError::file:
      return "file";
    case DownloadError::cancelled:
      return "cancelled";
    case DownloadError::other:
      return "other";
  }
  return "unknown";
}

struct DownloadOptions {
  // Transfers under way at once; 0 = all of them. The others wait for a free slot, in order.
  int max_concurrent = 0;
  // One transfer's whole duration (connect, wait, body); 0 = no limit.
  std::chrono::milliseconds timeout{0};
  // A transfer fails when nothing arrives for this long, counted from its start and from each chunk (a
  // stalled server, before or during the body); 0 = never.
  std::chrono::milliseconds stall_timeout{0};
};

struct DownloadResult {
  DownloadError error = DownloadError::none;
  long status = 0;             // the HTTP status received (0: none arrived)
  std::size_t bytes = 0;       // body bytes written to the file (on success: the body's size)
  std::filesystem::path path;  // on success out_dir / file_name; empty on failure
  std::string message;         // empty on success; else one line naming the URL and what went wrong

  bool ok() const { return error == DownloadError::none; }
};

// Downloads every request into `out_dir`, concurrently, driven by one event loop on one thread (the
// calling thread or one thread of its own), and returns one result per request in the order of
// `requests`. The loop must sleep while it waits (no busy polling of the multi handle). A failed
// transfer does not delay or stop the others. Returns only when every transfer has ended; no thread it
// started is left and no .part file is left.
//
// An output folder that cannot be written is reported per request (error `file`, message naming the
// path), and then no request is sent for it. A stop requested on `stop` (from any thread) ends every
// transfer still under way promptly with error `cancelled`: download_all returns within half a second of
// the stop (the tests' bar), so the loop must hear of it at once, not at the next time-out of its wait.
//
// Throws std::invalid_argument before any request when a file name is empty, ".", "..", contains '/'
// or occurs twice, or when max_concurrent or a time-out is negative.
std::vector<DownloadResult> download_all(const std::vector<DownloadRequest>& requests,
                                         const std::filesystem::path& out_dir,
                                         const DownloadOptions& options = {}, std::stop_token stop = {});

// The baseline: the same downloads one after the other (libcurl's easy interface, one blocking transfer
// at a time), the same options (max_concurrent is ignored: it is always 1; stall_timeout may be rounded
// up to whole seconds, as libcurl's own low-speed check counts them), the same files and results.
std::vector<DownloadResult> download_one_at_a_time(const std::vector<DownloadRequest>& requests,
                                                   const std::filesystem::path& out_dir,
                                                   const DownloadOptions& options = {});

// Stretch (bonus): the same downloads as a guest on the caller's event loop. Returns at once; the
// transfers run while the caller runs `loop` (loop.run() on one thread), and `done` is called once, on
// that thread, with the results in the order of `requests`. The loop must never block on the network:
// other work posted to the same loop (timers, handlers) keeps running on time while the transfers wait
// (the real integration: libcurl tells which sockets to watch through CURLMOPT_SOCKETFUNCTION and when to
// call it back through CURLMOPT_TIMERFUNCTION, and the loop waits on those sockets and that timer).
// Throws like download_all, before anything is started.
void start_downloads(asio::io_context& loop, const std::vector<DownloadRequest>& requests,
                     const std::filesystem::path& out_dir, const DownloadOptions& options,
                     std::function<void(std::vector<DownloadResult>)> done);

}  // namespace hpc::async
