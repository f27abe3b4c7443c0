// An echo round trip on 127.0.0.1 against lab 10's echo server (its reference, one event loop on one
// thread): one client sending a line and reading the answer, and N clients doing that at once, each on
// its own connection, driven by one client event loop. Reported: time per round trip (one client) and
// round trips per second (items_per_second) for N clients.
//
//   ch10_bench_echo
//   ch10_bench_echo --benchmark_filter=Many
#include <benchmark/benchmark.h>

#include <asio/co_spawn.hpp>
#include <asio/connect.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "hpc/async/echo.hpp"
#include "hpc/async/event_log.hpp"

namespace {

using asio::ip::tcp;

const std::string kMessage = "Hello, World!\r\n";
const std::string kAnswer = "Echoed back: " + kMessage;

// The server on a thread of its own for the whole benchmark; closed and joined at the end.
struct RunningServer {
  hpc::async::EventLog log;
  hpc::async::EchoServer server{hpc::async::EchoMode::Echo, log};
  std::thread thread{[this] { server.run(); }};
  ~RunningServer() {
    server.close();
    thread.join();
  }
};

// One round trip: the whole answer read back (its length is known) before the next message.
asio::awaitable<void> round_trip(tcp::socket& socket, std::string& buffer) {
  co_await asio::async_write(socket, asio::buffer(kMessage), asio::use_awaitable);
  buffer.resize(kAnswer.size());
  co_await asio::async_read(socket, asio::buffer(buffer), asio::use_awaitable);
}

void BM_EchoRoundTrip(benchmark::State& state) {
  RunningServer running;
  asio::io_context loop;
  tcp::socket socket(loop);
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), running.server.port()));
  socket.set_option(tcp::no_delay(true));
  std::string buffer;
  for (auto _ : state) {
    asio::co_spawn(loop, round_trip(socket, buffer), asio::detached);
    loop.run();
    loop.restart();
  }
  if (buffer != kAnswer) state.SkipWithError("wrong answer from the echo server");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_EchoRoundTrip)->UseRealTime();

void BM_EchoManyClients(benchmark::State& state) {
  const auto clients = static_cast<std::size_t>(state.range(0));
  RunningServer running;
  asio::io_context loop;
  std::vector<std::unique_ptr<tcp::socket>> sockets;
  std::vector<std::string> buffers(clients);
  for (std::size_t i = 0; i < clients; ++i) {
    sockets.push_back(std::make_unique<tcp::socket>(loop));
    sockets.back()->connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), running.server.port()));
    sockets.back()->set_option(tcp::no_delay(true));
  }
  for (auto _ : state) {
    for (std::size_t i = 0; i < clients; ++i)
      asio::co_spawn(loop, round_trip(*sockets[i], buffers[i]), asio::detached);
    loop.run();  // every client's round trip, all in flight at once
    loop.restart();
  }
  for (const auto& buffer : buffers)
    if (buffer != kAnswer) state.SkipWithError("wrong answer from the echo server");
  state.SetItemsProcessed(state.iterations() * static_cast<long>(clients));
}
BENCHMARK(BM_EchoManyClients)->Arg(1)->Arg(10)->Arg(100)->UseRealTime();

}  // namespace
