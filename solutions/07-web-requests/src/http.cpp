// Lab 07, task 1 — reference solution: one GET with libcurl's easy interface.
#include "hpc/web/http.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>

namespace hpc::web {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::bad_url:
      return "bad_url";
    case ErrorKind::unsupported_scheme:
      return "unsupported_scheme";
    case ErrorKind::connect:
      return "connect";
    case ErrorKind::timeout:
      return "timeout";
    case ErrorKind::aborted:
      return "aborted";
    case ErrorKind::transfer:
      return "transfer";
    case ErrorKind::file:
      return "file";
  }
  return "unknown";
}

HttpError::HttpError(ErrorKind kind, std::string url, const std::string& message)
    : std::runtime_error(url + ": " + std::string(to_string(kind)) + ": " + message),
      kind_(kind),
      url_(std::move(url)),
      message_(message) {}

namespace {

unsigned char lower(char c) {
  return static_cast<unsigned char>(std::tolower(static_cast<unsigned char>(c)));
}

// curl_global_init is not safe to race with other libcurl calls, so it runs once, before the first
// handle: a function-local static is initialised exactly once even when threads arrive together.
void ensure_curl_initialized() {
  static const CURLcode initialized = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (initialized != CURLE_OK) throw std::runtime_error("curl_global_init failed");
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct UrlDeleter {
  void operator()(CURLU* handle) const { curl_url_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;

std::string_view trimmed(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && blank(text.back())) text.remove_suffix(1);
  return text;
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

// libcurl calls this once per header line of every response it reads, the status line and the blank
// line that ends the headers included. A status line starts a new response (after a redirect or a
// "100 Continue"), so the headers collected so far belonged to an earlier one and are dropped.
std::size_t collect_header(char* data, std::size_t size, std::size_t count, void* target) {
  auto& headers = *static_cast<Headers*>(target);
  const std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers.clear();
  } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
    const std::string name(trimmed(line.substr(0, colon)));
    const std::string value(trimmed(line.substr(colon + 1)));
    // A header sent twice means its values joined by commas (RFC 9110, 5.3).
    auto [it, inserted] = headers.try_emplace(name, value);
    if (!inserted) it->second += ", " + value;
  }
  return size * count;
}

// What the progress callback watches: the caller's stop token and, for stall_timeout, when the last
// byte arrived. (libcurl's own stall detector, CURLOPT_LOW_SPEED_TIME, averages the speed over a window
// of several seconds: a body that stalls after a burst was measured to be noticed 7 s late with a 1 s
// limit.)
struct Watch {
  const std::stop_token* stop = nullptr;
  std::chrono::milliseconds stall_timeout{0};
  curl_off_t bytes_seen = -1;
  std::chrono::steady_clock::time_point last_byte = std::chrono::steady_clock::now();
  bool stalled = false;
};

// Returning non-zero makes libcurl end the transfer with CURLE_ABORTED_BY_CALLBACK. libcurl calls this
// while bytes flow and, on an idle transfer (a server that sends nothing), only about once a second
// (measured with libcurl 7.88: 0.2 s after the start, then every 1.0 s). A stop request or a stall is
// therefore seen within about a second; code that needs an exact end sets a timeout as well (see
// ping_with_deadline).
int watch_progress(void* data, curl_off_t, curl_off_t downloaded, curl_off_t, curl_off_t) {
  auto& watch = *static_cast<Watch*>(data);
  if (watch.stop->stop_requested()) return 1;
  const auto now = std::chrono::steady_clock::now();
  if (downloaded != watch.bytes_seen) {
    watch.bytes_seen = downloaded;
    watch.last_byte = now;
  } else if (watch.stall_timeout.count() > 0 && now - watch.last_byte >= watch.stall_timeout) {
    watch.stalled = true;
    return 1;
  }
  return 0;
}

ErrorKind kind_of(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return ErrorKind::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return ErrorKind::timeout;
    case CURLE_ABORTED_BY_CALLBACK:
      return ErrorKind::aborted;
    case CURLE_UNSUPPORTED_PROTOCOL:
      return ErrorKind::unsupported_scheme;
    case CURLE_URL_MALFORMAT:
      return ErrorKind::bad_url;
    default:
      return ErrorKind::transfer;  // PARTIAL_FILE, RECV_ERROR, GOT_NOTHING, SEND_ERROR, ...
  }
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

void check_url(const std::string& url) {
  ensure_curl_initialized();
  // A fresh handle per URL: a handle that already holds a URL would resolve "host/path" relative to it.
  const UrlHandle parsed(curl_url());
  if (!parsed) throw std::bad_alloc();
  // CURLU_NON_SUPPORT_SCHEME: any well-formed scheme parses, so "gopher://x" is reported as a scheme we
  // refuse, not as a malformed URL.
  const CURLUcode result = curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (result != CURLUE_OK) throw HttpError(ErrorKind::bad_url, url, curl_url_strerror(result));
  char* scheme = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK || scheme == nullptr)
    throw HttpError(ErrorKind::bad_url, url, "no scheme");
  const std::string name(scheme);
  curl_free(scheme);
  if (name != "http" && name != "https")
    throw HttpError(ErrorKind::unsupported_scheme, url, "only http and https are allowed, not " + name);
}

Response http_get(const std::string& url, const RequestOptions& options) {
  check_url(url);
  const EasyHandle handle(curl_easy_init());
  if (!handle) throw std::runtime_error("curl_easy_init failed");
  CURL* curl = handle.get();
  Response response;
  char error_text[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_text);
  // No signals: libcurl would otherwise use SIGALRM for DNS time-outs, which is unsafe with threads.
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 10L);
  // A redirect must not lead to a scheme check_url would have refused (file://, ftp://).
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);
  if (options.timeout.count() > 0) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(options.timeout.count()));
  if (options.connect_timeout.count() > 0)
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(options.connect_timeout.count()));
  Watch watch{&options.stop, options.stall_timeout};
  if (options.stop.stop_possible() || options.stall_timeout.count() > 0) {
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, watch_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &watch);
  }
  const CURLcode result = curl_easy_perform(curl);
  if (result == CURLE_ABORTED_BY_CALLBACK && watch.stalled)
    throw HttpError(ErrorKind::timeout, url,
                    "no byte for " + std::to_string(options.stall_timeout.count()) + " ms (stall_timeout)");
  if (result != CURLE_OK) {
    std::string message = curl_easy_strerror(result);
    if (error_text[0] != '\0') message += " (" + std::string(trimmed(error_text)) + ")";
    throw HttpError(kind_of(result), url, message);
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

void save_body(const Response& response, const std::filesystem::path& file) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out)
    throw HttpError(ErrorKind::file, file.string(),
                    std::string("cannot open for writing: ") + std::strerror(errno));
  out.write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
  out.close();
  if (!out) throw HttpError(ErrorKind::file, file.string(), "writing failed (disk full?)");
}

}  // namespace hpc::web
