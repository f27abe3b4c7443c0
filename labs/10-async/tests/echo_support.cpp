#include "echo_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace hpc::async::asio_tests {
namespace {

using Clock = std::chrono::steady_clock;

sockaddr_in loopback(std::uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Connects a new socket; returns it, or -1 with errno set.
int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const sockaddr_in address = loopback(port);
  while (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(std::string("send failed: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
}

// Reads once, waiting at most until `deadline`: > 0 bytes, 0 at end-of-file (or a reset), -1 at time-out.
ssize_t read_some(int fd, char* buffer, std::size_t size, Clock::time_point deadline) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left < 0) return -1;
    pollfd waiting{fd, POLLIN, 0};
    const int ready = ::poll(&waiting, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return -1;
    const ssize_t n = ::recv(fd, buffer, size, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return 0;  // ECONNRESET: the server is gone, as good as end-of-file here
    return n;
  }
}

}  // namespace

Client::Client(std::uint16_t port) : fd_(connect_to(port)) {
  if (fd_ < 0) throw std::runtime_error(std::string("cannot connect to the server: ") + std::strerror(errno));
}

Client::~Client() { close(); }

void Client::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

void Client::send(const std::string& bytes) { send_all(fd_, bytes); }

std::optional<std::string> Client::read_line(std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (;;) {
    if (const auto end = buffered_.find('\n'); end != std::string::npos) {
      std::string line = buffered_.substr(0, end + 1);
      buffered_.erase(0, end + 1);
      return line;
    }
    char chunk[4096];
    const ssize_t n = read_some(fd_, chunk, sizeof chunk, deadline);
    if (n <= 0) return std::nullopt;
    buffered_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::string Client::read_for(std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  char chunk[4096];
  ssize_t n;
  while ((n = read_some(fd_, chunk, sizeof chunk, deadline)) > 0)
    buffered_.append(chunk, static_cast<std::size_t>(n));
  return std::exchange(buffered_, {});
}

bool Client::sees_end_of_file(std::chrono::milliseconds limit, std::string* before) {
  const auto deadline = Clock::now() + limit;
  char chunk[4096];
  for (;;) {
    const ssize_t n = read_some(fd_, chunk, sizeof chunk, deadline);
    if (n <= 0) {
      if (before) *before = std::exchange(buffered_, {});
      return n == 0;
    }
    buffered_.append(chunk, static_cast<std::size_t>(n));
  }
}

std::uint16_t Client::local_port() const {
  sockaddr_in address{};
  socklen_t size = sizeof address;
  ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
  return ntohs(address.sin_port);
}

int connect_errno(std::uint16_t port) {
  const int fd = connect_to(port);
  if (fd < 0) return errno;
  ::close(fd);
  return 0;
}

RunningServer::RunningServer(EchoMode mode) : server(mode, log) {
  std::promise<std::thread::id> started;
  auto id = started.get_future();
  runner_ = std::thread([this, &started] {
    started.set_value(std::this_thread::get_id());
    server.run();
    run_returned_.set_value();
  });
  loop_thread_id_ = id.get();
}

bool RunningServer::stop(std::chrono::milliseconds limit) {
  if (stopped_) return true;
  server.close();
  if (run_done_.wait_for(limit) != std::future_status::ready) return false;
  runner_.join();
  stopped_ = true;
  return true;
}

RunningServer::~RunningServer() {
  if (stopped_) return;
  server.close();
  runner_.join();  // a stuck run() stays stuck here: the test's time limit reports it
}

std::size_t wait_for_lines(const EventLog& log, const std::string& prefix, std::size_t count,
                           std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  for (;;) {
    std::size_t seen = 0;
    for (const std::string& text : log.texts()) seen += text.rfind(prefix, 0) == 0 ? 1 : 0;
    if (seen >= count || Clock::now() > deadline) return seen;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

IterativeEchoServer::IterativeEchoServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address = loopback(0);
  socklen_t size = sizeof address;
  if (listen_fd_ < 0 || ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(listen_fd_, SOMAXCONN) != 0 ||
      ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &size) != 0)
    throw std::runtime_error(std::string("the iterative server cannot listen: ") + std::strerror(errno));
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

IterativeEchoServer::~IterativeEchoServer() {
  ::shutdown(listen_fd_, SHUT_RDWR);  // wakes the accept() below on Linux
  thread_.join();
  ::close(listen_fd_);
}

void IterativeEchoServer::serve() {
  for (;;) {
    const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      return;  // shut down
    }
    // One client, to its end: nobody else is served meanwhile. That is the point of the baseline.
    std::string pending;
    char chunk[4096];
    ssize_t n;
    while ((n = ::recv(client, chunk, sizeof chunk, 0)) > 0 || (n < 0 && errno == EINTR)) {
      if (n < 0) continue;
      pending.append(chunk, static_cast<std::size_t>(n));
      for (std::size_t end; (end = pending.find('\n')) != std::string::npos; pending.erase(0, end + 1)) {
        try {
          send_all(client, "Echoed back: " + pending.substr(0, end + 1));
        } catch (const std::runtime_error&) {
          break;
        }
      }
    }
    ::close(client);
  }
}

void run_thinking_clients(std::uint16_t port, int clients, std::chrono::milliseconds think) {
  std::vector<std::string> errors(static_cast<std::size_t>(clients));
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      try {
        Client client(port);
        for (int m = 0; m < 2; ++m) {
          if (m == 1) std::this_thread::sleep_for(think);
          const std::string message =
              "client " + std::to_string(c) + " message " + std::to_string(m) + "\r\n";
          client.send(message);
          const auto echo = client.read_line(std::chrono::seconds(20));
          if (echo != "Echoed back: " + message)
            throw std::runtime_error("client " + std::to_string(c) + " got " +
                                     (echo ? "'" + *echo + "'" : "nothing") + " for '" + message + "'");
        }
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(c)] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (!e.empty()) throw std::runtime_error(e);
}

}  // namespace hpc::async::asio_tests
