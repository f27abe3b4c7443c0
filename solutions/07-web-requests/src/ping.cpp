// Lab 07, task 2 — reference solution: ping URLs one after the other, one thread each, and with curl multi.
#include "hpc/web/ping.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <memory>
#include <thread>

namespace hpc::web {

namespace {

std::string error_line(const std::string& url, ErrorKind kind, const std::string& message) {
  return url + ": error: " + std::string(to_string(kind)) + ": " + message;
}

void check_all(const std::vector<std::string>& urls) {
  for (const auto& url : urls) check_url(url);
}

// The mapping of http.cpp's http_get, for the transfers ping_multi runs itself.
ErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
      return ErrorKind::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorKind::timeout;
    case CURLE_ABORTED_BY_CALLBACK:
      return ErrorKind::aborted;
    default:
      return ErrorKind::transfer;
  }
}

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct EasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

// One transfer of ping_multi: its handle and what it has received so far.
struct Transfer {
  std::unique_ptr<CURL, EasyDeleter> easy;
  std::string body;
  char error_text[CURL_ERROR_SIZE] = "";
  bool done = false;
  std::size_t bytes_seen = 0;  // of the body, for stall_timeout
  std::chrono::steady_clock::time_point last_byte = std::chrono::steady_clock::now();
};

}  // namespace

std::string ping(const std::string& url, const RequestOptions& options) {
  try {
    return url + ": " + http_get(url, options).body;
  } catch (const HttpError& error) {
    if (error.kind() == ErrorKind::bad_url || error.kind() == ErrorKind::unsupported_scheme) throw;
    return error_line(url, error.kind(), error.message());
  }
}

std::vector<std::string> ping_sequential(const std::vector<std::string>& urls,
                                         const RequestOptions& options) {
  check_all(urls);
  std::vector<std::string> lines;
  lines.reserve(urls.size());
  for (const auto& url : urls) lines.push_back(ping(url, options));
  return lines;
}

std::vector<std::string> ping_threaded(const std::vector<std::string>& urls, const RequestOptions& options) {
  check_all(urls);
  // Each thread writes only its own slot, so the lines come out in input order without a lock.
  std::vector<std::string> lines(urls.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(urls.size());
    for (std::size_t i = 0; i < urls.size(); ++i) {
      threads.emplace_back([&, i] {
        // An exception must not escape a thread (std::terminate); it becomes that URL's line.
        try {
          lines[i] = ping(urls[i], options);
        } catch (const std::exception& error) {
          lines[i] = urls[i] + ": error: " + error.what();
        }
      });
    }
  }  // the jthreads join here
  return lines;
}

std::vector<std::string> ping_multi(const std::vector<std::string>& urls, const RequestOptions& options) {
  check_all(urls);
  const std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!multi) throw std::runtime_error("curl_multi_init failed");
  std::vector<Transfer> transfers(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    Transfer& transfer = transfers[i];
    transfer.easy.reset(curl_easy_init());
    if (!transfer.easy) throw std::runtime_error("curl_easy_init failed");
    CURL* easy = transfer.easy.get();
    curl_easy_setopt(easy, CURLOPT_URL, urls[i].c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, transfer.error_text);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &transfer.body);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &transfer);
    if (options.timeout.count() > 0)
      curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(options.timeout.count()));
    if (options.connect_timeout.count() > 0)
      curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(options.connect_timeout.count()));
    curl_multi_add_handle(multi.get(), easy);
  }

  std::vector<std::string> lines(urls.size());
  // This loop owns every transfer, so it also watches for stalls itself: a transfer whose body has not
  // grown for stall_timeout is taken out of the multi handle (libcurl's own low-speed check averages
  // over several seconds and would notice much later).
  const auto stall = options.stall_timeout;
  const int poll_ms =
      stall.count() > 0 ? static_cast<int>(std::clamp<long long>(stall.count() / 4, 1, 1000)) : 1000;
  int running = 1;
  while (running > 0) {
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) break;
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Transfer* transfer = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&transfer));
      const auto i = static_cast<std::size_t>(transfer - transfers.data());
      transfer->done = true;
      const CURLcode result = message->data.result;
      if (result == CURLE_OK) {
        lines[i] = urls[i] + ": " + transfer->body;
      } else {
        std::string text = curl_easy_strerror(result);
        if (transfer->error_text[0] != '\0') text += " (" + std::string(transfer->error_text) + ")";
        lines[i] = error_line(urls[i], kind_of(result), text);
      }
    }
    if (stall.count() > 0) {
      const auto now = std::chrono::steady_clock::now();
      for (std::size_t i = 0; i < transfers.size(); ++i) {
        Transfer& transfer = transfers[i];
        if (transfer.done) continue;
        if (transfer.body.size() != transfer.bytes_seen) {
          transfer.bytes_seen = transfer.body.size();
          transfer.last_byte = now;
        } else if (now - transfer.last_byte >= stall) {
          transfer.done = true;
          curl_multi_remove_handle(multi.get(), transfer.easy.get());  // closes its connection
          lines[i] = error_line(urls[i], ErrorKind::timeout,
                                "no byte for " + std::to_string(stall.count()) + " ms (stall_timeout)");
        }
      }
    }
    // Sleeps until a socket is ready, libcurl's next timer is due or it is time to look for stalls.
    if (running > 0) curl_multi_poll(multi.get(), nullptr, 0, poll_ms, nullptr);
  }
  for (auto& transfer : transfers) curl_multi_remove_handle(multi.get(), transfer.easy.get());
  return lines;
}

}  // namespace hpc::web
