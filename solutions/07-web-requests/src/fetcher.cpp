// Reference solution of lab 07, task 6: the fetcher (labs/07-web-requests/include/hpc/web/fetcher.hpp).
//
// Design: curl multi on the calling thread, no thread of our own. One multi handle lives as long as the
// Fetcher, and with it libcurl's connection cache, so a connection opened for one request serves the next
// one to the same host (in this call and in later ones). Easy handles are pooled too: finishing a request
// puts its handle back, the next request takes it.
//
// The limits are ours, not libcurl's: libcurl's CURLMOPT_MAX_HOST_CONNECTIONS would queue the extra
// transfers inside libcurl, where their time-outs would already be running. Each host (host:port, see the
// header) has a queue of waiting URL numbers and a count of running ones; a free slot goes to the host
// whose oldest waiting URL came first in the input, so the requests start in input order as far as the
// per-host limit allows.
#include "hpc/web/fetcher.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace hpc::web {

namespace {

// "host:port" of a URL that check_url accepted, the host in lower case (host names ignore case).
std::string host_key(const std::string& url) {
  CURLU* parsed = curl_url();
  std::string key;
  char* host = nullptr;
  char* port = nullptr;
  if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(parsed, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK) {
    key = host;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    key += ":";
    key += port;
  } else {
    key = url;  // cannot happen after check_url; a host of its own is the safe side of the limit
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

struct Host {
  std::deque<std::size_t> waiting;  // URL numbers, in input order
  int running = 0;
};

}  // namespace

struct Fetcher::Impl {
  CURLM* multi = nullptr;
  std::vector<CURL*> idle;  // easy handles ready for the next request

  Impl() : multi(curl_multi_init()) {}
  ~Impl() {
    for (CURL* easy : idle) curl_easy_cleanup(easy);
    curl_multi_cleanup(multi);
  }

  CURL* take_easy() {
    if (idle.empty()) return curl_easy_init();
    CURL* easy = idle.back();
    idle.pop_back();
    return easy;
  }
};

Fetcher::Fetcher(FetcherOptions options) : options_(options) {
  if (options.max_in_flight < 1 || options.max_per_host < 1)
    throw std::invalid_argument("Fetcher: max_in_flight and max_per_host must be at least 1");
  if (options.timeout.count() < 0) throw std::invalid_argument("Fetcher: the timeout is negative");
  check_url("http://127.0.0.1/");  // task 1's check_url initialises libcurl once per process
  impl_ = std::make_unique<Impl>();
  // Keep an idle connection per possible transfer, so the cache does not close ones it will need again.
  curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(options.max_in_flight));
}

Fetcher::~Fetcher() = default;

const FetcherOptions& Fetcher::options() const { return options_; }

std::vector<FetchResult> Fetcher::fetch_all(const std::vector<std::string>& urls) {
  for (const std::string& url : urls) check_url(url);  // every URL before any request
  std::vector<FetchResult> results(urls.size());

  std::unordered_map<std::string, Host> hosts;
  std::vector<Host*> host_of(urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    Host& host = hosts[host_key(urls[i])];
    host.waiting.push_back(i);
    host_of[i] = &host;
  }

  int running = 0;
  std::size_t waiting = urls.size();
  // Starts the waiting URL that came first among the hosts with a free slot; false when none may start.
  auto start_next = [&]() {
    if (running >= options_.max_in_flight || waiting == 0) return false;
    Host* best = nullptr;
    for (auto& [key, host] : hosts) {
      if (!host.waiting.empty() && host.running < options_.max_per_host &&
          (best == nullptr || host.waiting.front() < best->waiting.front()))
        best = &host;
    }
    if (best == nullptr) return false;
    const std::size_t i = best->waiting.front();
    best->waiting.pop_front();
    ++best->running;
    ++running;
    --waiting;
    CURL* easy = impl_->take_easy();
    curl_easy_reset(easy);  // the handle's connection stays in the multi handle's cache
    curl_easy_setopt(easy, CURLOPT_URL, urls[i].c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &results[i].body);
    curl_easy_setopt(easy, CURLOPT_PRIVATE, reinterpret_cast<char*>(i));
    curl_multi_add_handle(impl_->multi, easy);
    return true;
  };

  while (start_next()) {
  }
  while (running > 0) {
    int still_running = 0;
    curl_multi_perform(impl_->multi, &still_running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(impl_->multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      char* tag = nullptr;
      curl_easy_getinfo(easy, CURLINFO_PRIVATE, &tag);
      const auto i = reinterpret_cast<std::size_t>(tag);
      FetchResult& result = results[i];
      if (code == CURLE_OK) {
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.status);
      } else {
        result.status = 0;
        result.body.clear();
        result.error = code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST
                           ? ErrorKind::connect
                       : code == CURLE_OPERATION_TIMEDOUT ? ErrorKind::timeout
                                                          : ErrorKind::transfer;
        result.error_message =
            urls[i] + ": " + std::string(to_string(*result.error)) + ": " + curl_easy_strerror(code);
      }
      curl_multi_remove_handle(impl_->multi, easy);
      impl_->idle.push_back(easy);
      --host_of[i]->running;
      --running;
    }
    while (start_next()) {
    }
    if (running > 0) curl_multi_poll(impl_->multi, nullptr, 0, 1000, nullptr);
  }
  return results;
}

}  // namespace hpc::web
