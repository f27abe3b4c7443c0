// Lab 10, task 4 (the open-design task): the book's logging / echo / echo-and-close servers as one
// single-threaded Asio server.
//
// This header fixes only what a client and the tests can see: the address, the messages, the log lines,
// run() and close(). How you structure a connection is yours to choose — a coroutine per connection
// (co_spawn + async_read_some/async_write), callbacks with a session object kept alive by shared_ptr, a
// strand per session, your own buffer management — put it in EchoServer::Impl in your echo.cpp (the only
// file that includes Asio). The tests judge behaviour only.
//
// The protocol. A message is a run of bytes ending with '\n' (telnet sends "Hello, World!\r\n"). TCP
// delivers a stream, not messages: one read may hold half a message, or three. For each whole message
// m, in the order received on that connection:
//   every mode   logs  "Data received: " + python_repr(m)     e.g.  Data received: 'Hello, World!\r\n'
//   Echo         sends "Echoed back: " + m                    e.g.  Echoed back: Hello, World!\r\n
//   EchoAndClose sends the same, logs "Close the client socket", then closes the connection (the client
//                reads end-of-file; later messages on it are not answered)
//   LogOnly      sends nothing
// Bytes after the last '\n' when the client goes away are dropped without a log line. On every accepted
// connection the server first logs "Connection from ('127.0.0.1', <client port>)", the client's own
// address as Python prints a peername.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "hpc/async/event_log.hpp"

namespace hpc::async {

enum class EchoMode {
  LogOnly,       // the book's example 1: logs what arrives
  Echo,          // example 2: answers every message
  EchoAndClose,  // example 3: answers the first message, then closes the connection
};

// Python's repr() of a str, byte by byte: single quotes (double quotes when the text holds ' and no "),
// backslash escapes \\ \' \n \r \t, and \xNN (lower-case hex) for every other byte below 0x20 and for
// 0x7f; other bytes are copied as they are. python_repr("Hello, World!\r\n") == "'Hello, World!\\r\\n'".
std::string python_repr(std::string_view text);

class EchoServer {
 public:
  // Binds and listens on 127.0.0.1 with a port the system picks, so port() is valid (and clients can
  // connect) as soon as the constructor returns. Lines go to `log`, which must outlive the server.
  EchoServer(EchoMode mode, EventLog& log);
  // Releases the socket and the loop. Not while another thread is in run(): close() and join it first.
  ~EchoServer();
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  std::uint16_t port() const;

  // Serves every client concurrently on the calling thread (one thread: every handler and every log line
  // runs here) until close(). Call it once.
  void run();

  // Callable from any thread, any number of times; returns at once. A graceful stop: no new connection is
  // accepted (connecting then fails: connection refused), every open connection is closed (its client
  // reads end-of-file), and run() returns promptly once that is done, even when clients are still
  // connected and silent.
  void close();

 private:
  struct Impl;  // yours: defined in echo.cpp
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::async
