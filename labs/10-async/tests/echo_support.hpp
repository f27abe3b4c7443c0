// What lab 10's echo tests share: a blocking TCP client, the server on a thread of its own, the
// one-client-at-a-time server that the speed test measures against, and waiting for log lines.
// Plain POSIX sockets: the tests never include Asio (its headers cost seconds per file).
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "hpc/async/echo.hpp"
#include "hpc/async/event_log.hpp"

namespace hpc::async::asio_tests {

// A blocking client of 127.0.0.1:<port>. Every read has a time limit, so a server that never answers
// fails the test with a message instead of hanging it.
class Client {
 public:
  explicit Client(std::uint16_t port);  // throws std::runtime_error when the connection fails
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void send(const std::string& bytes);
  // The next line ('\n' included) within `limit`; nullopt on time-out or end-of-file.
  std::optional<std::string> read_line(std::chrono::milliseconds limit = std::chrono::seconds(5));
  // What arrives within `limit` (up to end-of-file), without waiting for a whole line.
  std::string read_for(std::chrono::milliseconds limit);
  // True when the server closed the connection (end-of-file or a reset) within `limit`; bytes before it
  // are put into *before when given.
  bool sees_end_of_file(std::chrono::milliseconds limit, std::string* before = nullptr);
  std::uint16_t local_port() const;
  void close();

 private:
  int fd_ = -1;
  std::string buffered_;
};

// Errno of a connection attempt to 127.0.0.1:<port> (0 when it connected).
int connect_errno(std::uint16_t port);

// The server under test, served by a thread of its own that calls run().
class RunningServer {
 public:
  explicit RunningServer(EchoMode mode);
  ~RunningServer();  // stop() when the test did not
  // close(), then waits for run() to return. Returns false when it did not within `limit` (the thread is
  // then left to the test's time limit: there is no way to take a server back from a stuck run()).
  bool stop(std::chrono::milliseconds limit = std::chrono::seconds(5));
  std::uint16_t port() const { return server.port(); }
  std::thread::id loop_thread() const { return loop_thread_id_; }

  EventLog log;
  EchoServer server;

 private:
  std::promise<void> run_returned_;
  std::future<void> run_done_ = run_returned_.get_future();
  std::thread::id loop_thread_id_;
  std::thread runner_;
  bool stopped_ = false;
};

// Waits until `log` holds at least `count` lines whose text starts with `prefix`; returns how many it saw.
std::size_t wait_for_lines(const EventLog& log, const std::string& prefix, std::size_t count,
                           std::chrono::milliseconds limit = std::chrono::seconds(5));

// The baseline of the speed test (given, not graded): the book's echo server as a blocking loop that
// serves one client to its end before it accepts the next.
class IterativeEchoServer {
 public:
  IterativeEchoServer();
  ~IterativeEchoServer();
  std::uint16_t port() const { return port_; }

 private:
  void serve();
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
};

// The book's I/O-bound workload: `clients` clients at once, each sends a message, reads its echo, waits
// `think` (a user typing), sends a second message and reads that echo. Throws std::runtime_error naming
// the first wrong or missing answer.
void run_thinking_clients(std::uint16_t port, int clients, std::chrono::milliseconds think);

}  // namespace hpc::async::asio_tests
