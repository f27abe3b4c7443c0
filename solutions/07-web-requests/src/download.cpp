// Reference solution of lab 07, task 5: the downloader (labs/07-web-requests/include/hpc/web/download.hpp).
//
// Design: max_in_flight worker threads, each with one libcurl easy handle of its own (an easy handle must
// not be shared between threads, and keeping one per worker lets it reuse its connection from job to
// job). The workers take job numbers from an atomic counter, so every job is done exactly once and the
// limit holds by construction. A worker does all the attempts of a job, sleeping the back-off in between:
// the sleep keeps its slot, so the limit counts jobs in progress, not only bytes on the wire.
//
// The body goes straight from libcurl's write callback into a temporary file beside the final one, so a
// large download never sits in memory, and the final name appears only through rename() after the file
// was closed (flushed) and the status was 2xx.
#include "hpc/web/download.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace hpc::web {

namespace {

using Clock = std::chrono::steady_clock;

// SplitMix64's finaliser: a well-mixed 64-bit value from any input, so nearby seeds, jobs and retries
// give unrelated jitter.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

void check_arguments(const std::vector<DownloadJob>& jobs, const std::filesystem::path& folder,
                     const DownloadOptions& options) {
  for (const DownloadJob& job : jobs) check_url(job.url);
  if (options.max_in_flight < 1)
    throw std::invalid_argument("download_all: max_in_flight must be at least 1");
  const RetryPolicy& retry = options.retry;
  if (retry.max_attempts < 1) throw std::invalid_argument("download_all: max_attempts must be at least 1");
  if (retry.first_backoff.count() < 0) throw std::invalid_argument("download_all: first_backoff is negative");
  if (!(retry.multiplier >= 1.0)) throw std::invalid_argument("download_all: multiplier must be at least 1");
  if (!(retry.jitter >= 0.0)) throw std::invalid_argument("download_all: jitter is negative");
  if (options.timeout.count() < 0 || options.stall_timeout.count() < 0)
    throw std::invalid_argument("download_all: a time-out is negative");

  std::set<std::string> names;
  for (const DownloadJob& job : jobs) {
    const std::string& name = job.file_name;
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
      throw std::invalid_argument("download_all: '" + name + "' is not a plain file name");
    if (!names.insert(name).second)
      throw std::invalid_argument("download_all: the file name '" + name + "' occurs twice");
  }

  std::error_code error;
  if (!std::filesystem::is_directory(folder, error))
    throw std::invalid_argument("download_all: " + folder.string() + " is not an existing folder");
  // The only honest test of "writable" is writing: permissions, a read-only mount or /proc all say no
  // only when a file is created (and root ignores the permission bits).
  const std::filesystem::path probe = folder / (".download-probe-" + std::to_string(::getpid()));
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) throw std::invalid_argument("download_all: cannot create files in " + folder.string());
  ::close(fd);
  std::filesystem::remove(probe, error);
}

// What one attempt's callbacks share.
struct Attempt {
  std::FILE* file = nullptr;
  bool write_failed = false;
  std::chrono::milliseconds stall_timeout{0};
  Clock::time_point last_byte;
  curl_off_t bytes_seen = 0;
  bool stalled = false;
};

std::size_t write_to_file(char* data, std::size_t size, std::size_t count, void* user) {
  auto* attempt = static_cast<Attempt*>(user);
  const std::size_t bytes = size * count;
  if (std::fwrite(data, 1, bytes, attempt->file) != bytes) {
    attempt->write_failed = true;
    return 0;  // fewer bytes than given: libcurl ends the transfer with CURLE_WRITE_ERROR
  }
  return bytes;
}

// libcurl calls this often while a transfer runs (at least about once a second even when nothing moves).
// A non-zero return aborts the transfer: that is how a stall ends.
int watch_for_stall(void* user, curl_off_t, curl_off_t received, curl_off_t, curl_off_t) {
  auto* attempt = static_cast<Attempt*>(user);
  const auto now = Clock::now();
  if (received != attempt->bytes_seen) {
    attempt->bytes_seen = received;
    attempt->last_byte = now;
    return 0;
  }
  if (attempt->stall_timeout.count() > 0 && now - attempt->last_byte >= attempt->stall_timeout) {
    attempt->stalled = true;
    return 1;
  }
  return 0;
}

struct AttemptOutcome {
  bool success = false;
  bool retry = false;  // a transient failure: worth another attempt
  std::optional<ErrorKind> error;
  long status = 0;
  std::string what;  // for the result's message
};

AttemptOutcome attempt_once(CURL* easy, const DownloadJob& job, const std::filesystem::path& final_path,
                            const std::filesystem::path& temp_path, const DownloadOptions& options) {
  AttemptOutcome outcome;
  Attempt attempt;
  attempt.stall_timeout = options.stall_timeout;
  attempt.last_byte = Clock::now();
  attempt.file = std::fopen(temp_path.c_str(), "wb");
  if (attempt.file == nullptr) {
    outcome.error = ErrorKind::file;
    outcome.what = "cannot create " + temp_path.string();
    return outcome;
  }

  curl_easy_setopt(easy, CURLOPT_URL, job.url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &attempt);
  curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &attempt);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  const CURLcode code = curl_easy_perform(easy);
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &outcome.status);
  // Closing flushes the last buffered bytes; a failure here is a failed write like any other.
  const bool closed = std::fclose(attempt.file) == 0;

  std::error_code ignored;
  if (code == CURLE_OK && closed && outcome.status >= 200 && outcome.status < 300) {
    std::error_code rename_error;
    std::filesystem::rename(temp_path, final_path, rename_error);  // atomic: same folder, same file system
    if (!rename_error) {
      outcome.success = true;
      return outcome;
    }
    std::filesystem::remove(temp_path, ignored);
    outcome.error = ErrorKind::file;
    outcome.what = "cannot rename to " + final_path.string() + ": " + rename_error.message();
    return outcome;
  }

  std::filesystem::remove(temp_path, ignored);  // a failed attempt leaves nothing behind
  if (code == CURLE_OK && !closed) {
    outcome.error = ErrorKind::file;
    outcome.what = "cannot write " + temp_path.string();
  } else if (code == CURLE_OK) {
    outcome.retry = outcome.status >= 500 && outcome.status < 600;
    outcome.what = "HTTP status " + std::to_string(outcome.status);
  } else if (attempt.stalled) {
    outcome.error = ErrorKind::timeout;
    outcome.retry = true;
    outcome.what = "stalled: no byte for " + std::to_string(options.stall_timeout.count()) + " ms";
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    outcome.error = ErrorKind::timeout;
    outcome.retry = true;
    outcome.what = curl_easy_strerror(code);
  } else if (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING ||
             code == CURLE_SEND_ERROR) {
    outcome.error = ErrorKind::transfer;
    outcome.retry = true;
    outcome.what = std::string("connection dropped: ") + curl_easy_strerror(code);
  } else if (code == CURLE_WRITE_ERROR || attempt.write_failed) {
    outcome.error = ErrorKind::file;
    outcome.what = "cannot write " + temp_path.string();
  } else if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST) {
    outcome.error = ErrorKind::connect;  // refused: nobody listens, asking again soon will not help
    outcome.what = curl_easy_strerror(code);
  } else {
    outcome.error = ErrorKind::transfer;
    outcome.what = curl_easy_strerror(code);
  }
  return outcome;
}

DownloadResult download_one(CURL* easy, const DownloadJob& job, std::size_t index,
                            const std::filesystem::path& folder, const DownloadOptions& options) {
  const std::filesystem::path final_path = folder / job.file_name;
  // Hidden, beside the final file, and unique per job because file names are unique.
  const std::filesystem::path temp_path = folder / ("." + job.file_name + ".part");
  DownloadResult result;
  for (int attempt = 1; attempt <= options.retry.max_attempts; ++attempt) {
    if (attempt > 1) std::this_thread::sleep_for(backoff_delay(options.retry, index, attempt - 1));
    const AttemptOutcome outcome = attempt_once(easy, job, final_path, temp_path, options);
    result.attempts = attempt;
    if (outcome.status != 0) result.last_status = outcome.status;
    if (outcome.success) {
      result.path = final_path;
      result.error.reset();
      result.message.clear();
      return result;
    }
    result.error = outcome.error;
    result.message = job.url + ": " + outcome.what + " (attempt " + std::to_string(attempt) + " of " +
                     std::to_string(options.retry.max_attempts) + ")";
    if (!outcome.retry) break;
  }
  return result;
}

}  // namespace

std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, std::size_t job, int retry) {
  const double base = static_cast<double>(policy.first_backoff.count()) *
                      std::pow(policy.multiplier, static_cast<double>(retry - 1));
  const std::uint64_t bits = mix(mix(mix(policy.seed) ^ job) ^ static_cast<std::uint64_t>(retry));
  const double unit = static_cast<double>(bits >> 11) * 0x1.0p-53;  // [0, 1)
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(base * (1.0 + policy.jitter * unit))));
}

std::vector<DownloadResult> download_all(const std::vector<DownloadJob>& jobs,
                                         const std::filesystem::path& folder,
                                         const DownloadOptions& options) {
  check_arguments(jobs, folder, options);
  std::vector<DownloadResult> results(jobs.size());
  std::atomic<std::size_t> next{0};
  const std::size_t workers = std::min(jobs.size(), static_cast<std::size_t>(options.max_in_flight));
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        CURL* easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);  // time-outs without signals: safe in threads
        curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, write_to_file);
        curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, watch_for_stall);
        curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
        for (std::size_t i = next++; i < jobs.size(); i = next++)
          results[i] = download_one(easy, jobs[i], i, folder, options);
        curl_easy_cleanup(easy);
      });
    }
  }  // every worker joined here: nothing runs after download_all returns
  return results;
}

}  // namespace hpc::web
