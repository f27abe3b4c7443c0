// The book's chapter 18 servers, on one Asio event loop: a logging server (example 1: prints who
// connected and what they sent), an echo server (example 2: also answers "Echoed back: <message>") and
// an echo-and-close server (example 3: answers once, then closes the connection).
//
//   ch10_demo_echo_servers                       each server on a free port of 127.0.0.1, with a client
//                                                 that says "Hello, World!", then 200 clients at once
//   ch10_demo_echo_servers --quick               the same with 50 clients (CI)
//   ch10_demo_echo_servers --serve echo          serve until Ctrl-C; try it: nc 127.0.0.1 PORT
//   ch10_demo_echo_servers --serve log --port 8888
//
// Every connection is one coroutine; they all run on the thread that calls loop.run(), so many clients
// are served at once "without threading or multiprocessing", as the book says: while one connection
// waits for bytes, the loop runs the others. Ctrl-C (SIGINT) or SIGTERM ends --serve cleanly through an
// asio::signal_set: the acceptor closes, the loop stops, the program returns 0. Only 127.0.0.1 is bound.
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/experimental/awaitable_operators.hpp>
#include <asio/io_context.hpp>
#include <asio/ip/tcp.hpp>
#include <asio/read_until.hpp>
#include <asio/signal_set.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/write.hpp>
#include <csignal>
#include <cstdio>
#include <set>
#include <string>
#include <thread>
#include <variant>

#include "hpc/common/demo.hpp"

namespace {

using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;
using asio::experimental::as_tuple;  // Asio 1.22: not yet asio::as_tuple

enum class Mode { log, echo, echo_and_close };

// Python's repr() of the bytes, as the book's server prints them: 'Hello, World!\r\n'.
std::string python_repr(const std::string& data) {
  std::string out = "'";
  for (const char c : data) {
    if (c == '\r')
      out += "\\r";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\\' || c == '\'')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out + "'";
}

std::string peername(const tcp::socket& socket) {
  const auto peer = socket.remote_endpoint();
  return "('" + peer.address().to_string() + "', " + std::to_string(peer.port()) + ")";
}

bool verbose = true;  // the many-clients run does not print every connection
std::set<std::thread::id> server_threads;

// [snippet:connection]
// One connection, what the book's Protocol callbacks do, written top to bottom as one coroutine:
// connection_made is the start, data_received each loop turn, connection_lost the end.
asio::awaitable<void> serve_connection(tcp::socket socket, Mode mode) {
  server_threads.insert(std::this_thread::get_id());
  if (verbose) std::printf("Connection from %s\n", peername(socket).c_str());
  char buffer[1024];
  for (;;) {
    const auto [error, n] =
        co_await socket.async_read_some(asio::buffer(buffer), as_tuple(asio::use_awaitable));
    if (error) break;                      // the client closed (eof) or the connection broke: connection_lost
    const std::string message(buffer, n);  // bytes; the book's "encode()" here means decode
    if (verbose) std::printf("Data received: %s\n", python_repr(message).c_str());
    if (mode == Mode::log) continue;
    const std::string answer = "Echoed back: " + message;
    if (verbose) std::printf("Send: %s\n", python_repr(answer).c_str());
    co_await asio::async_write(socket, asio::buffer(answer), asio::use_awaitable);
    if (mode == Mode::echo_and_close) {
      if (verbose) std::printf("Close the client socket\n");
      break;
    }
  }
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, Mode mode) {
  for (;;) {
    auto [error, socket] = co_await acceptor.async_accept(as_tuple(asio::use_awaitable));
    if (error) co_return;  // the acceptor was closed: stop accepting
    asio::co_spawn(acceptor.get_executor(), serve_connection(std::move(socket), mode), asio::detached);
  }
}
// [/snippet:connection]

// A client: connects, sends one line, and reads what comes back within `wait` (the logging server
// answers nothing; the echo-and-close server also closes, which the client sees as end of file, so it
// reads on until then or until `wait` has passed).
struct Reply {
  std::string text;
  bool closed_by_server = false;
};

asio::awaitable<Reply> say_hello(tcp::endpoint server, std::chrono::milliseconds wait) {
  const auto loop = co_await asio::this_coro::executor;
  tcp::socket socket(loop);
  co_await socket.async_connect(server, asio::use_awaitable);
  co_await asio::async_write(socket, asio::buffer(std::string("Hello, World!\r\n")), asio::use_awaitable);
  Reply reply;
  asio::steady_timer timer(loop, wait);
  for (;;) {
    char buffer[256];
    auto result = co_await (socket.async_read_some(asio::buffer(buffer), as_tuple(asio::use_awaitable)) ||
                            timer.async_wait(as_tuple(asio::use_awaitable)));
    if (result.index() == 1) break;  // nothing more within `wait`
    const auto [error, n] = std::get<0>(result);
    if (error) {
      reply.closed_by_server = error == asio::error::eof;
      break;
    }
    reply.text.append(buffer, n);
  }
  co_return reply;
}

const char* name_of(Mode mode) {
  return mode == Mode::log ? "log" : mode == Mode::echo ? "echo" : "echo-and-close";
}

int serve(Mode mode, long port) {
  asio::io_context loop;
  tcp::acceptor acceptor(
      loop, tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
  // [snippet:signals]
  asio::signal_set signals(loop, SIGINT, SIGTERM);  // KeyboardInterrupt around run_forever()
  signals.async_wait([&](const std::error_code&, int signal) {
    std::printf("\n%s: closing the server\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
    acceptor.close();  // server.close(): accept no more
    loop.stop();       // open connections end with the loop
  });
  // [/snippet:signals]
  asio::co_spawn(loop, accept_loop(acceptor, mode), asio::detached);
  std::printf("Serving on ('127.0.0.1', %u), mode %s; try: nc 127.0.0.1 %u (Ctrl-C ends)\n",
              acceptor.local_endpoint().port(), name_of(mode), acceptor.local_endpoint().port());
  loop.run();
  return 0;
}

bool try_all(long clients) {
  bool ok = true;
  for (const Mode mode : {Mode::log, Mode::echo, Mode::echo_and_close}) {
    std::printf("## %s server\n\n", name_of(mode));
    asio::io_context loop;
    tcp::acceptor acceptor(loop, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    asio::co_spawn(loop, accept_loop(acceptor, mode), asio::detached);
    verbose = true;
    Reply reply;
    asio::co_spawn(
        loop,
        [&]() -> asio::awaitable<void> {
          reply = co_await say_hello(acceptor.local_endpoint(), std::chrono::milliseconds(200));
          acceptor.close();
        },
        asio::detached);
    loop.run();
    std::printf("client got: %s%s\n\n", python_repr(reply.text).c_str(),
                reply.closed_by_server ? ", then the server closed the connection" : "");
    const bool expected = mode == Mode::log ? reply.text.empty()
                                            : reply.text == "Echoed back: Hello, World!\r\n" &&
                                                  reply.closed_by_server == (mode == Mode::echo_and_close);
    if (!expected) std::printf("FAIL: not what the %s server should answer\n\n", name_of(mode)), ok = false;
  }

  std::printf("## %ld clients at once, echo-and-close server, one thread\n\n", clients);
  asio::io_context loop;
  tcp::acceptor acceptor(loop, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  acceptor.listen(static_cast<int>(clients));
  asio::co_spawn(loop, accept_loop(acceptor, Mode::echo_and_close), asio::detached);
  verbose = false;
  server_threads.clear();
  long right = 0, done = 0;
  for (long i = 0; i < clients; ++i) {
    asio::co_spawn(
        loop,
        [&]() -> asio::awaitable<void> {
          const Reply reply = co_await say_hello(acceptor.local_endpoint(), std::chrono::seconds(5));
          right += reply.text == "Echoed back: Hello, World!\r\n";
          if (++done == clients) acceptor.close();
        },
        asio::detached);
  }
  const auto start = std::chrono::steady_clock::now();
  loop.run();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf("%ld of %ld clients got their echo in %.3f s; the server ran on %zu thread(s)\n", right,
              clients, took.count(), server_threads.size());
  return ok && right == clients && server_threads.size() == 1;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string serve_mode;
  long port = 0, clients = 200;
  hpc::common::demo::Args args(argv[0],
                               "The book's logging, echo and echo-and-close servers on one event loop.");
  args.flag("quick", quick, "a client per server, then 50 at once (what CI runs)")
      .option("serve", serve_mode, "log, echo or echo-and-close: serve until Ctrl-C")
      .option("port", port, "with --serve: the port on 127.0.0.1 (default: a free one)")
      .option("clients", clients, "clients at once in the last part (default 200, --quick 50)");
  args.parse(argc, argv);
  if (quick && !args.given("clients")) clients = 50;
  if (port > 65535 || clients > 1000) {
    std::fprintf(stderr, "%s: --port at most 65535, --clients at most 1000\n\n", argv[0]);
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines as they happen, also into a pipe
  if (!serve_mode.empty()) {
    if (serve_mode == "log") return serve(Mode::log, port);
    if (serve_mode == "echo") return serve(Mode::echo, port);
    if (serve_mode == "echo-and-close") return serve(Mode::echo_and_close, port);
    std::fprintf(stderr, "%s: --serve '%s': log, echo or echo-and-close\n", argv[0], serve_mode.c_str());
    return 2;
  }
  return try_all(clients) ? 0 : 1;
}
