// Where a chapter 07 demo sends its requests: to an HttpTestServer it starts itself on 127.0.0.1 (the
// default), or, with --base-url URL, to a server the student started on this machine (python3 -m
// http.server, busybox httpd, nginx; the notes show how). Shared by the demos of this folder only.
//
// The demos talk to this machine and no other: a sweep with 256 requests in flight at someone else's
// server is the flooding the book's good-practice section warns about, and the course never touches the
// network (DESIGN.md section 7). So a --base-url whose host is not a loopback address is refused.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>

#include "hpc/common/http_test_server.hpp"
#include "hpc/web/http.hpp"

namespace ch07 {

struct Target {
  std::unique_ptr<hpc::common::HttpTestServer> server;  // empty when --base-url was given
  std::string base;                                     // "http://127.0.0.1:PORT", no trailing '/'

  bool own_server() const { return server != nullptr; }
  std::string url(std::string_view path) const { return base + std::string(path); }
};

namespace detail {

// The host part of a URL as libcurl's URL parser sees it ("127.0.0.1", "[::1]", "localhost").
inline std::string host_of(const std::string& url) {
  std::string host;
  if (CURLU* parsed = curl_url()) {
    char* part = nullptr;
    if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
        curl_url_get(parsed, CURLUPART_HOST, &part, 0) == CURLUE_OK) {
      host = part;
      curl_free(part);
    }
    curl_url_cleanup(parsed);
  }
  return host;
}

inline bool is_loopback(std::string_view host) {
  return host == "localhost" || host == "[::1]" || host.starts_with("127.");
}

}  // namespace detail

// The target of a demo. `base_url` empty: starts a test server with `options`. Otherwise checks the URL
// (malformed, another scheme or another machine: a usage error, exit 2) and that something answers
// there (refused or silent: exit 1), so a typo fails at once with a message instead of in every row.
inline Target make_target(const char* program, std::string base_url,
                          const hpc::common::HttpTestServer::Options& options) {
  Target target;
  if (base_url.empty()) {
    target.server = std::make_unique<hpc::common::HttpTestServer>(options);
    target.base = target.server->base_url();
    return target;
  }
  while (base_url.ends_with('/')) base_url.pop_back();
  try {
    hpc::web::check_url(base_url);
  } catch (const hpc::web::HttpError& e) {
    std::cerr << program << ": --base-url '" << base_url << "': " << e.what() << '\n';
    std::exit(2);
  }
  if (!detail::is_loopback(detail::host_of(base_url))) {
    std::cerr << program << ": --base-url '" << base_url
              << "': the demos only send requests to this machine (127.0.0.1, localhost, [::1]); "
                 "start a server here and point them at it\n";
    std::exit(2);
  }
  try {
    hpc::web::RequestOptions probe;
    probe.connect_timeout = std::chrono::seconds(2);
    probe.timeout = std::chrono::seconds(5);
    hpc::web::http_get(base_url + "/", probe);  // any status will do: something answered
  } catch (const hpc::web::HttpError& e) {
    std::cerr << program << ": nothing answers at --base-url " << base_url << " (" << e.what()
              << "); is the server running?\n";
    std::exit(1);
  }
  target.base = std::move(base_url);
  return target;
}

}  // namespace ch07
