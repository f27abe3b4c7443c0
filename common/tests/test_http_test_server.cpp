// The local HTTP test server against a real client (libcurl): every route, every counter, and the parts
// the lab's tests lean on — a client that gives up is counted as abandoned at once, the server's threads
// are free again, stopping does not wait for sleeps, stalls or idle keep-alive connections.
// Timing checks wait on conditions with generous limits, so a loaded machine does not fail them.
#include <curl/curl.h>
#include <dirent.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/http_test_server.hpp"

using hpc::common::http_test_body;
using hpc::common::HttpTestServer;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};
const CurlGlobal curl_global;

struct Reply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  std::string content_type;
  std::string location;
  double seconds = 0;
};

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* reply) {
  static_cast<Reply*>(reply)->body.append(data, size * count);
  return size * count;
}

void set_up(CURL* handle, const std::string& url, Reply& reply, long timeout_ms) {
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &reply);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms);
}

void read_back(CURL* handle, Reply& reply) {
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
  const char* text = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_CONTENT_TYPE, &text) == CURLE_OK && text) reply.content_type = text;
  text = nullptr;
  if (curl_easy_getinfo(handle, CURLINFO_REDIRECT_URL, &text) == CURLE_OK && text) reply.location = text;
}

// One GET; a handle passed in is reused (and so is its connection).
Reply get(const std::string& url, long timeout_ms = 10'000, CURL* reuse = nullptr, bool follow = false) {
  CURL* handle = reuse ? reuse : curl_easy_init();
  Reply reply;
  set_up(handle, url, reply, timeout_ms);
  curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, follow ? 1L : 0L);
  const auto start = Clock::now();
  reply.code = curl_easy_perform(handle);
  reply.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  read_back(handle, reply);
  if (!reuse) curl_easy_cleanup(handle);
  return reply;
}

// All URLs at once on one thread (curl multi), each on its own connection.
std::vector<Reply> get_all(const std::vector<std::string>& urls, long timeout_ms = 20'000) {
  CURLM* multi = curl_multi_init();
  std::vector<Reply> replies(urls.size());
  std::vector<CURL*> handles;
  for (std::size_t i = 0; i < urls.size(); ++i) {
    CURL* handle = curl_easy_init();
    set_up(handle, urls[i], replies[i], timeout_ms);
    curl_easy_setopt(handle, CURLOPT_PRIVATE, &replies[i]);
    curl_multi_add_handle(multi, handle);
    handles.push_back(handle);
  }
  int running = 1;
  while (running > 0) {
    curl_multi_perform(multi, &running);
    if (running > 0) curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      Reply* reply = nullptr;
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &reply);
      reply->code = message->data.result;
      read_back(message->easy_handle, *reply);
    }
  }
  for (CURL* handle : handles) {
    curl_multi_remove_handle(multi, handle);
    curl_easy_cleanup(handle);
  }
  curl_multi_cleanup(multi);
  return replies;
}

// Polls a condition until it holds or the limit passes; returns how long it took (or nullopt).
std::optional<double> seconds_until(const std::function<bool()>& condition, milliseconds limit) {
  const auto start = Clock::now();
  while (!condition()) {
    if (Clock::now() - start > limit) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int thread_count() {
  int count = 0;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (const dirent* entry = readdir(dir)) count += entry->d_name[0] != '.';
    closedir(dir);
  }
  return count;
}

}  // namespace

TEST(HttpTestBody, IsDeterministicSeededAndCoversEveryByte) {
  EXPECT_EQ(http_test_body(0), "");
  EXPECT_EQ(http_test_body(1000, 7), http_test_body(1000, 7));
  EXPECT_NE(http_test_body(1000, 7), http_test_body(1000, 8));
  EXPECT_EQ(http_test_body(13, 7), http_test_body(1000, 7).substr(0, 13)) << "a prefix of a longer body";
  const std::string body = http_test_body(4096, 1);
  EXPECT_EQ(std::set<char>(body.begin(), body.end()).size(), 256u);
}

TEST(HttpTestServer, StatusRoutesAnswerWithTheBooksReasonPhrases) {
  HttpTestServer server;
  EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()));
  for (const auto& [code, text] :
       std::vector<std::pair<long, std::string>>{{200, "200 OK"},
                                                 {400, "400 Bad Request"},
                                                 {404, "404 Not Found"},
                                                 {408, "408 Request Timeout"},
                                                 {500, "500 Internal Server Error"},
                                                 {503, "503 Service Unavailable"},
                                                 {524, "524 A timeout occurred"}}) {
    const Reply reply = get(server.url("/" + std::to_string(code)));
    EXPECT_EQ(reply.code, CURLE_OK) << code;
    EXPECT_LT(reply.seconds, 5.0) << code;
    EXPECT_EQ(reply.status, code);
    EXPECT_EQ(reply.body, text);
  }
  EXPECT_EQ(server.hits("/200"), 1);
  EXPECT_EQ(server.total_hits(), 7);
}

TEST(HttpTestServer, IndexRedirectsAndUnknownPaths) {
  HttpTestServer server;
  const Reply page = get(server.url("/index.html"));
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=ISO-8859-1");
  EXPECT_NE(page.body.find("<html>"), std::string::npos) << page.body;

  const Reply no_content = get(server.url("/204"));
  EXPECT_EQ(no_content.code, CURLE_OK);
  EXPECT_EQ(no_content.status, 204);
  EXPECT_EQ(no_content.body, "");
  EXPECT_LT(no_content.seconds, 5.0);

  const Reply hop = get(server.url("/redirect/2"));
  EXPECT_EQ(hop.status, 302);
  EXPECT_EQ(hop.location, server.url("/redirect/1"));
  const Reply followed = get(server.url("/redirect/3"), 10'000, nullptr, true);
  EXPECT_EQ(followed.status, 200);
  EXPECT_EQ(followed.body, "200 OK");
  EXPECT_EQ(server.hits("/redirect/3"), 1);
  EXPECT_EQ(server.hits("/redirect/2"), 2);
  EXPECT_EQ(server.hits("/redirect/0"), 1);
  const Reply elsewhere = get(server.url("/redirect-to?url=ftp%3A%2F%2F127.0.0.1%2Ffile"));
  EXPECT_EQ(elsewhere.status, 302);
  EXPECT_EQ(elsewhere.location, "ftp://127.0.0.1/file");
  const Reply onward = get(server.url("/redirect-to?url=%2F404"), 10'000, nullptr, true);
  EXPECT_EQ(onward.status, 404);
  EXPECT_EQ(onward.body, "404 Not Found");

  for (const char* path : {"/nothing", "/bytes/abc", "/99", "/600", "/flaky/", "/"}) {
    const Reply missing = get(server.url(path));
    EXPECT_EQ(missing.code, CURLE_OK) << path;
    EXPECT_EQ(missing.status, 404) << path;
    EXPECT_EQ(missing.body, "404 Not Found") << path;
  }
}

TEST(HttpTestServer, HeadAndRangeRequestsEndTheirTimeInFlight) {
  HttpTestServer server;
  CURL* handle = curl_easy_init();
  curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
  const Reply head = get(server.url("/bytes/100"), 10'000, handle);
  curl_easy_setopt(handle, CURLOPT_NOBODY, 0L);
  curl_easy_setopt(handle, CURLOPT_RANGE, "10-19");
  const Reply part = get(server.url("/bytes/100?seed=4"), 10'000, handle);
  curl_easy_cleanup(handle);
  EXPECT_EQ(head.code, CURLE_OK);
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(part.status, 206);
  EXPECT_EQ(part.body, http_test_body(100, 4).substr(10, 10));
  EXPECT_TRUE(server.wait_until_idle(milliseconds(2000))) << "in flight: " << server.in_flight();
  EXPECT_EQ(server.hits("/bytes/100"), 2);
  EXPECT_EQ(server.abandoned(), 0);
}

TEST(HttpTestServer, BytesAreTheSeededBodyFromZeroToEightMegabytes) {
  HttpTestServer server;
  const Reply empty = get(server.url("/bytes/0"));
  EXPECT_EQ(empty.code, CURLE_OK) << curl_easy_strerror(empty.code);
  EXPECT_EQ(empty.body, "");
  EXPECT_LT(empty.seconds, 5.0) << "an empty body must not wait for the connection to close";
  EXPECT_EQ(get(server.url("/bytes/1000?seed=3")).body, http_test_body(1000, 3));
  EXPECT_EQ(get(server.url("/bytes/1000")).body, http_test_body(1000, 0));
  const std::size_t eight_mb = 8u << 20;
  const Reply big = get(server.url("/bytes/" + std::to_string(eight_mb) + "?seed=42"));
  EXPECT_EQ(big.code, CURLE_OK);
  ASSERT_EQ(big.body.size(), eight_mb);
  EXPECT_TRUE(big.body == http_test_body(eight_mb, 42)) << "the 8 MB body differs from http_test_body";
  EXPECT_EQ(server.hits("/bytes/1000"), 2) << "the query string is not part of the path";
  EXPECT_EQ(server.hits("/bytes/1000?seed=3"), 2);
  EXPECT_EQ(server.abandoned(), 0);
}

TEST(HttpTestServer, FlakyPathFailsTheFirstRequestsThenSucceeds) {
  HttpTestServer server;
  std::vector<long> statuses;
  for (int i = 0; i < 4; ++i) statuses.push_back(get(server.url("/flaky/a?fail=2&code=500")).status);
  EXPECT_EQ(statuses, (std::vector<long>{500, 500, 200, 200}));
  EXPECT_EQ(get(server.url("/flaky/b?fail=1")).status, 503) << "another path counts on its own; default 503";
  EXPECT_EQ(server.hits("/flaky/a"), 4);
  server.reset_counters();
  EXPECT_EQ(get(server.url("/flaky/a?fail=1")).status, 503) << "reset_counters restarts the flaky counts";
}

TEST(HttpTestServer, SleepAndBaseLatencyDelayTheAnswer) {
  HttpTestServer server;
  EXPECT_GE(get(server.url("/200?sleep=300")).seconds, 0.29);
  server.set_base_latency(milliseconds(200));
  const Reply slow = get(server.url("/404?sleep=100"));
  EXPECT_EQ(slow.status, 404);
  EXPECT_GE(slow.seconds, 0.29) << "base latency and sleep add up";
  server.set_base_latency(milliseconds(0));
  EXPECT_LT(get(server.url("/200")).seconds, 0.2 * 10) << "no delay left behind";
}

TEST(HttpTestServer, ClientTimeoutDuringSleepIsSeenAtOnceAndFreesTheThread) {
  // One thread: the next request is served only if the abandoned handler really returned.
  HttpTestServer server(HttpTestServer::Options{.threads = 1});
  const Reply reply = get(server.url("/200?sleep=2000"), 100);
  EXPECT_EQ(reply.code, CURLE_OPERATION_TIMEDOUT);
  const auto seen =
      seconds_until([&] { return server.abandoned() == 1 && server.in_flight() == 0; }, milliseconds(2000));
  ASSERT_TRUE(seen) << "abandoned " << server.abandoned() << ", in flight " << server.in_flight();
  std::printf("abandonment seen %.1f ms after the client returned\n", *seen * 1e3);
  EXPECT_LT(*seen, 0.1) << "the server must notice within 100 ms";
  const Reply next = get(server.url("/200"));
  EXPECT_EQ(next.body, "200 OK");
  EXPECT_LT(next.seconds, 1.0) << "the only server thread still sleeps for the abandoned request";
  EXPECT_EQ(server.abandoned(), 1);
  EXPECT_EQ(server.max_in_flight(), 1);
}

TEST(HttpTestServer, AbsurdSizesAndSleepsAreRefusedOrCapped) {
  HttpTestServer server;
  const Reply huge = get(server.url("/bytes/99999999999999"));
  EXPECT_EQ(huge.status, 400);
  EXPECT_EQ(huge.body, "400 Bad Request");
  const Reply endless = get(server.url("/200?sleep=999999999999999999"), 100);
  EXPECT_EQ(endless.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_TRUE(
      seconds_until([&] { return server.abandoned() == 1 && server.in_flight() == 0; }, milliseconds(2000)));
}

TEST(HttpTestServer, SlowAndStalledBodiesCountTheClientThatGivesUp) {
  HttpTestServer server;
  const Reply slow = get(server.url("/bytes/100000?rate=20000"), 300);
  EXPECT_EQ(slow.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_GT(slow.body.size(), 0u);
  EXPECT_LT(slow.body.size(), 100000u);
  EXPECT_TRUE(
      seconds_until([&] { return server.abandoned() == 1 && server.in_flight() == 0; }, milliseconds(2000)))
      << "slow body: abandoned " << server.abandoned();

  const Reply stalled = get(server.url("/bytes/1000?stall_after=100&seed=5"), 300);
  EXPECT_EQ(stalled.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_EQ(stalled.body, http_test_body(1000, 5).substr(0, 100));
  EXPECT_TRUE(
      seconds_until([&] { return server.abandoned() == 2 && server.in_flight() == 0; }, milliseconds(2000)))
      << "stalled body: abandoned " << server.abandoned();

  const Reply whole = get(server.url("/bytes/20000?rate=100000"));
  EXPECT_EQ(whole.code, CURLE_OK);
  EXPECT_EQ(whole.body, http_test_body(20000));
  EXPECT_GE(whole.seconds, 0.15) << "20000 bytes at 100000 B/s take about 0.2 s";
  EXPECT_EQ(server.abandoned(), 2);
}

TEST(HttpTestServer, DroppedConnectionIsAnIncompleteTransfer) {
  HttpTestServer server;
  const Reply dropped = get(server.url("/bytes/10000?drop_after=4000&seed=2"));
  EXPECT_EQ(dropped.code, CURLE_PARTIAL_FILE) << curl_easy_strerror(dropped.code);
  EXPECT_EQ(dropped.body, http_test_body(10000, 2).substr(0, 4000));
  EXPECT_TRUE(server.wait_until_idle(milliseconds(2000)));
  EXPECT_EQ(server.abandoned(), 0) << "the server dropped it, the client did not abandon it";
  EXPECT_EQ(get(server.url("/bytes/10")).code, CURLE_OK) << "the server still serves";
}

TEST(HttpTestServer, MaxInFlightCountsConcurrentSleepers) {
  HttpTestServer server;
  const std::vector<Reply> replies = get_all(std::vector<std::string>(8, server.url("/200?sleep=600")));
  for (const Reply& reply : replies) EXPECT_EQ(reply.body, "200 OK");
  EXPECT_EQ(server.max_in_flight(), 8);
  EXPECT_EQ(server.hits("/200"), 8);
  EXPECT_EQ(server.in_flight(), 0);
  server.reset_counters();
  get(server.url("/200"));
  EXPECT_EQ(server.max_in_flight(), 1) << "reset_counters resets the maximum";
}

TEST(HttpTestServer, ConnectionsWithAndWithoutKeepAlive) {
  for (const bool keep_alive : {true, false}) {
    HttpTestServer server(HttpTestServer::Options{.keep_alive = keep_alive});
    CURL* handle = curl_easy_init();
    for (int i = 0; i < 5; ++i) EXPECT_EQ(get(server.url("/200"), 10'000, handle).body, "200 OK");
    curl_easy_cleanup(handle);
    EXPECT_EQ(server.connections(), keep_alive ? 1 : 5) << "keep-alive " << keep_alive;
    EXPECT_EQ(server.total_hits(), 5);
  }
}

TEST(HttpTestServer, StopDoesNotWaitForStallsSleepsOrIdleConnections) {
  auto server = std::make_unique<HttpTestServer>();
  CURL* idle = curl_easy_init();  // leaves a keep-alive connection open
  EXPECT_EQ(get(server->url("/200"), 10'000, idle).body, "200 OK");
  Reply stalled, sleeping;
  std::thread stalled_client([&] { stalled = get(server->url("/bytes/1000?stall_after=10"), 20'000); });
  std::thread sleeping_client([&] { sleeping = get(server->url("/200?sleep=20000"), 20'000); });
  ASSERT_TRUE(seconds_until([&] { return server->in_flight() == 2; }, milliseconds(5000)));
  const auto start = Clock::now();
  server.reset();
  const double stop_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  stalled_client.join();
  sleeping_client.join();
  curl_easy_cleanup(idle);
  std::printf("stop took %.1f ms\n", stop_seconds * 1e3);
  EXPECT_LT(stop_seconds, 2.0) << "cpp-httplib alone waits 5 s for an idle keep-alive connection";
  EXPECT_NE(stalled.code, CURLE_OK);
  EXPECT_LT(stalled.seconds, 10.0);
  EXPECT_LT(sleeping.seconds, 10.0);
}

TEST(HttpTestServer, TwoServersAtOnceCountSeparately) {
  HttpTestServer first;
  HttpTestServer second(HttpTestServer::Options{.threads = 4});
  EXPECT_NE(first.port(), second.port());
  get(first.url("/200"));
  get(second.url("/200"));
  get(second.url("/404"));
  EXPECT_EQ(first.total_hits(), 1);
  EXPECT_EQ(second.total_hits(), 2);
  EXPECT_EQ(second.hits("/404"), 1);
}

TEST(HttpTestServer, AHundredRequestsAreServedAtOnce) {
  HttpTestServer server(HttpTestServer::Options{.threads = 128});
  const auto start = Clock::now();
  const std::vector<Reply> replies = get_all(std::vector<std::string>(100, server.url("/200?sleep=2000")));
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  int ok = 0;
  for (const Reply& reply : replies) ok += reply.body == "200 OK";
  std::printf("100 requests of 2 s sleep: %.2f s in all, max in flight %d\n", seconds,
              server.max_in_flight());
  EXPECT_EQ(ok, 100);
  EXPECT_EQ(server.max_in_flight(), 100);
  EXPECT_EQ(server.connections(), 100);
}

TEST(HttpTestServer, ThreadsAreCreatedWithTheServerAndStayUntilItStops) {
  const int before = thread_count();
  {
    HttpTestServer server(HttpTestServer::Options{.threads = 6});
    const int serving = thread_count();
    EXPECT_EQ(serving, before + 7) << "6 workers and the accept loop";
    get_all(std::vector<std::string>(6, server.url("/200?sleep=50")));
    EXPECT_EQ(thread_count(), serving);
  }
  EXPECT_EQ(thread_count(), before);
}

TEST(HttpTestServer, BadOptionsAndTakenPortsThrow) {
  EXPECT_THROW(HttpTestServer(HttpTestServer::Options{.threads = 0}), std::runtime_error);
  HttpTestServer server;
  EXPECT_THROW(HttpTestServer(HttpTestServer::Options{.port = server.port()}), std::runtime_error);
}

namespace {

struct Spawned {
  pid_t pid = -1;
  int out = -1;  // the program's stdout
};

Spawned spawn_tool(std::vector<std::string> args) {
  args.insert(args.begin(), HPC_HTTP_SERVER_PROGRAM);
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[0]);
  Spawned spawned;
  if (posix_spawn(&spawned.pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) spawned.pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  spawned.out = pipe_fds[0];
  return spawned;
}

// The exit code, or -1 when the program did not end within the limit (it is then killed).
int exit_code(pid_t pid, milliseconds limit) {
  int status = 0;
  const auto ended = seconds_until([&] { return waitpid(pid, &status, WNOHANG) == pid; }, limit);
  if (!ended) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Everything the program printed until it closed its output.
std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;)
    text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

// Reads the program's output up to the first "http://" URL's end, within the limit.
std::string read_url(int fd, milliseconds limit) {
  std::string text;
  const auto deadline = Clock::now() + limit;
  while (Clock::now() < deadline) {
    pollfd ready{fd, POLLIN, 0};
    if (poll(&ready, 1, 100) <= 0) continue;
    char buffer[256];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    const auto start = text.find("http://");
    if (start == std::string::npos) continue;
    const auto end = text.find_first_of(" \n", start);
    if (end != std::string::npos) return text.substr(start, end - start);
  }
  return "";
}

}  // namespace

TEST(HpcHttpServerTool, ServesUntilSigtermAndRejectsBadArguments) {
  const Spawned server = spawn_tool({"--port", "0", "--latency", "50", "--threads", "4"});
  ASSERT_GT(server.pid, 0) << "cannot start " << HPC_HTTP_SERVER_PROGRAM;
  const std::string url = read_url(server.out, milliseconds(10'000));
  EXPECT_NE(url, "") << "the program did not print its URL";
  if (!url.empty()) {
    const Reply reply = get(url + "/404");
    EXPECT_EQ(reply.body, "404 Not Found");
    EXPECT_GE(reply.seconds, 0.045) << "--latency 50";
  }
  kill(server.pid, SIGTERM);
  EXPECT_EQ(exit_code(server.pid, milliseconds(10'000)), 0) << "SIGTERM ends it cleanly";
  close(server.out);

  for (const std::vector<std::string>& bad : std::vector<std::vector<std::string>>{
           {"--port", "abc"}, {"--port", "70000"}, {"--threads", "0"}, {"--latency"}, {"--bogus", "1"}}) {
    const Spawned run = spawn_tool(bad);
    ASSERT_GT(run.pid, 0);
    const std::string what = bad[0] + " " + (bad.size() > 1 ? bad[1] : "");
    EXPECT_EQ(exit_code(run.pid, milliseconds(10'000)), 2) << what;
    EXPECT_NE(read_all(run.out).find("usage: hpc-http-server"), std::string::npos) << what;
    close(run.out);
  }
}
