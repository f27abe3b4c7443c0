// Lab 10, task 4 (reference): the book's three servers as one Asio server, a coroutine per connection,
// all on the thread that calls run().
#include "hpc/async/echo.hpp"

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <cstdio>
#include <set>

namespace hpc::async {

using asio::ip::tcp;

namespace detail {
// One byte as Python's repr() of a str writes it inside `quote`s.
std::string escape_for_repr(char ch, char quote) {
  switch (ch) {
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      break;
  }
  if (ch == quote) return std::string{'\\', ch};
  const auto byte = static_cast<unsigned char>(ch);
  if (byte < 0x20 || byte == 0x7f) {
    char hex[5];
    std::snprintf(hex, sizeof hex, "\\x%02x", byte);
    return hex;
  }
  return std::string(1, ch);
}
}  // namespace detail

std::string python_repr(std::string_view text) {
  const bool holds_single_only =
      text.find('\'') != std::string_view::npos && text.find('"') == std::string_view::npos;
  const char quote = holds_single_only ? '"' : '\'';
  std::string out(1, quote);
  for (const char ch : text) out += detail::escape_for_repr(ch, quote);
  out += quote;
  return out;
}

struct EchoServer::Impl {
  Impl(EchoMode mode, EventLog& log) : mode(mode), log(log) {}

  EchoMode mode;
  EventLog& log;
  asio::io_context loop;
  tcp::acceptor acceptor{loop, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
  const std::uint16_t port = acceptor.local_endpoint().port();  // read once: port() may race with close()
  // Open connections, so close() can end them; touched only on the loop's thread.
  std::set<std::shared_ptr<tcp::socket>> open;
  bool closing = false;

  asio::awaitable<void> accept_clients() {
    for (;;) {
      std::shared_ptr<tcp::socket> socket;
      try {
        socket = std::make_shared<tcp::socket>(co_await acceptor.async_accept(asio::use_awaitable));
      } catch (const std::system_error&) {
        co_return;  // the acceptor was closed
      }
      if (closing) continue;  // accepted just before close() ran: the socket closes as it goes
      open.insert(socket);
      asio::co_spawn(loop, serve(socket), asio::detached);
    }
  }

  asio::awaitable<void> serve(std::shared_ptr<tcp::socket> socket) {
    std::error_code ec;
    const tcp::endpoint peer = socket->remote_endpoint(ec);
    log.add("Connection from ('" + peer.address().to_string() + "', " + std::to_string(peer.port()) + ")");
    std::string pending;  // bytes after the last '\n' seen: the start of a message still arriving
    char chunk[4096];
    try {
      for (bool done = false; !done;) {
        const std::size_t n = co_await socket->async_read_some(asio::buffer(chunk), asio::use_awaitable);
        pending.append(chunk, n);
        std::size_t end;
        while (!done && (end = pending.find('\n')) != std::string::npos) {
          const std::string message = pending.substr(0, end + 1);
          pending.erase(0, end + 1);
          done = co_await answer(*socket, message);
        }
      }
    } catch (const std::system_error&) {
      // end of file, a reset, or close(): this connection is over either way
    }
    socket->close(ec);
    open.erase(socket);
  }

  // Returns true when the connection is to be closed.
  asio::awaitable<bool> answer(tcp::socket& socket, const std::string& message) {
    log.add("Data received: " + python_repr(message));
    if (mode == EchoMode::LogOnly) co_return false;
    const std::string reply = "Echoed back: " + message;
    co_await asio::async_write(socket, asio::buffer(reply), asio::use_awaitable);
    if (mode == EchoMode::Echo) co_return false;
    log.add("Close the client socket");
    co_return true;
  }

  void close_everything() {
    closing = true;
    std::error_code ec;
    acceptor.close(ec);
    for (const auto& socket : open) {
      socket->shutdown(tcp::socket::shutdown_both, ec);
      socket->close(ec);
    }
  }
};

EchoServer::EchoServer(EchoMode mode, EventLog& log) : impl_(std::make_unique<Impl>(mode, log)) {
  asio::co_spawn(impl_->loop, impl_->accept_clients(), asio::detached);
}

EchoServer::~EchoServer() = default;

std::uint16_t EchoServer::port() const { return impl_->port; }

void EchoServer::run() { impl_->loop.run(); }

void EchoServer::close() {
  asio::post(impl_->loop, [impl = impl_.get()] { impl->close_everything(); });
}

}  // namespace hpc::async
