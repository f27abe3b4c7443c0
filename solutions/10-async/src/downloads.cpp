// Reference solution of lab 10, task 5: downloads on one event loop (labs/10-async/include/hpc/async/
// downloads.hpp).
//
// Design: the real integration of libcurl's multi interface with Asio. libcurl never waits itself; it
// tells us, through CURLMOPT_SOCKETFUNCTION, which sockets it wants to read or write, and through
// CURLMOPT_TIMERFUNCTION when it wants to be called back anyway (time-outs, connect retries). Each such
// socket gets an asio::posix::stream_descriptor with an async_wait, and one steady_timer stands for
// libcurl's timer; whichever fires calls curl_multi_socket_action for that socket (or for the timeout).
// So the loop's thread sleeps in epoll while every transfer waits, and other work on the same loop runs
// in between (start_downloads). download_all is start_downloads on a loop of its own, run on the calling
// thread: no thread is started at all.
//
// Bodies go from the write callback straight to the .part file with write(2) (no stdio buffer: a chunk
// is on disk when the callback returns), and the .part file is renamed only after a 2xx transfer ended
// and the file was closed. A stall is our own check (libcurl's low-speed limit counts whole seconds):
// a timer every quarter of stall_timeout looks for transfers that received nothing for that long.
#include "hpc/async/downloads.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <asio/io_context.hpp>
#include <asio/posix/stream_descriptor.hpp>
#include <asio/post.hpp>
#include <asio/steady_timer.hpp>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>

namespace hpc::async {

namespace {

using Clock = std::chrono::steady_clock;

void init_curl_once() {
  // curl_global_init must not race with other libcurl calls: once, before the first handle.
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initialized != CURLE_OK) throw std::runtime_error("curl_global_init failed");
}

void check_arguments(const std::vector<DownloadRequest>& requests, const DownloadOptions& options) {
  if (options.max_concurrent < 0) throw std::invalid_argument("downloads: max_concurrent is negative");
  if (options.timeout.count() < 0 || options.stall_timeout.count() < 0)
    throw std::invalid_argument("downloads: a time-out is negative");
  std::set<std::string> names;
  for (const DownloadRequest& request : requests) {
    const std::string& name = request.file_name;
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
      throw std::invalid_argument("downloads: '" + name + "' is not a plain file name");
    if (!names.insert(name).second) throw std::invalid_argument("downloads: '" + name + "' occurs twice");
  }
}

std::filesystem::path part_path_of(const std::filesystem::path& out_dir, const std::string& name) {
  return out_dir / (name + ".part");
}

// One transfer's state, shared by the event-loop and the one-at-a-time versions.
struct Transfer {
  const DownloadRequest* request = nullptr;
  std::filesystem::path final_path;
  std::filesystem::path part_path;
  int fd = -1;
  CURL* easy = nullptr;
  long status = 0;
  std::size_t bytes = 0;
  std::optional<std::string> write_failure;  // why write(2) failed (then libcurl says WRITE_ERROR)
  std::optional<DownloadError> forced;       // timeout (stall) or cancelled, decided by us
  Clock::time_point last_byte{};
  DownloadResult result;
  bool finished = false;
};

void fail(Transfer& t, DownloadError error, const std::string& what) {
  t.result.error = error;
  t.result.message = t.request->url + ": " + what;
}

// Opens the .part file; on failure the transfer has failed with `file` and no request is sent.
bool open_part(Transfer& t) {
  t.fd = ::open(t.part_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (t.fd >= 0) return true;
  fail(t, DownloadError::file, "cannot create " + t.part_path.string() + ": " + std::strerror(errno));
  return false;
}

bool is_2xx(long status) { return status >= 200 && status < 300; }

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  Transfer& t = *static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  t.last_byte = Clock::now();
  if (t.status == 0) curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.status);
  if (!is_2xx(t.status)) return n;  // an error page is an answer, not the file: read and drop it
  for (std::size_t done = 0; done < n;) {
    const ssize_t wrote = ::write(t.fd, data + done, n - done);
    if (wrote < 0) {
      if (errno == EINTR) continue;
      t.write_failure = std::strerror(errno);
      return 0;  // fewer bytes than given: libcurl ends the transfer with CURLE_WRITE_ERROR
    }
    done += static_cast<std::size_t>(wrote);
  }
  t.bytes += n;
  return n;
}

CURL* make_easy(Transfer& t, const DownloadOptions& options) {
  CURL* easy = curl_easy_init();
  if (easy == nullptr) throw std::runtime_error("curl_easy_init failed");
  t.easy = easy;
  curl_easy_setopt(easy, CURLOPT_URL, t.request->url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()));
  t.last_byte = Clock::now();
  return easy;
}

// Closes and renames or removes the .part file, and fills the result from libcurl's code.
void complete(Transfer& t, CURLcode code) {
  if (t.easy != nullptr) curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &t.status);
  t.result.status = t.status;
  t.result.bytes = t.bytes;
  bool close_failed = false;
  if (t.fd >= 0) {
    close_failed = ::close(t.fd) != 0;
    t.fd = -1;
  }
  if (!t.result.ok()) {
    // Already decided before any request: the .part file could not be created.
  } else if (t.forced) {
    fail(t, *t.forced,
         *t.forced == DownloadError::cancelled ? std::string("cancelled")
                                               : "stalled: no byte for the stall time-out");
  } else if (t.write_failure || code == CURLE_WRITE_ERROR) {
    fail(t, DownloadError::file,
         "cannot write " + t.part_path.string() + ": " + t.write_failure.value_or(curl_easy_strerror(code)));
  } else if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST) {
    fail(t, DownloadError::connect, curl_easy_strerror(code));
  } else if (code == CURLE_OPERATION_TIMEDOUT) {
    fail(t, DownloadError::timeout, curl_easy_strerror(code));
  } else if (code == CURLE_PARTIAL_FILE || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING) {
    fail(t, DownloadError::dropped,
         std::string("connection dropped after ") + std::to_string(t.bytes) + " bytes (" +
             curl_easy_strerror(code) + ")");
  } else if (code != CURLE_OK) {
    fail(t, DownloadError::other, curl_easy_strerror(code));
  } else if (!is_2xx(t.status)) {
    fail(t, DownloadError::http_status, "HTTP status " + std::to_string(t.status));
  } else if (close_failed) {
    fail(t, DownloadError::file, "cannot close " + t.part_path.string());
  } else {
    std::error_code error;
    std::filesystem::rename(t.part_path, t.final_path, error);
    if (error)
      fail(t, DownloadError::file, "cannot rename to " + t.final_path.string() + ": " + error.message());
  }
  if (t.result.ok()) {
    t.result.path = t.final_path;
  } else {
    std::error_code ignored;
    std::filesystem::remove(t.part_path, ignored);  // no half file, under either name
  }
  if (t.easy != nullptr) curl_easy_cleanup(t.easy);
  t.easy = nullptr;
  t.finished = true;
}

std::vector<Transfer> make_transfers(const std::vector<DownloadRequest>& requests,
                                     const std::filesystem::path& out_dir) {
  std::vector<Transfer> transfers(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    transfers[i].request = &requests[i];
    transfers[i].final_path = out_dir / requests[i].file_name;
    transfers[i].part_path = part_path_of(out_dir, requests[i].file_name);
  }
  return transfers;
}

std::vector<DownloadResult> results_of(std::vector<Transfer>& transfers) {
  std::vector<DownloadResult> results;
  results.reserve(transfers.size());
  for (Transfer& t : transfers) results.push_back(std::move(t.result));
  return results;
}

// The multi handle driven by an Asio loop. Lives on the heap until `done` was called; every handler
// that can still run holds a shared_ptr to it.
class Engine : public std::enable_shared_from_this<Engine> {
 public:
  Engine(asio::io_context& loop, const std::vector<DownloadRequest>& requests,
         const std::filesystem::path& out_dir, const DownloadOptions& options,
         std::function<void(std::vector<DownloadResult>)> done)
      : loop_(loop),
        requests_(requests),
        options_(options),
        done_(std::move(done)),
        timer_(loop),
        stall_timer_(loop) {
    transfers_ = make_transfers(requests_, out_dir);
    multi_ = curl_multi_init();
    if (multi_ == nullptr) throw std::runtime_error("curl_multi_init failed");
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  }

  ~Engine() {
    for (Transfer& t : transfers_)
      if (t.easy != nullptr) {
        curl_multi_remove_handle(multi_, t.easy);
        curl_easy_cleanup(t.easy);
      }
    for (auto& [fd, watch] : watches_) watch->descriptor.release();  // libcurl owns its sockets
    // Closing the cached connections must not call back into an engine that is going away.
    curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, nullptr);
    curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, nullptr);
    curl_multi_cleanup(multi_);
  }

  void start() {
    auto self = shared_from_this();
    asio::post(loop_, [self] {
      self->fill_slots();
      self->arm_stall_check();
      self->finish_if_done();
    });
  }

  // Safe from any thread: the work happens on the loop.
  void cancel() {
    asio::post(loop_, [self = shared_from_this()] { self->cancel_on_loop(); });
  }

 private:
  struct Watch {
    explicit Watch(asio::io_context& loop, int fd) : descriptor(loop, fd) {}
    asio::posix::stream_descriptor descriptor;
    int wanted = 0;  // CURL_POLL_IN / OUT / INOUT
    bool reading = false, writing = false, removed = false;
  };

  static int on_socket(CURL*, curl_socket_t fd, int what, void* user, void*) {
    static_cast<Engine*>(user)->watch_socket(fd, what);
    return 0;
  }

  static int on_timer(CURLM*, long timeout_ms, void* user) {
    static_cast<Engine*>(user)->set_timer(timeout_ms);
    return 0;
  }

  void watch_socket(curl_socket_t fd, int what) {
    if (what == CURL_POLL_REMOVE) {
      auto found = watches_.find(fd);
      if (found == watches_.end()) return;
      found->second->removed = true;
      found->second->descriptor.cancel();
      found->second->descriptor.release();  // deregistered from epoll, not closed: libcurl closes it
      watches_.erase(found);
      return;
    }
    auto& slot = watches_[fd];
    if (!slot) slot = std::make_shared<Watch>(loop_, fd);
    slot->wanted = what;
    arm(slot);
  }

  void arm(const std::shared_ptr<Watch>& watch) {
    if ((watch->wanted & CURL_POLL_IN) && !watch->reading) {
      watch->reading = true;
      watch->descriptor.async_wait(asio::posix::stream_descriptor::wait_read,
                                   [self = shared_from_this(), watch](std::error_code error) {
                                     watch->reading = false;
                                     self->on_ready(watch, error, CURL_CSELECT_IN);
                                   });
    }
    if ((watch->wanted & CURL_POLL_OUT) && !watch->writing) {
      watch->writing = true;
      watch->descriptor.async_wait(asio::posix::stream_descriptor::wait_write,
                                   [self = shared_from_this(), watch](std::error_code error) {
                                     watch->writing = false;
                                     self->on_ready(watch, error, CURL_CSELECT_OUT);
                                   });
    }
  }

  void on_ready(const std::shared_ptr<Watch>& watch, std::error_code error, int direction) {
    if (error || watch->removed) return;
    int running = 0;
    curl_multi_socket_action(multi_, watch->descriptor.native_handle(), direction, &running);
    collect();
    if (!watch->removed) arm(watch);
    finish_if_done();
  }

  void set_timer(long timeout_ms) {
    timer_.cancel();
    if (timeout_ms < 0) return;
    timer_.expires_after(std::chrono::milliseconds(timeout_ms));
    timer_.async_wait([self = shared_from_this()](std::error_code error) {
      if (error) return;
      int running = 0;
      curl_multi_socket_action(self->multi_, CURL_SOCKET_TIMEOUT, 0, &running);
      self->collect();
      self->finish_if_done();
    });
  }

  void arm_stall_check() {
    if (options_.stall_timeout.count() == 0 || remaining() == 0) return;
    stall_timer_.expires_after(std::max(options_.stall_timeout / 4, std::chrono::milliseconds(1)));
    stall_timer_.async_wait([self = shared_from_this()](std::error_code error) {
      if (error) return;
      const Clock::time_point now = Clock::now();
      for (Transfer& t : self->transfers_)
        if (t.easy != nullptr && !t.finished && now - t.last_byte >= self->options_.stall_timeout)
          self->end_early(t, DownloadError::timeout);
      self->fill_slots();
      self->arm_stall_check();
      self->finish_if_done();
    });
  }

  void cancel_on_loop() {
    cancelled_ = true;
    for (Transfer& t : transfers_) {
      if (t.finished) continue;
      if (t.easy != nullptr) {
        end_early(t, DownloadError::cancelled);
      } else {
        fail(t, DownloadError::cancelled, "cancelled before it started");
        t.finished = true;
      }
    }
    finish_if_done();
  }

  // Ends a transfer that libcurl still runs (a stall or a cancellation).
  void end_early(Transfer& t, DownloadError why) {
    t.forced = why;
    curl_multi_remove_handle(multi_, t.easy);
    complete(t, CURLE_OK);
    --running_;
  }

  // Moves the transfers libcurl reports as ended to their results, and starts waiting ones.
  void collect() {
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* t = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &t);
      const CURLcode code = message->data.result;
      curl_multi_remove_handle(multi_, t->easy);
      complete(*t, code);
      --running_;
    }
    fill_slots();
  }

  void fill_slots() {
    const std::size_t limit =
        options_.max_concurrent == 0 ? transfers_.size() : static_cast<std::size_t>(options_.max_concurrent);
    while (!cancelled_ && next_ < transfers_.size() && static_cast<std::size_t>(running_) < limit) {
      Transfer& t = transfers_[next_++];
      if (!open_part(t)) {
        complete(t, CURLE_OK);
        continue;
      }
      curl_multi_add_handle(multi_, make_easy(t, options_));
      ++running_;
    }
  }

  std::size_t remaining() const {
    return static_cast<std::size_t>(
        std::count_if(transfers_.begin(), transfers_.end(), [](const Transfer& t) { return !t.finished; }));
  }

  void finish_if_done() {
    if (reported_ || remaining() != 0) return;
    reported_ = true;
    timer_.cancel();
    stall_timer_.cancel();
    auto done = std::move(done_);
    done(results_of(transfers_));
  }

  asio::io_context& loop_;
  std::vector<DownloadRequest> requests_;  // a copy: the caller's vector may go before the loop runs
  DownloadOptions options_;
  std::function<void(std::vector<DownloadResult>)> done_;
  asio::steady_timer timer_;
  asio::steady_timer stall_timer_;
  CURLM* multi_ = nullptr;
  std::vector<Transfer> transfers_;
  std::map<curl_socket_t, std::shared_ptr<Watch>> watches_;
  std::size_t next_ = 0;
  int running_ = 0;
  bool cancelled_ = false;
  bool reported_ = false;
};

}  // namespace

void start_downloads(asio::io_context& loop, const std::vector<DownloadRequest>& requests,
                     const std::filesystem::path& out_dir, const DownloadOptions& options,
                     std::function<void(std::vector<DownloadResult>)> done) {
  check_arguments(requests, options);
  init_curl_once();
  std::make_shared<Engine>(loop, requests, out_dir, options, std::move(done))->start();
}

std::vector<DownloadResult> download_all(const std::vector<DownloadRequest>& requests,
                                         const std::filesystem::path& out_dir, const DownloadOptions& options,
                                         std::stop_token stop) {
  check_arguments(requests, options);
  init_curl_once();
  asio::io_context loop;
  std::vector<DownloadResult> results;
  auto engine =
      std::make_shared<Engine>(loop, requests, out_dir, options,
                               [&results](std::vector<DownloadResult> r) { results = std::move(r); });
  engine->start();
  {
    // request_stop() on another thread only posts to the loop; the loop's thread does the cancelling.
    std::stop_callback on_stop(stop, [&engine] { engine->cancel(); });
    loop.run();
  }
  // A stop requested just as the loop ran out of work may have posted one more (harmless) handler: run
  // it now, so that no handler holding the engine outlives the loop's own destruction.
  loop.restart();
  loop.poll();
  return results;
}

std::vector<DownloadResult> download_one_at_a_time(const std::vector<DownloadRequest>& requests,
                                                   const std::filesystem::path& out_dir,
                                                   const DownloadOptions& options) {
  check_arguments(requests, options);
  init_curl_once();
  std::vector<Transfer> transfers = make_transfers(requests, out_dir);
  for (Transfer& t : transfers) {
    if (!open_part(t)) {
      complete(t, CURLE_OK);
      continue;
    }
    CURL* easy = make_easy(t, options);
    if (options.stall_timeout.count() > 0) {
      // libcurl's own low-speed check, in whole seconds (at least one): the baseline needs no better.
      const auto seconds = std::max<long>(1, static_cast<long>((options.stall_timeout.count() + 999) / 1000));
      curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
      curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, seconds);
    }
    complete(t, curl_easy_perform(easy));
  }
  return results_of(transfers);
}

}  // namespace hpc::async
