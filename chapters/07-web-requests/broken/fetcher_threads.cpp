// Not broken: a second, different design of lab 07's Fetcher (task 6), built as a variant to prove that
// the graded tests judge behaviour only (fetcher.hpp leaves the design open), and measured against the
// stretch tiers (LAB.md, task 6). Threads and a shared schedule instead of curl multi: each call starts
// min(max_in_flight, urls) workers; a worker takes the first waiting URL whose host has a free slot (or
// waits on a condition variable until one frees), fetches it with its own easy handle, and repeats. The
// easy handles are kept in the Impl between calls, so their connections are reused by the next call too.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>

#include "hpc/web/fetcher.hpp"

namespace hpc::web {

namespace {

std::string host_key(const std::string& url) {
  CURLU* parsed = curl_url();
  std::string key = url;
  char* host = nullptr;
  char* port = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    key = host;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    key += ":" + std::string(port);
  }
  curl_free(host);
  curl_free(port);
  curl_url_cleanup(parsed);
  return key;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

}  // namespace

struct Fetcher::Impl {
  std::mutex handles_mutex;
  std::vector<CURL*> handles;  // idle easy handles, each with the connection it last used

  ~Impl() {
    for (CURL* easy : handles) curl_easy_cleanup(easy);
  }
  CURL* take() {
    std::lock_guard lock(handles_mutex);
    if (handles.empty()) return curl_easy_init();
    CURL* easy = handles.back();
    handles.pop_back();
    return easy;
  }
  void give_back(CURL* easy) {
    std::lock_guard lock(handles_mutex);
    handles.push_back(easy);
  }
};

Fetcher::Fetcher(FetcherOptions options) : options_(options) {
  if (options.max_in_flight < 1 || options.max_per_host < 1)
    throw std::invalid_argument("Fetcher: max_in_flight and max_per_host must be at least 1");
  if (options.timeout.count() < 0) throw std::invalid_argument("Fetcher: the timeout is negative");
  check_url("http://127.0.0.1/");  // initialises libcurl once, before any worker thread
  impl_ = std::make_unique<Impl>();
}

Fetcher::~Fetcher() = default;

const FetcherOptions& Fetcher::options() const { return options_; }

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<std::string>& urls) {
  for (const std::string& url : urls) check_url(url);
  std::vector<FetchResult> results(urls.size());
  std::vector<std::string> keys;
  for (const std::string& url : urls) keys.push_back(host_key(url));

  std::mutex mutex;
  std::condition_variable slot_freed;
  std::vector<bool> taken(urls.size(), false);
  std::size_t first_waiting = 0;  // every URL before it is taken
  std::size_t left = urls.size();
  std::unordered_map<std::string, int> running;

  auto worker = [&] {
    CURL* easy = impl_->take();
    for (;;) {
      std::size_t i = 0;
      {
        std::unique_lock lock(mutex);
        bool found = false;
        slot_freed.wait(lock, [&] {
          if (left == 0) return true;
          for (std::size_t j = first_waiting; j < urls.size(); ++j) {
            if (!taken[j] && running[keys[j]] < options_.max_per_host) {
              i = j;
              return found = true;
            }
          }
          return false;
        });
        if (!found) break;
        taken[i] = true;
        --left;
        ++running[keys[i]];
        while (first_waiting < urls.size() && taken[first_waiting]) ++first_waiting;
      }
      curl_easy_reset(easy);
      curl_easy_setopt(easy, CURLOPT_URL, urls[i].c_str());
      curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
      curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
      curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
      curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
      curl_easy_setopt(easy, CURLOPT_WRITEDATA, &results[i].body);
      const CURLcode code = curl_easy_perform(easy);
      FetchResult& result = results[i];
      if (code == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
      } else {
        result.body.clear();
        result.error = code == CURLE_COULDNT_CONNECT      ? ErrorKind::connect
                       : code == CURLE_OPERATION_TIMEDOUT ? ErrorKind::timeout
                                                          : ErrorKind::transfer;
        result.error_message = urls[i] + ": " + curl_easy_strerror(code);
      }
      {
        std::lock_guard lock(mutex);
        --running[keys[i]];
      }
      slot_freed.notify_all();
    }
    impl_->give_back(easy);
  };

  const std::size_t workers = std::min(urls.size(), static_cast<std::size_t>(options_.max_in_flight));
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(worker);
  }  // joined here, before results is returned (after the return statement it might already be moved)
  return results;
}

}  // namespace hpc::web
