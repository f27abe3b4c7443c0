#include "downloads_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace hpc::async::testing {

std::vector<std::string> folder_entries(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

void expect_folder_holds(const std::filesystem::path& folder, const std::vector<std::string>& expected,
                         const std::string& why) {
  const std::vector<std::string> actual = folder_entries(folder);
  if (actual == expected) return;
  auto joined = [](const std::vector<std::string>& names) {
    std::string text = "[";
    for (const std::string& name : names) text += (text.size() > 1 ? ", " : "") + name;
    return text + "]";
  };
  ADD_FAILURE() << why << ": the folder holds " << joined(actual) << ", expected " << joined(expected);
}

std::string describe(const DownloadResult& result) {
  std::string text =
      result.ok() ? "ok " + result.path.string() : "failed: " + std::string(to_string(result.error));
  text += ", status " + std::to_string(result.status) + ", " + std::to_string(result.bytes) + " bytes";
  if (!result.message.empty()) text += ", \"" + result.message + "\"";
  return text;
}

std::string refused_base_url() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("could not bind a socket to 127.0.0.1:0");
  }
  ::close(fd);  // bound, never listening, closed: the kernel refuses connections to this port
  return "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
}

std::string numbered(const std::string& prefix, int i) { return prefix + std::to_string(i); }

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

InFlightSampler::InFlightSampler(std::function<int()> count, int limit)
    : sampler_([this, count = std::move(count), limit](std::stop_token stop) {
        using Clock = std::chrono::steady_clock;
        std::optional<Clock::time_point> over_since;
        while (!stop.stop_requested()) {
          const int now = count();
          seen_.most = std::max(seen_.most, now);
          if (now > limit) {
            if (!over_since) over_since = Clock::now();
            seen_.longest_over_ms =
                std::max(seen_.longest_over_ms,
                         std::chrono::duration<double, std::milli>(Clock::now() - *over_since).count());
          } else {
            over_since.reset();
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }) {}

InFlightSampler::~InFlightSampler() { stop(); }

InFlightSampler::Seen InFlightSampler::stop() {
  if (sampler_.joinable()) {
    sampler_.request_stop();
    sampler_.join();  // after the join, seen_ is ours alone
  }
  return seen_;
}

double timing_scale() {
#if defined(__SANITIZE_THREAD__)
  return 3.0;
#else
  return 1.0;
#endif
}

long process_voluntary_switches() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_nvcsw;
}

}  // namespace hpc::async::testing
