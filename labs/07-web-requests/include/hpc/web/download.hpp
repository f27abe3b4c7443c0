// A downloader that never leaves half a file: lab 07, task 5 (labs/07-web-requests/src/download.cpp).
//
// Seeds 003 and 004 download files with threads; what they leave out is what goes wrong on a real
// network: a server that answers 503 for a moment, a body that stops arriving, a connection that drops in
// the middle. This downloader survives those. Each body is written, while it arrives, to a temporary file
// in the SAME folder as the final file, and renamed to its final name only once it is complete with a 2xx
// status. rename() within one file system is atomic: another program looking at the folder sees either no
// file or the whole file under the final name, never a half. (Across file systems rename fails or turns
// into a copy, which is not atomic; that is why the temporary file lives beside the final one.) A failed
// attempt removes its temporary file. Transient failures are retried with exponential back-off and jitter.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "hpc/web/http.hpp"

namespace hpc::web {

struct DownloadJob {
  std::string url;
  std::string file_name;  // a plain name (no '/'), unique within one download_all call
};

// When and how often a failed attempt is tried again. Only transient failures are retried: an HTTP 5xx,
// a time-out (RequestOptions-style timeout or stall), a connection dropped mid-body. Never a 4xx (asking
// again gets the same answer), never a bad URL, never a refused connection.
struct RetryPolicy {
  int max_attempts = 3;                          // attempts in all, the first one included (>= 1)
  std::chrono::milliseconds first_backoff{100};  // the wait before the second attempt (>= 0)
  double multiplier = 2.0;                       // each further wait is this many times the last (>= 1)
  double jitter = 0.25;    // each wait is stretched by a random 0 .. jitter of itself (>= 0)
  std::uint64_t seed = 0;  // the jitter's random numbers, so a run can be repeated
};

struct DownloadOptions {
  int max_in_flight = 4;  // transfers under way at once (>= 1)
  RetryPolicy retry;
  std::chrono::milliseconds timeout{0};  // one attempt's whole transfer; 0 = none
  // One attempt gives up when no byte arrives for this long; 0 = never.
  std::chrono::milliseconds stall_timeout{0};
};

struct DownloadResult {
  std::filesystem::path path;  // the final file (folder / file_name) when the job succeeded, else empty
  // Why the last attempt failed, when the job failed: a transport failure (timeout for a time-out or a
  // stall, transfer for a dropped connection, connect, file), or nullopt when it ended with an HTTP status
  // that is not 2xx (then last_status says which).
  std::optional<ErrorKind> error;
  long last_status = 0;  // the last HTTP status received for this job (0: none arrived)
  int attempts = 0;      // requests made for this job (1 + retries)
  std::string message;   // empty on success; else one line naming the URL and what went wrong

  bool ok() const { return !path.empty(); }
};

// The wait before retry number `retry` (1 = before the second attempt) of job number `job` (its index in
// the jobs vector): first_backoff * multiplier^(retry - 1), stretched by a random factor in
// [1, 1 + jitter). The factor is a pure function of (policy.seed, job, retry): the same arguments always
// give the same wait, different seeds give different waits, and different jobs get different factors
// (so jobs that failed together do not all come back at the same moment). download_all waits exactly
// this long (at least; a sleep may end a little late) between the attempts of a job.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, std::size_t job, int retry);

// Downloads every job into `folder`, at most options.max_in_flight transfers at once, and returns one
// result per job in the order of `jobs`. A job that fails does not stop the others. Returns only when
// every transfer has ended and every thread it started has finished; no temporary file is left behind.
//
// Checks everything before any request is sent:
//   - HttpError (from check_url) for a URL that is malformed or not http/https;
//   - std::invalid_argument when `folder` is missing, not a folder or not writable, when a file name is
//     empty, ".", "..", contains '/' or occurs twice, when max_in_flight < 1, max_attempts < 1,
//     first_backoff < 0, multiplier < 1, jitter < 0, or a time-out is negative.
std::vector<DownloadResult> download_all(const std::vector<DownloadJob>& jobs,
                                         const std::filesystem::path& folder,
                                         const DownloadOptions& options = {});

}  // namespace hpc::web
