// Lab 10, task 4 (see labs/10-async/LAB.md): the open-design task. The header fixes the interface; the
// structure is yours. Put your server's state in EchoServer::Impl below (an io_context, the acceptor, what
// a connection needs) and replace each body. Asio goes here only: <asio/io_context.hpp>,
// <asio/ip/tcp.hpp>, <asio/co_spawn.hpp>, <asio/detached.hpp>, <asio/use_awaitable.hpp>, <asio/write.hpp>,
// <asio/post.hpp>.
#include "hpc/async/echo.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::async {

std::string python_repr([[maybe_unused]] std::string_view text) { hpc::common::not_implemented(); }

struct EchoServer::Impl {};

EchoServer::EchoServer([[maybe_unused]] EchoMode mode, [[maybe_unused]] EventLog& log) {
  hpc::common::not_implemented();
}

EchoServer::~EchoServer() = default;

std::uint16_t EchoServer::port() const { hpc::common::not_implemented(); }

void EchoServer::run() { hpc::common::not_implemented(); }

void EchoServer::close() { hpc::common::not_implemented(); }

}  // namespace hpc::async
