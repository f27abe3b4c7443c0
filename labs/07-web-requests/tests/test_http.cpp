// Graded tests, lab 07 task 1: one request with libcurl's easy interface (http_get, check_url, save_body).
// Every request goes to the test's own server on 127.0.0.1.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stop_token>
#include <thread>

#include "hpc/common/grading.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/web/http.hpp"
#include "support.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::web::ErrorKind;
using hpc::web::HttpError;
using hpc::web::RequestOptions;
using hpc::web::testing::seconds_since;
using hpc::web::testing::WithServer;
using Http = WithServer;
using SaveBody = WithServer;
using Transport = WithServer;

// The HttpError a call throws, or a failure naming what it did instead.
template <class F>
std::optional<HttpError> error_of(F&& call) {
  try {
    call();
  } catch (const HttpError& error) {
    return error;
  }
  return std::nullopt;
}

// Where two byte strings first differ, for a message that does not dump a megabyte.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::size_t i = 0;
  while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
  return "expected " + std::to_string(expected.size()) + " bytes, got " + std::to_string(actual.size()) +
         "; first difference at byte " + std::to_string(i);
}

GRADED_TEST_F(Http, StatusAndBody, 2) {
  const auto ok = hpc::web::http_get(url("/200"));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, "200 OK");
  // An error status is an answer from the server, not a transport failure: no exception.
  for (const auto& [path, body] :
       {std::pair{"/404", "404 Not Found"}, std::pair{"/500", "500 Internal Server Error"}}) {
    try {
      const auto response = hpc::web::http_get(url(path));
      EXPECT_EQ(response.status, std::stol(std::string(path).substr(1))) << path;
      EXPECT_EQ(response.body, body) << path;
    } catch (const std::exception& error) {
      ADD_FAILURE() << "an HTTP error status is a Response, only transport failures throw: GET " << path
                    << " threw (" << error.what() << ")";
    }
  }
  EXPECT_EQ(server.hits("/200"), 1);
  EXPECT_EQ(server.hits("/404"), 1);
  EXPECT_EQ(server.hits("/500"), 1);
}

GRADED_TEST_F(Http, HeadersCaseInsensitive, 2) {
  const hpc::web::CaseInsensitiveLess less;
  const char* const why = "header names are case-insensitive: CaseInsensitiveLess must ignore ASCII case";
  EXPECT_FALSE(less("Content-Type", "content-type")) << why;
  EXPECT_FALSE(less("content-type", "CONTENT-TYPE")) << why;
  EXPECT_TRUE(less("accept", "Content-Type")) << why;
  EXPECT_TRUE(less("Content", "content-type")) << why << " (a prefix orders first)";
  const auto response = hpc::web::http_get(url("/index.html"));
  EXPECT_EQ(response.status, 200);
  for (const char* name : {"Content-Type", "content-type", "CONTENT-TYPE"}) {
    const auto it = response.headers.find(name);
    if (it == response.headers.end()) {
      ADD_FAILURE() << "no header found under \"" << name << "\": header names are case-insensitive ("
                    << response.headers.size() << " headers parsed)";
    } else {
      EXPECT_EQ(it->second, "text/html; charset=ISO-8859-1")
          << "the value of " << name << ", without the line's CR LF and the space after the colon";
    }
  }
  for (const auto& [name, value] : response.headers) {
    EXPECT_FALSE(name.empty()) << "a header with an empty name (the blank line that ends the headers?)";
    EXPECT_FALSE(name.starts_with("HTTP/")) << "the status line is not a header: " << name;
  }
}

GRADED_TEST_F(Http, RedirectKeepsFinalHeaders, 1) {
  const auto response = hpc::web::http_get(url("/redirect/2"));
  EXPECT_EQ(response.status, 200) << "redirects are followed to the final answer";
  EXPECT_EQ(response.body, "200 OK");
  EXPECT_EQ(response.headers.count("Location"), 0U)
      << "a Location header: the headers of the 302 responses were kept, only the final response's count";
  EXPECT_EQ(server.hits("/redirect/0"), 1);
}

// The sheet: follow redirects, but only to http and https. A 302 to file:// that a client follows reads a
// local file on a remote server's say-so (libcurl refuses it unless told to allow every protocol).
GRADED_TEST_F(Http, RedirectOnlyToHttpOrHttps, 1) {
  const std::string target = url("/redirect-to?url=file%3A%2F%2F%2Fetc%2Fhostname");
  RequestOptions options;
  options.timeout = 5s;
  const auto error = error_of([&] {
    const auto response = hpc::web::http_get(target, options);
    ADD_FAILURE() << "a redirect to file:///etc/hostname was followed (status " << response.status << ", "
                  << response.body.size() << " bytes): follow redirects only to http and https";
  });
  if (error) {
    EXPECT_EQ(error->url(), target) << error->what();
  }
  EXPECT_EQ(server.hits("/redirect-to"), 1);
}

GRADED_TEST_F(Http, BodyExactBytes, 1) {
  for (const std::size_t size :
       {std::size_t{0}, std::size_t{1}, std::size_t{100'000}, std::size_t{8} << 20}) {
    const std::string path = "/bytes/" + std::to_string(size) + "?seed=7";
    const std::string expected = hpc::common::http_test_body(size, 7);
    const auto response = hpc::web::http_get(url(path));
    EXPECT_EQ(response.status, 200) << path;
    if (response.body != expected)
      ADD_FAILURE() << path << ": " << first_difference(expected, response.body)
                    << " (every byte value occurs in it, 0 and CR LF included)";
  }
}

GRADED_TEST_F(SaveBody, WritesExactBytes, 2) {
  const auto response = hpc::web::http_get(url("/bytes/70000?seed=3"));
  const std::filesystem::path file = std::filesystem::current_path() / "body.bin";
  hpc::web::save_body(response, file);
  std::ifstream in(file, std::ios::binary);
  const std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (saved != response.body)
    ADD_FAILURE() << "the saved file differs from the body: " << first_difference(response.body, saved)
                  << " (opened in text mode? stopped at a 0 byte?)";
  // Saving again replaces the file instead of appending.
  hpc::web::save_body(hpc::web::Response{200, {}, "short"}, file);
  EXPECT_EQ(std::filesystem::file_size(file), 5U) << "a second save_body must replace the file, not append";
}

GRADED_TEST_F(SaveBody, UnwritableFolderIsAFileError, 1) {
  const auto here = std::filesystem::current_path();
  std::ofstream(here / "plain-file") << "x";
  for (const auto& file : {here / "no-such-folder" / "out.bin", here / "plain-file" / "out.bin"}) {
    const auto error = error_of([&] { hpc::web::save_body(hpc::web::Response{200, {}, "data"}, file); });
    if (!error) {
      ADD_FAILURE() << "save_body to " << file << " did not throw: a file that cannot be written is an "
                    << "HttpError(ErrorKind::file), not a silent loss";
    } else {
      EXPECT_EQ(error->kind(), ErrorKind::file) << error->what();
    }
  }
}

GRADED_TEST_F(Http, BadUrlsRefusedBeforeAnyRequest, 2) {
  const std::pair<std::string, ErrorKind> cases[] = {
      {"not a url", ErrorKind::bad_url},
      {"http://", ErrorKind::bad_url},
      {"ftp://127.0.0.1:" + std::to_string(server.port()) + "/200", ErrorKind::unsupported_scheme},
      {"file:///etc/hostname", ErrorKind::unsupported_scheme},
  };
  for (const auto& [bad, kind] : cases) {
    for (const bool through_get : {false, true}) {
      const auto error = error_of([&] {
        if (through_get) {
          hpc::web::http_get(bad);
        } else {
          hpc::web::check_url(bad);
        }
      });
      const char* function = through_get ? "http_get" : "check_url";
      if (!error) {
        ADD_FAILURE() << function << "(\"" << bad << "\") did not throw HttpError("
                      << hpc::web::to_string(kind) << ")";
      } else {
        EXPECT_EQ(error->kind(), kind) << function << "(\"" << bad << "\"): " << error->what();
        EXPECT_EQ(error->url(), bad);
      }
    }
  }
  hpc::web::check_url(url("/200"));
  hpc::web::check_url("https://127.0.0.1/x");
  EXPECT_EQ(server.total_hits(), 0) << "a bad URL must be refused before anything is sent";
}

GRADED_TEST_F(Transport, RefusedConnectionIsAConnectError, 1) {
  const std::string target = hpc::web::testing::refused_base_url() + "/200";
  const auto error = error_of([&] { hpc::web::http_get(target); });
  if (!error) {
    ADD_FAILURE() << "GET " << target << " (nothing listens there) did not throw";
    return;
  }
  EXPECT_EQ(error->kind(), ErrorKind::connect) << error->what();
  EXPECT_EQ(error->url(), target);
  EXPECT_NE(std::string(error->what()).find(target), std::string::npos)
      << "what() names the URL: " << error->what();
  // libcurl's own words ("Couldn't connect to server", "Failed to connect to ..."), not a made-up line.
  EXPECT_TRUE(hpc::web::testing::mentions_connect(error->message()))
      << "the message must carry libcurl's own words (CURLOPT_ERRORBUFFER or curl_easy_strerror): \""
      << error->message() << "\"";
}

GRADED_TEST_F(Transport, StalledBodyIsATimeout, 1) {
  RequestOptions options;
  options.stall_timeout = 1s;
  const auto start = std::chrono::steady_clock::now();
  const auto error = error_of([&] { hpc::web::http_get(url("/bytes/1000?stall_after=100"), options); });
  const double seconds = seconds_since(start);
  if (!error) {
    ADD_FAILURE() << "a body that stops after 100 of 1000 bytes did not throw";
    return;
  }
  EXPECT_EQ(error->kind(), ErrorKind::timeout) << error->what();
  EXPECT_LT(seconds, 4.0) << "stall_timeout 1 s, but the stalled transfer ended after " << seconds << " s";
}

GRADED_TEST_F(Transport, DroppedConnectionIsATransferError, 1) {
  const auto error = error_of([&] { hpc::web::http_get(url("/bytes/1000?drop_after=100")); });
  if (!error) {
    ADD_FAILURE() << "a connection closed after 100 of 1000 promised bytes did not throw (a partial body "
                  << "returned as if complete?)";
    return;
  }
  EXPECT_EQ(error->kind(), ErrorKind::transfer) << error->what();
}

GRADED_TEST_F(Transport, TimeoutEndsTheTransfer, 1) {
  RequestOptions options;
  options.timeout = 200ms;
  const auto start = std::chrono::steady_clock::now();
  const auto error = error_of([&] { hpc::web::http_get(url("/200?sleep=3000"), options); });
  const double seconds = seconds_since(start);
  if (!error) {
    ADD_FAILURE() << "timeout 200 ms on a 3 s answer did not throw (" << seconds << " s)";
    return;
  }
  EXPECT_EQ(error->kind(), ErrorKind::timeout) << error->what();
  EXPECT_LT(seconds, 0.2 + 0.5) << "timeout 200 ms, but http_get returned after " << seconds << " s";
  EXPECT_TRUE(server.wait_until_idle(2s)) << "the server still serves the request: it was not abandoned";
}

// libcurl looks at the stop request from its progress callback, which it calls about once a second while
// the server says nothing: the bar allows that second, and catches a stop token that is ignored.
GRADED_TEST_F(Transport, StopTokenAbortsTheTransfer, 2) {
  std::stop_source stop;
  RequestOptions options;
  options.stop = stop.get_token();
  std::jthread stopper([&] {
    std::this_thread::sleep_for(100ms);
    stop.request_stop();
  });
  const auto start = std::chrono::steady_clock::now();
  const auto error = error_of([&] { hpc::web::http_get(url("/200?sleep=5000"), options); });
  const double seconds = seconds_since(start);
  if (!error) {
    ADD_FAILURE() << "the stop_token was ignored: stop requested after 0.1 s, the 5 s request completed ("
                  << seconds << " s)";
    return;
  }
  EXPECT_EQ(error->kind(), ErrorKind::aborted) << error->what();
  EXPECT_LT(seconds, 1.7) << "stop requested after 0.1 s, but http_get returned after " << seconds
                          << " s: the stop_token ignored?";
  EXPECT_TRUE(server.wait_until_idle(2s)) << "the server still serves the request: it was not abandoned";
  EXPECT_GE(server.abandoned(), 1);
}

}  // namespace
