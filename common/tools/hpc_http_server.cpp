// hpc-http-server: the course's local HTTP test server (hpc/common/http_test_server.hpp) as a program,
// so a student can try its routes with curl or a browser, or point a demo's --base-url at it.
#include <signal.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include "hpc/common/http_test_server.hpp"

namespace {

constexpr const char* usage_text =
    "usage: hpc-http-server [--port N] [--latency MS] [--threads N] [--no-keep-alive]\n"
    "  Serves the course's test routes on 127.0.0.1 until Ctrl-C or SIGTERM.\n"
    "  --port N         the port (default 0: a free one, printed at start)\n"
    "  --latency MS     a delay added before every response (default 0)\n"
    "  --threads N      requests served at once (default 128)\n"
    "  --no-keep-alive  close the connection after every response\n"
    "  Routes: /<code>[?sleep=MS], /index.html, /bytes/<n>?seed=S&rate=B&stall_after=K&drop_after=K,\n"
    "          /flaky/<name>?fail=K&code=C, /redirect/<n>\n";

bool parse(std::string_view text, long long min, long long max, long long& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc{} && ptr == end && value >= min && value <= max;
}

int usage_error(const char* what) {
  std::fprintf(stderr, "hpc-http-server: %s\n%s", what, usage_text);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long long port = 0;
  long long latency = 0;
  long long threads = 128;
  hpc::common::HttpTestServer::Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(usage_text, stdout);
      return 0;
    }
    if (arg == "--no-keep-alive") {
      options.keep_alive = false;
      continue;
    }
    if (i + 1 >= argc) return usage_error("missing value or unknown option");
    const std::string_view value = argv[++i];
    if (arg == "--port") {
      if (!parse(value, 0, 65535, port)) return usage_error("--port needs a number 0-65535");
    } else if (arg == "--latency") {
      if (!parse(value, 0, 3'600'000, latency)) return usage_error("--latency needs milliseconds >= 0");
    } else if (arg == "--threads") {
      if (!parse(value, 1, 4096, threads)) return usage_error("--threads needs a number 1-4096");
    } else {
      return usage_error("unknown option");
    }
  }
  options.base_latency = std::chrono::milliseconds(latency);
  options.threads = static_cast<unsigned>(threads);
  options.port = static_cast<int>(port);

  // The signals are blocked before the server's threads exist, so they inherit the mask and only the
  // sigwait below receives them: the server is then stopped and destroyed normally.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  try {
    hpc::common::HttpTestServer server(options);
    std::printf("hpc-http-server: serving %s (latency %lld ms, %lld threads, keep-alive %s); Ctrl-C stops\n",
                server.base_url().c_str(), latency, threads, options.keep_alive ? "on" : "off");
    std::printf("try: curl -i %s\n", server.url("/200?sleep=500").c_str());
    std::fflush(stdout);
    int signal_number = 0;
    sigwait(&stop_signals, &signal_number);
    std::printf("hpc-http-server: %s, stopping after %d requests\n",
                signal_number == SIGINT ? "SIGINT" : "SIGTERM", server.total_hits());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "hpc-http-server: %s\n", error.what());
    return 1;
  }
  return 0;
}
