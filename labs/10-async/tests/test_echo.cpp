// Lab 10, task 4: the book's logging / echo / echo-and-close servers, one thread, many clients.
#include <gtest/gtest.h>

#include <cerrno>
#include <thread>
#include <vector>

#include "echo_support.hpp"
#include "hpc/async/echo.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"

using namespace hpc::async;
using namespace hpc::async::asio_tests;
using namespace std::chrono_literals;

namespace {
const std::string kHello = "Hello, World!\r\n";
const std::string kHelloLogged = "Data received: 'Hello, World!\\r\\n'";

// The text with \r and \n written out, for messages (the tests do not use your python_repr for that).
std::string visible(const std::string& text) {
  std::string out;
  for (const char ch : text) out += ch == '\r' ? "\\r" : ch == '\n' ? "\\n" : std::string(1, ch);
  return "\"" + out + "\"";
}

std::string connection_line(std::uint16_t client_port) {
  return "Connection from ('127.0.0.1', " + std::to_string(client_port) + ")";
}
}  // namespace

GRADED_TEST(EchoRepr, LikePython, 1) {
  EXPECT_EQ(python_repr("Hello, World!\r\n"), "'Hello, World!\\r\\n'");
  EXPECT_EQ(python_repr("tab\there"), "'tab\\there'");
  EXPECT_EQ(python_repr("back\\slash"), "'back\\\\slash'");
  EXPECT_EQ(python_repr(std::string("\x01 nul\0 del\x7f", 11)), "'\\x01 nul\\x00 del\\x7f'");
  EXPECT_EQ(python_repr("it's"), "\"it's\"") << "Python picks double quotes when the text holds ' and no \"";
  EXPECT_EQ(python_repr("it's \"quoted\""), "'it\\'s \"quoted\"'") << "both quotes: single, with \\'";
  EXPECT_EQ(python_repr(""), "''");
}

GRADED_TEST(EchoServerLogOnly, LogsConnectionAndDataSendsNothing, 2) {
  RunningServer server(EchoMode::LogOnly);
  Client client(server.port());
  client.send(kHello);
  ASSERT_EQ(wait_for_lines(server.log, "Data received: ", 1), 1u) << "nothing logged for " << kHelloLogged;
  const std::string answer = client.read_for(100ms);
  EXPECT_EQ(answer, "") << "the logging server answers nothing";
  EXPECT_EQ(server.log.texts(),
            (std::vector<std::string>{connection_line(client.local_port()), kHelloLogged}))
      << "the connection (the client's address as Python prints a peername), then the message as repr()";
  EXPECT_TRUE(server.stop()) << "close() did not make run() return within 5 s";
}

GRADED_TEST(EchoServerEcho, SeveralMessagesOnOneConnection, 2) {
  RunningServer server(EchoMode::Echo);
  Client client(server.port());
  for (const std::string message : {"Hello, World!\r\n", "second\n", "third one\r\n"}) {
    client.send(message);
    EXPECT_EQ(client.read_line(), "Echoed back: " + message) << "the answer to '" << message << "'";
  }
  EXPECT_EQ(wait_for_lines(server.log, "Data received: ", 3), 3u);
  EXPECT_TRUE(server.stop());
}

GRADED_TEST(EchoServerEcho, MessagesSplitOrJoinedByTheNetwork, 2) {
  RunningServer server(EchoMode::Echo);
  Client client(server.port());
  // One message in three writes, with pauses so the server's reads see the pieces apart.
  for (const std::string piece : {"Hel", "lo, World!\r", "\n"}) {
    client.send(piece);
    std::this_thread::sleep_for(30ms);
  }
  const std::string first = client.read_for(200ms);
  if (first != "Echoed back: " + kHello)
    ADD_FAILURE() << "one read is not one message: TCP is a stream (keep what you read until its '\\n' "
                     "arrives). \"Hello, World!\\r\\n\" sent in three pieces was answered with "
                  << visible(first);
  // Two messages in one write: two answers.
  client.send("one\ntwo\n");
  EXPECT_EQ(client.read_line(), "Echoed back: one\n");
  EXPECT_EQ(client.read_line(), "Echoed back: two\n") << "two messages in one read need two answers";
  wait_for_lines(server.log, "Data received: ", 3, 1s);
  EXPECT_EQ(server.log.texts(),
            (std::vector<std::string>{connection_line(client.local_port()), kHelloLogged,
                                      "Data received: 'one\\n'", "Data received: 'two\\n'"}));
  EXPECT_TRUE(server.stop());
}

GRADED_TEST(EchoServerEchoAndClose, AnswersThenCloses, 2) {
  RunningServer server(EchoMode::EchoAndClose);
  Client client(server.port());
  client.send(kHello);
  std::string before_eof;
  const bool closed = client.sees_end_of_file(2s, &before_eof);
  EXPECT_TRUE(closed) << "did the server forget to close the connection? The client must read end-of-file "
                         "after the answer";
  EXPECT_EQ(before_eof, "Echoed back: " + kHello);
  wait_for_lines(server.log, "Close the client socket", 1, 1s);
  EXPECT_EQ(server.log.texts(), (std::vector<std::string>{connection_line(client.local_port()), kHelloLogged,
                                                          "Close the client socket"}));
  EXPECT_TRUE(server.stop());
}

GRADED_TEST(EchoServerMany, HundredClientsAtOnceOnOneThread, 3) {
  RunningServer server(EchoMode::Echo);
  constexpr int kClients = 100;
  std::vector<std::string> errors(kClients);
  {
    // Every client connects and sends its first message before any reads an answer: the server holds a
    // hundred connections at once.
    std::vector<std::unique_ptr<Client>> clients;
    for (int c = 0; c < kClients; ++c) {
      clients.push_back(std::make_unique<Client>(server.port()));
      clients.back()->send("client " + std::to_string(c) + " first\n");
    }
    std::vector<std::thread> threads;
    for (int c = 0; c < kClients; ++c) {
      threads.emplace_back([&, c] {
        Client& client = *clients[static_cast<std::size_t>(c)];
        const std::string first = "client " + std::to_string(c) + " first\n";
        const std::string second = "client " + std::to_string(c) + " second\r\n";
        if (client.read_line() != "Echoed back: " + first) errors[c] = "no echo of '" + first + "'";
        client.send(second);
        if (client.read_line() != "Echoed back: " + second) errors[c] = "no echo of '" + second + "'";
      });
    }
    for (auto& t : threads) t.join();
  }
  for (int c = 0; c < kClients; ++c) EXPECT_EQ(errors[c], "") << "client " << c;
  EXPECT_EQ(wait_for_lines(server.log, "Connection from ", kClients), std::size_t{kClients});
  EXPECT_EQ(wait_for_lines(server.log, "Data received: ", 2 * kClients), std::size_t{2 * kClients});
  const auto threads = server.log.threads();
  EXPECT_EQ(threads, std::vector<std::thread::id>{server.loop_thread()})
      << "every handler runs on the one thread in run(): " << threads.size()
      << " threads logged (a thread per client, or the io_context run by several threads?)";
  EXPECT_TRUE(server.stop());
}
RACE_POINTS(EchoServerMany, HundredClientsAtOnceOnOneThread, 1);

GRADED_TEST(EchoServerFaults, SilentAndVanishingClientsDisturbNobody, 2) {
  RunningServer server(EchoMode::Echo);
  Client silent(server.port());  // connects and says nothing, for the whole test
  {
    Client half(server.port());  // half a message, then gone
    half.send("no end of li");
  }
  { Client gone(server.port()); }  // connects and leaves at once
  for (int c = 0; c < 10; ++c) {
    Client client(server.port());
    const std::string message = "still served " + std::to_string(c) + "\n";
    client.send(message);
    const auto echo = client.read_line(2s);
    if (echo != "Echoed back: " + message)
      FAIL() << "one client at a time? Client " << c << " got " << (echo ? "'" + *echo + "'" : "no answer")
             << " within 2 s while a silent client was connected";
  }
  for (const auto& text : server.log.texts())
    EXPECT_EQ(text.find("no end of li"), std::string::npos)
        << "an unfinished message is not a message: " << text;
  EXPECT_TRUE(server.stop()) << "close() with a silent client connected did not make run() return";
}

GRADED_TEST(EchoServerClose, CloseWithClientsConnected, 2) {
  auto server = std::make_unique<RunningServer>(EchoMode::Echo);
  const std::uint16_t port = server->port();
  std::vector<std::unique_ptr<Client>> clients;
  for (int c = 0; c < 5; ++c) clients.push_back(std::make_unique<Client>(port));
  clients[0]->send("answered\n");
  ASSERT_EQ(clients[0]->read_line(), "Echoed back: answered\n");
  clients[1]->send("half a mess");
  ASSERT_EQ(wait_for_lines(server->log, "Connection from ", 5), 5u);
  // A close() that leaves the sessions running never lets run() return: the time limit ends the test.
  hpc::common::set_test_phase(
      "close() with 5 clients connected: waiting for run() to return (sessions left open?)");
  const auto asked = std::chrono::steady_clock::now();
  if (!server->stop(1s)) {
    ADD_FAILURE() << "run() did not return within 1 s of close(): are sessions still open?";
    server.reset();  // waits for run(): the time limit ends the test, naming the phase above
  }
  const double took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - asked).count();
  EXPECT_LT(took_ms, 1000) << "run() took " << took_ms << " ms to return after close()";
  hpc::common::set_test_phase("after close()");
  for (int c = 0; c < 5; ++c)
    EXPECT_TRUE(clients[static_cast<std::size_t>(c)]->sees_end_of_file(1s))
        << "client " << c << " still connected after close(): close() must end every open connection";
  EXPECT_EQ(connect_errno(port), ECONNREFUSED) << "after close(), a new connection must be refused";
  server.reset();
}
HPC_TIME_LIMIT(EchoServerClose, CloseWithClientsConnected, 10);

GRADED_TEST(EchoServerSpeed, AsyncAtLeast4TimesTheIterativeServer, 2) {
  // The book's I/O-bound workload: 20 clients, each thinking 50 ms between its two messages. Served one at
  // a time that is 20 x 50 ms; served together, about 50 ms. Waiting, not CPU: graded in every build.
  constexpr int kClients = 20;
  const auto cmp = hpc::common::compare_speed(
      "one client at a time",
      [&] {
        IterativeEchoServer iterative;
        run_thinking_clients(iterative.port(), kClients, 50ms);
      },
      "your server",
      [&] {
        RunningServer server(EchoMode::Echo);
        run_thinking_clients(server.port(), kClients, 50ms);
        if (!server.stop()) throw std::runtime_error("close() did not make run() return");
      },
      {.pairs = 5});
  EXPECT_SPEEDUP_AT_LEAST(cmp, 4.0);  // ideal about 20
}
HPC_TIME_LIMIT(EchoServerSpeed, AsyncAtLeast4TimesTheIterativeServer, 60);
