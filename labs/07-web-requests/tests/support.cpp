#include "support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "hpc/common/grading.hpp"

namespace hpc::web::testing {

bool mentions_connect(std::string_view message) {
  std::string lower(message);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower.find("connect") != std::string::npos;
}

double timing_scale() { return hpc::common::thread_sanitizer_build() ? kTsanTimingScale : 1.0; }

std::vector<std::string> six_paths() { return {"/200", "/400", "/404", "/408", "/500", "/524"}; }

std::vector<std::string> six_urls(const hpc::common::HttpTestServer& server) {
  std::vector<std::string> urls;
  for (const auto& path : six_paths()) urls.push_back(server.url(path));
  return urls;
}

std::vector<std::string> six_expected_lines(const hpc::common::HttpTestServer& server) {
  return {server.url("/200") + ": 200 OK",
          server.url("/400") + ": 400 Bad Request",
          server.url("/404") + ": 404 Not Found",
          server.url("/408") + ": 408 Request Timeout",
          server.url("/500") + ": 500 Internal Server Error",
          server.url("/524") + ": 524 A timeout occurred"};
}

std::string refused_base_url() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("could not bind a socket to 127.0.0.1:0");
  }
  // Bound but never listening, then closed: the kernel refuses connections to this port.
  ::close(fd);
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

int wait_for_thread_count(int target, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  int count = thread_count();
  while (count > target && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    count = thread_count();
  }
  return count;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text = "[";
  for (std::size_t i = 0; i < lines.size(); ++i) text += (i ? ", " : "") + lines[i];
  return text + "]";
}

InFlightWatch::InFlightWatch(std::function<int()> count, int limit)
    : count_(std::move(count)), limit_(limit) {
  thread_ = std::jthread([this](std::stop_token stop) {
    bool over = false;
    auto over_since = std::chrono::steady_clock::now();
    while (!stop.stop_requested()) {
      const auto now = std::chrono::steady_clock::now();
      const int value = count_();
      seen_.most = std::max(seen_.most, value);
      if (value > limit_) {
        if (!over) over_since = now;
        over = true;
        seen_.longest_over_ms = std::max(seen_.longest_over_ms,
                                         std::chrono::duration<double, std::milli>(now - over_since).count());
      } else {
        over = false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
}

InFlightWatch::~InFlightWatch() { stop(); }

InFlightWatch::Seen InFlightWatch::stop() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();  // seen_ is read only after the watching thread has ended
  }
  return seen_;
}

}  // namespace hpc::web::testing
