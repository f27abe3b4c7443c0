// One HTTP GET with libcurl's easy interface: the C++ counterpart of Python's requests.get(url).
// Lab 07, task 1 (labs/07-web-requests/src/http.cpp).
//
// Two kinds of failure are kept apart on purpose. An HTTP status such as 404 or 500 is an answer: the
// server was reached and said something, so it is a Response with that status. A transport failure (no
// connection, a time-out, a connection dropped mid-body, a cancelled transfer) means there is no answer:
// it is an HttpError whose kind() says which. Nothing is swallowed.
//
// libcurl needs curl_global_init once per process before any thread uses it: the library calls it itself,
// once, from a function-local static on the first check_url/http_get (C++ runs that initialisation
// exactly once even when several threads arrive together).
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>

namespace hpc::web {

// Orders strings ignoring ASCII case, so a Headers map finds "Content-Type" under "content-type" (HTTP
// header names are case-insensitive). Transparent: find() takes a string_view without a copy.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

using Headers = std::map<std::string, std::string, CaseInsensitiveLess>;

struct Response {
  long status = 0;  // the final response's status code (after redirects)
  Headers headers;  // the final response's headers, values without surrounding whitespace
  std::string body;
};

enum class ErrorKind {
  bad_url,             // not a URL at all, or one without a host ("http://")
  unsupported_scheme,  // a URL, but not http:// or https://
  connect,             // the connection could not be made (refused, host not found)
  timeout,             // RequestOptions::timeout or stall_timeout ran out
  aborted,             // RequestOptions::stop was requested
  transfer,            // connected, but the response was cut short or never came (dropped, empty reply)
  file,                // save_body could not write the file
};

// "bad_url", "unsupported_scheme", "connect", "timeout", "aborted", "transfer", "file".
std::string_view to_string(ErrorKind kind);

// A transport failure (never an HTTP status). what() names the URL, the kind and libcurl's own message.
class HttpError : public std::runtime_error {
 public:
  HttpError(ErrorKind kind, std::string url, const std::string& message);
  ErrorKind kind() const { return kind_; }
  const std::string& url() const { return url_; }
  const std::string& message() const { return message_; }  // without the URL and the kind

 private:
  ErrorKind kind_;
  std::string url_;
  std::string message_;
};

struct RequestOptions {
  std::chrono::milliseconds timeout{0};          // the whole transfer; 0 = none
  std::chrono::milliseconds connect_timeout{0};  // 0 = libcurl's default
  std::chrono::milliseconds stall_timeout{0};    // give up when no byte arrives for this long; 0 = never
  std::stop_token stop;                          // a stop request aborts the transfer (ErrorKind::aborted)
};

// Throws HttpError(bad_url) for what is not a URL with a host, HttpError(unsupported_scheme) for any
// scheme other than http and https. Sends nothing.
void check_url(const std::string& url);

// GETs url (following redirects) and returns the final status, headers and body. Checks the URL first
// (check_url). Throws HttpError on a transport failure; an HTTP error status is returned, not thrown.
Response http_get(const std::string& url, const RequestOptions& options = {});

// Writes response.body to file, byte for byte (binary). Throws HttpError(file) when the file cannot be
// written (its folder does not exist or is not writable); its url() is then the file's path.
void save_body(const Response& response, const std::filesystem::path& file);

}  // namespace hpc::web
