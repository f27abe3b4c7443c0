// The local HTTP test server (http_test_server.hpp) on cpp-httplib 0.11. The only file that includes
// httplib.h: its configuration macros (pkg-config cflags) change its class layout, so it stays private.
//
// Two things cpp-httplib does not offer, and how they are done here:
//   - Counting connections. Its accept loop hands every accepted socket to the task queue as one job,
//     so a task queue of our own (a ThreadPool behind a counting enqueue) counts accepted TCP
//     connections exactly, whether or not a request ever arrives on them.
//   - Seeing a client give up while the handler sleeps. A handler gets no socket, so it finds its
//     connection among the process's descriptors (/proc/self/fd: the socket whose local port is ours
//     and whose peer port is the request's remote port) and waits with poll() for POLLRDHUP on it
//     together with the server's stop eventfd: a client that closes is seen at once, not at the next
//     polling step, and a stopping server ends every wait at once. Linux-only, as the course is.
#include "hpc/common/http_test_server.hpp"

#include <dirent.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstdlib>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

namespace hpc::common {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Parses a whole decimal string; nullopt for anything else (empty, sign, trailing characters).
std::optional<long long> parse_number(std::string_view text) {
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || ptr != end || value < 0) return std::nullopt;
  return value;
}

long long param_or(const httplib::Request& req, const char* name, long long fallback) {
  if (!req.has_param(name)) return fallback;
  return parse_number(req.get_param_value(name)).value_or(fallback);
}

int port_of(const sockaddr_storage& address) {
  if (address.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  if (address.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
  return -1;
}

// Calls visit(fd) for every socket of this process whose local port is local_port and, when
// peer_port >= 0, whose peer port is peer_port. visit returns false to stop the scan.
void for_each_socket(int local_port, int peer_port, const std::function<bool(int)>& visit) {
  DIR* dir = ::opendir("/proc/self/fd");
  if (dir == nullptr) return;
  const int own_fd = ::dirfd(dir);
  while (const dirent* entry = ::readdir(dir)) {
    const auto fd = parse_number(entry->d_name);
    if (!fd || *fd == own_fd) continue;
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(static_cast<int>(*fd), reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
    if (port_of(address) != local_port) continue;
    if (peer_port >= 0) {
      length = sizeof address;
      if (::getpeername(static_cast<int>(*fd), reinterpret_cast<sockaddr*>(&address), &length) != 0) continue;
      if (port_of(address) != peer_port) continue;
    }
    if (!visit(static_cast<int>(*fd))) break;
  }
  ::closedir(dir);
}

// cpp-httplib sets SO_REUSEPORT, so its bind succeeds on a port another server listens on (and the two
// then share the connections). A probe without that option fails there.
bool port_is_free(int port) {
  const int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (probe < 0) return false;
  const int yes = 1;
  ::setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);  // a port in TIME_WAIT is free
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool free = ::bind(probe, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
  ::close(probe);
  return free;
}

// httplib::Server with the listening socket in reach (a protected member), so that its backlog can be
// raised: cpp-httplib listens with a backlog of 5, and 100 clients connecting at once would lose SYNs
// and wait a second for their retransmission.
class Server : public httplib::Server {
 public:
  int listening_socket() const { return static_cast<int>(svr_sock_.load()); }
};

// cpp-httplib's ThreadPool, plus a call for every job, i.e. for every accepted connection.
class CountingQueue : public httplib::TaskQueue {
 public:
  CountingQueue(std::size_t threads, std::function<void()> on_connection)
      : pool_(threads), on_connection_(std::move(on_connection)) {}
  void enqueue(std::function<void()> job) override {
    on_connection_();
    pool_.enqueue(std::move(job));
  }
  void shutdown() override { pool_.shutdown(); }

 private:
  httplib::ThreadPool pool_;
  std::function<void()> on_connection_;
};

enum class WaitEnd { elapsed, peer_closed, stopping };

// What one request did; shared by its handler, its content provider and its releaser.
struct Exchange {
  int fd = -1;  // the connection's socket, when the handler needed it
  std::size_t length = 0;
  std::size_t sent = 0;
  bool abandoned = false;  // counted once
  bool dropped = false;    // the server closed on purpose (drop_after)
  bool head = false;       // a HEAD request: no body is sent
  bool finished = false;   // its time in flight has ended (finish_once)
};

constexpr std::size_t chunk_bytes = 64 * 1024;
constexpr long long max_delay_ms = 3'600'000;
constexpr long long max_body_bytes = 1LL << 30;  // /bytes/<n> above this is a 400, not an allocation failure

}  // namespace

std::string http_test_body(std::size_t size, std::uint64_t seed) {
  std::string body(size, '\0');
  std::uint64_t state = seed * 0x2545f4914f6cdd1dULL + 1;
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t word = splitmix64(state);
    for (int b = 0; b < 8; ++b, word >>= 8) body[i + b] = static_cast<char>(word & 0xff);
  }
  for (std::uint64_t word = splitmix64(state); i < size; ++i, word >>= 8)
    body[i] = static_cast<char>(word & 0xff);
  return body;
}

std::string_view http_test_reason(int status) {
  // The book's phrases (524 is a CDN's "A timeout occurred"), the standard ones for the rest.
  static constexpr std::pair<int, std::string_view> reasons[] = {
      {200, "OK"},
      {201, "Created"},
      {202, "Accepted"},
      {204, "No Content"},
      {206, "Partial Content"},
      {301, "Moved Permanently"},
      {302, "Found"},
      {303, "See Other"},
      {304, "Not Modified"},
      {307, "Temporary Redirect"},
      {308, "Permanent Redirect"},
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {408, "Request Timeout"},
      {409, "Conflict"},
      {410, "Gone"},
      {418, "I'm a teapot"},
      {429, "Too Many Requests"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
      {524, "A timeout occurred"},
  };
  for (const auto& [code, reason] : reasons) {
    if (code == status) return reason;
  }
  return "Unknown";
}

struct HttpTestServer::Impl {
  explicit Impl(Options options);
  ~Impl();

  void handle(const httplib::Request& req, httplib::Response& res);
  void route(const httplib::Request& req, httplib::Response& res, const std::shared_ptr<Exchange>& exchange);
  void send_text(httplib::Response& res, const std::shared_ptr<Exchange>& exchange, int status,
                 std::string body, const char* content_type = "text/plain");
  void send_bytes(const httplib::Request& req, httplib::Response& res,
                  const std::shared_ptr<Exchange>& exchange, std::size_t size);
  WaitEnd wait(int fd, Clock::time_point until) const;
  int connection_fd(const httplib::Request& req) const;
  void count_abandoned(Exchange& exchange);
  void finish();
  void finish_once(Exchange& exchange);
  void stop();

  Options options;
  Server server;
  int port = -1;
  int stop_fd = -1;
  std::atomic<bool> stopping{false};
  std::atomic<long long> latency_ms{0};
  std::thread listener;

  mutable std::mutex mutex;
  mutable std::condition_variable idle;
  std::map<std::string, int, std::less<>> hits;
  std::map<std::string, int, std::less<>> flaky_served;
  int total = 0;
  int in_flight = 0;
  int max_in_flight = 0;
  int abandoned = 0;
  int connections = 0;
  bool queue_ready = false;
  bool listener_done = false;
};

HttpTestServer::Impl::Impl(Options opts) : options(opts), latency_ms(opts.base_latency.count()) {
  if (options.threads == 0) throw std::runtime_error("HttpTestServer: Options::threads must be at least 1");
  stop_fd = ::eventfd(0, EFD_CLOEXEC);
  if (stop_fd < 0) throw std::runtime_error("HttpTestServer: eventfd failed");

  server.new_task_queue = [this] {
    auto* queue = new CountingQueue(options.threads, [this] {
      std::lock_guard lock(mutex);
      ++connections;
    });
    std::lock_guard lock(mutex);
    queue_ready = true;  // its threads exist now
    idle.notify_all();
    return queue;
  };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(options.keep_alive ? 100000 : 1);
  server.Get(".*", [this](const httplib::Request& req, httplib::Response& res) { handle(req, res); });

  if (options.port == 0) {
    port = server.bind_to_any_port("127.0.0.1");
  } else if (port_is_free(options.port) && server.bind_to_port("127.0.0.1", options.port)) {
    port = options.port;
  }
  if (port <= 0) {
    ::close(stop_fd);
    throw std::runtime_error(options.port == 0
                                 ? std::string("HttpTestServer: cannot bind a port on 127.0.0.1")
                                 : "HttpTestServer: cannot bind 127.0.0.1:" + std::to_string(options.port) +
                                       " (in use?)");
  }
  ::listen(server.listening_socket(), SOMAXCONN);

  listener = std::thread([this] {
    server.listen_after_bind();
    std::lock_guard lock(mutex);
    listener_done = true;
    idle.notify_all();
  });
  // Connections made before the accept loop runs wait in the backlog anyway; waiting for the task queue
  // means the server's threads all exist when the constructor returns (tests count threads).
  std::unique_lock lock(mutex);
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (!(queue_ready && server.is_running()) && !listener_done && Clock::now() < deadline) {
    idle.wait_for(lock, milliseconds(1));
  }
  if (!queue_ready || !server.is_running()) {
    lock.unlock();
    stop();
    ::close(stop_fd);  // the destructor does not run for a constructor that throws
    throw std::runtime_error("HttpTestServer: the server did not start on port " + std::to_string(port));
  }
}

HttpTestServer::Impl::~Impl() {
  stop();
  ::close(stop_fd);
}

void HttpTestServer::Impl::stop() {
  if (!listener.joinable()) return;
  stopping = true;
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(stop_fd, &one, sizeof one);
  server.stop();
  // Idle keep-alive connections would hold their threads (and so the join) for cpp-httplib's keep-alive
  // time-out of 5 s; shutting their sockets down wakes them. Repeated, because a connection accepted
  // just before the stop may only now reach a thread.
  std::unique_lock lock(mutex);
  while (!listener_done) {
    lock.unlock();
    for_each_socket(port, -1, [](int fd) {
      ::shutdown(fd, SHUT_RDWR);
      return true;
    });
    lock.lock();
    idle.wait_for(lock, milliseconds(20), [this] { return listener_done; });
  }
  lock.unlock();
  listener.join();
}

int HttpTestServer::Impl::connection_fd(const httplib::Request& req) const {
  int found = -1;
  for_each_socket(port, req.remote_port, [&found](int fd) {
    found = fd;
    return false;
  });
  return found;
}

WaitEnd HttpTestServer::Impl::wait(int fd, Clock::time_point until) const {
  while (true) {
    if (stopping) return WaitEnd::stopping;
    const auto left = std::chrono::ceil<milliseconds>(until - Clock::now()).count();
    if (left <= 0) return WaitEnd::elapsed;
    // Only POLLRDHUP on the connection: data the client sends (a pipelined request) must not wake us
    // over and over; a closed or reset peer shows as POLLRDHUP, POLLHUP or POLLERR.
    pollfd fds[2] = {{stop_fd, POLLIN, 0}, {fd, POLLRDHUP, 0}};
    const int ready = ::poll(fds, fd >= 0 ? 2 : 1, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) return WaitEnd::elapsed;
    if (fds[0].revents != 0) return WaitEnd::stopping;
    if (fd >= 0 && (fds[1].revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0)
      return WaitEnd::peer_closed;
  }
}

void HttpTestServer::Impl::count_abandoned(Exchange& exchange) {
  if (exchange.abandoned || exchange.dropped || stopping) return;
  exchange.abandoned = true;
  std::lock_guard lock(mutex);
  ++abandoned;
}

void HttpTestServer::Impl::finish() {
  std::lock_guard lock(mutex);
  --in_flight;
  if (in_flight == 0) idle.notify_all();
}

// A request's time in flight ends just BEFORE its last byte is written, not in the releaser after it: a
// client that has read the whole answer may send its next request at once (on a new connection, to
// another server thread), and counting the first as still in flight then showed 2 in flight for a
// client that never had more than 1 (measured: 1 run in 4 under load, lab 07's rate-limit tests).
void HttpTestServer::Impl::finish_once(Exchange& exchange) {
  if (exchange.finished) return;
  exchange.finished = true;
  finish();
}

void HttpTestServer::Impl::handle(const httplib::Request& req, httplib::Response& res) {
  {
    std::lock_guard lock(mutex);
    auto it = hits.find(req.path);
    if (it == hits.end()) it = hits.emplace(req.path, 0).first;
    ++it->second;
    ++total;
    max_in_flight = std::max(max_in_flight, ++in_flight);
  }
  auto exchange = std::make_shared<Exchange>();
  exchange->head = req.method == "HEAD";
  // At most an hour each: a time point further out would overflow the clock's arithmetic.
  const long long delay =
      std::clamp(latency_ms.load(), 0LL, max_delay_ms) + std::min(param_or(req, "sleep", 0), max_delay_ms);
  if (delay > 0) {
    exchange->fd = connection_fd(req);
    const WaitEnd end = wait(exchange->fd, Clock::now() + milliseconds(delay));
    if (end == WaitEnd::peer_closed) count_abandoned(*exchange);
    if (end != WaitEnd::elapsed) {
      // Nobody will read the answer; an empty one still ends the exchange through the releaser.
      send_text(res, exchange, 503, "");
      return;
    }
  }
  route(req, res, exchange);
}

void HttpTestServer::Impl::send_text(httplib::Response& res, const std::shared_ptr<Exchange>& exchange,
                                     int status, std::string body, const char* content_type) {
  // A 200 is left to cpp-httplib, which makes it a 206 for a Range request.
  if (status != 200) res.status = status;
  exchange->length = body.size();
  if (body.empty()) {
    // cpp-httplib sends a provider of length 0 without Content-Length and the client then waits for the
    // connection to close; a header-only answer is written right after the handler returns.
    res.set_content("", content_type);
    finish();
    return;
  }
  auto text = std::make_shared<const std::string>(std::move(body));
  // Every response goes through a content provider so that its releaser, called once the response is
  // written (or failed), ends the request's time in flight.
  res.set_content_provider(
      text->size(), content_type,
      [this, exchange, text](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        if (exchange->abandoned || stopping) return false;
        if (offset + length >= exchange->length) finish_once(*exchange);
        if (!sink.write(text->data() + offset, length)) {
          count_abandoned(*exchange);
          return false;
        }
        exchange->sent = offset + length;
        return true;
      },
      [this, exchange](bool success) {
        if (!success && !exchange->head && exchange->sent < exchange->length) count_abandoned(*exchange);
        finish_once(*exchange);
      });
}

void HttpTestServer::Impl::send_bytes(const httplib::Request& req, httplib::Response& res,
                                      const std::shared_ptr<Exchange>& exchange, std::size_t size) {
  const auto seed = static_cast<std::uint64_t>(param_or(req, "seed", 0));
  const long long rate = param_or(req, "rate", 0);
  const long long stall_after = param_or(req, "stall_after", -1);
  const long long drop_after = param_or(req, "drop_after", -1);
  if ((rate > 0 || stall_after >= 0 || drop_after >= 0) && exchange->fd < 0)
    exchange->fd = connection_fd(req);
  if (size == 0) {
    send_text(res, exchange, 200, "", "application/octet-stream");
    return;
  }
  auto body = std::make_shared<const std::string>(http_test_body(size, seed));
  exchange->length = size;
  const auto start = Clock::now();
  res.set_content_provider(
      size, "application/octet-stream",
      [this, exchange, body, rate, stall_after, drop_after, start](std::size_t offset, std::size_t length,
                                                                   httplib::DataSink& sink) {
        if (exchange->abandoned || stopping) return false;
        std::size_t n = std::min(length, chunk_bytes);
        if (rate > 0) n = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1LL, rate / 50)));
        const auto limit = [&](long long k) {
          if (k >= 0 && offset < static_cast<std::size_t>(k))
            n = std::min(n, static_cast<std::size_t>(k) - offset);
        };
        limit(stall_after);
        limit(drop_after);
        if (drop_after >= 0 && offset >= static_cast<std::size_t>(drop_after)) {
          // Content-Length promised more: closing now makes the client see an incomplete transfer.
          exchange->dropped = true;
          if (exchange->fd >= 0) ::shutdown(exchange->fd, SHUT_RDWR);
          return false;
        }
        if (stall_after >= 0 && offset >= static_cast<std::size_t>(stall_after)) {
          if (wait(exchange->fd, Clock::time_point::max()) == WaitEnd::peer_closed)
            count_abandoned(*exchange);
          return false;
        }
        if (rate > 0) {
          // Byte offset+n is due at start + (offset+n)/rate seconds.
          const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                       std::chrono::duration<double>(static_cast<double>(offset + n) / rate));
          const WaitEnd end = wait(exchange->fd, due);
          if (end == WaitEnd::peer_closed) count_abandoned(*exchange);
          if (end != WaitEnd::elapsed) return false;
        }
        if (offset + n >= exchange->length) finish_once(*exchange);
        if (!sink.write(body->data() + offset, n)) {
          count_abandoned(*exchange);
          return false;
        }
        exchange->sent = offset + n;
        return true;
      },
      [this, exchange](bool success) {
        // A write that failed without the provider seeing it (the headers, say) is abandonment too.
        if (!success && !exchange->head && exchange->sent < exchange->length) count_abandoned(*exchange);
        finish_once(*exchange);
      });
}

void HttpTestServer::Impl::route(const httplib::Request& req, httplib::Response& res,
                                 const std::shared_ptr<Exchange>& exchange) {
  const std::string_view path = req.path;
  const auto rest_after = [&](std::string_view prefix) -> std::optional<std::string_view> {
    if (!path.starts_with(prefix)) return std::nullopt;
    return path.substr(prefix.size());
  };
  const auto status_text = [](int status) {
    return std::to_string(status) + " " + std::string(http_test_reason(status));
  };

  if (path == "/index.html") {
    send_text(
        res, exchange, 200,
        "<!DOCTYPE html>\n<html><head><title>HPC test server</title></head>\n"
        "<body><h1>It works</h1><p>A page from the course's local HTTP test server.</p></body></html>\n",
        "text/html; charset=ISO-8859-1");
    return;
  }
  if (const auto size = rest_after("/bytes/")) {
    if (const auto n = parse_number(*size)) {
      if (*n > max_body_bytes) {
        send_text(res, exchange, 400, status_text(400));
      } else {
        send_bytes(req, res, exchange, static_cast<std::size_t>(*n));
      }
      return;
    }
  }
  if (const auto name = rest_after("/flaky/"); name && !name->empty()) {
    const long long fail = param_or(req, "fail", 0);
    long long code = param_or(req, "code", 503);
    if (code < 200 || code > 599) code = 503;
    int served = 0;
    {
      std::lock_guard lock(mutex);
      served = flaky_served[req.path]++;
    }
    const int status = served < fail ? static_cast<int>(code) : 200;
    send_text(res, exchange, status, status_text(status));
    return;
  }
  if (const auto hops = rest_after("/redirect/")) {
    if (const auto n = parse_number(*hops)) {
      if (*n == 0) {
        send_text(res, exchange, 200, status_text(200));
      } else {
        res.set_header("Location", "/redirect/" + std::to_string(*n - 1));
        send_text(res, exchange, 302, status_text(302));
      }
      return;
    }
  }
  // Any Location a test needs, also one of another scheme (a client must refuse to follow ftp:// or
  // file://).
  if (path == "/redirect-to" && req.has_param("url")) {
    res.set_header("Location", req.get_param_value("url"));
    send_text(res, exchange, 302, status_text(302));
    return;
  }
  if (const auto code = parse_number(path.substr(1)); code && *code >= 200 && *code <= 599) {
    const int status = static_cast<int>(*code);
    // 204 and 304 carry no body by definition.
    send_text(res, exchange, status, status == 204 || status == 304 ? "" : status_text(status));
    return;
  }
  send_text(res, exchange, 404, status_text(404));
}

HttpTestServer::HttpTestServer() : HttpTestServer(Options{}) {}
HttpTestServer::HttpTestServer(Options options) : impl_(std::make_unique<Impl>(options)) {}
HttpTestServer::~HttpTestServer() = default;

int HttpTestServer::port() const { return impl_->port; }
std::string HttpTestServer::base_url() const { return "http://127.0.0.1:" + std::to_string(impl_->port); }
std::string HttpTestServer::url(std::string_view path) const { return base_url() + std::string(path); }

void HttpTestServer::set_base_latency(std::chrono::milliseconds latency) {
  impl_->latency_ms = latency.count();
}

int HttpTestServer::hits(std::string_view path) const {
  std::lock_guard lock(impl_->mutex);
  const auto it = impl_->hits.find(path.substr(0, path.find('?')));
  return it == impl_->hits.end() ? 0 : it->second;
}

int HttpTestServer::total_hits() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->total;
}

int HttpTestServer::in_flight() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->in_flight;
}

int HttpTestServer::max_in_flight() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->max_in_flight;
}

int HttpTestServer::abandoned() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->abandoned;
}

int HttpTestServer::connections() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connections;
}

void HttpTestServer::reset_counters() {
  std::lock_guard lock(impl_->mutex);
  impl_->hits.clear();
  impl_->flaky_served.clear();
  impl_->total = 0;
  impl_->max_in_flight = impl_->in_flight;  // requests still being served stay counted in flight
  impl_->abandoned = 0;
  impl_->connections = 0;
}

bool HttpTestServer::wait_until_idle(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(impl_->mutex);
  return impl_->idle.wait_for(lock, timeout, [this] { return impl_->in_flight == 0; });
}

}  // namespace hpc::common
