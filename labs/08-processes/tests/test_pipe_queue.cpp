// Task 2: PipeQueue -- whole messages, end of queue, a closed pipe, and the poison-pill shutdown.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/processes/pipe_queue.hpp"
#include "hpc/processes/process.hpp"
#include "support.hpp"

namespace {

using hpc::processes::PipeClosedError;
using hpc::processes::PipeQueue;
using hpc::processes::Process;
using namespace std::chrono_literals;

using PipeQueueBasics = hpc::processes::testing::ChildFree;
using PipeQueueWriters = hpc::processes::testing::ChildFree;
using PipeQueueClosed = hpc::processes::testing::ChildFree;
using PoisonPill = hpc::processes::testing::ChildFree;

GRADED_TEST_F(PipeQueueBasics, MessagesComeOutWhole, 2) {
  PipeQueue q;
  const std::string zeros("a\0b\0\0c", 6);
  const std::vector<std::string> sent{"hello", "", zeros, std::string(3000, 'x')};
  for (const auto& m : sent) q.put(m);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const auto got = q.get();
    ASSERT_TRUE(got.has_value()) << "message " << i << " missing";
    EXPECT_EQ(*got, sent[i]) << "message " << i << " (" << sent[i].size()
                             << " bytes, may hold zero bytes or be empty) came out as " << got->size()
                             << " bytes";
  }
  q.close_writer();
  hpc::common::set_test_phase("get() after close_writer() with the pipe empty: must return std::nullopt");
  EXPECT_FALSE(q.get().has_value()) << "every writer closed and the queue is empty: get() returns nullopt";
}

GRADED_TEST_F(PipeQueueBasics, EndWhenEveryWriterHasClosed, 2) {
  PipeQueue q;
  constexpr int kWriters = 3;
  constexpr int kEach = 20;
  std::vector<Process> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&q, w] {
      q.close_reader();
      for (int i = 0; i < kEach; ++i) q.put(std::to_string(w) + ":" + std::to_string(i));
      return 0;  // the child's end of the pipe closes as it ends
    });
    writers.back().start();
  }
  q.close_writer();  // ours: without this the reader waits for itself
  hpc::common::set_test_phase("reading until get() returns nullopt: a write end still open somewhere?");
  std::multiset<std::string> got;
  while (auto m = q.get()) got.insert(*m);
  hpc::common::set_test_phase("");
  for (auto& w : writers) {
    ASSERT_TRUE(w.join(10s));
    EXPECT_EQ(w.exit_code(), 0) << "a writer failed";
  }
  EXPECT_EQ(got.size(), std::size_t{kWriters * kEach});
  for (int w = 0; w < kWriters; ++w)
    for (int i = 0; i < kEach; ++i) {
      const std::string m = std::to_string(w) + ":" + std::to_string(i);
      EXPECT_EQ(got.count(m), 1u) << "message " << m << " arrived " << got.count(m) << " times";
    }

  // A writer killed half-way through a message: the queue ends there, and get() must say the last
  // message is cut short (std::runtime_error), not hand out its first bytes as if they were all of it.
  PipeQueue cut;
  Process dying([&cut] {
    cut.close_reader();
    cut.put("ready");
    cut.put(std::string(1 << 20, 'x'));  // blocks once the pipe is full (64 KiB): it never ends by itself
    return 0;
  });
  dying.start();
  cut.close_writer();
  ASSERT_EQ(cut.get(), std::optional<std::string>("ready"));
  hpc::common::set_test_phase("waiting for the writer to block in the middle of a 1 MiB put()");
  // Sleeping ('S' in /proc/<pid>/stat) after "ready": it waits for room in the full pipe.
  const auto start = std::chrono::steady_clock::now();
  while (hpc::processes::testing::state_of(dying.pid()) != 'S' &&
         std::chrono::steady_clock::now() - start < 10s)
    std::this_thread::sleep_for(1ms);
  ::kill(dying.pid(), SIGKILL);
  ASSERT_TRUE(dying.join(10s));
  hpc::common::set_test_phase("get() of a message whose writer was killed half-way");
  EXPECT_THROW(
      {
        const auto partial = cut.get();
        ADD_FAILURE() << "get() returned "
                      << (partial ? std::to_string(partial->size()) + " bytes" : std::string("nullopt"))
                      << " of a 1 MiB message whose writer was killed while writing it: a message cut "
                         "short must throw std::runtime_error (fewer bytes than its length prefix says)";
      },
      std::runtime_error);
}

// A message of writer w, number s: a header, then bytes that depend on (w, s, position), so a message
// with another writer's bytes inside, or cut short, cannot pass.
std::string big_message(int w, int s, std::size_t size) {
  std::string m = std::to_string(w) + "/" + std::to_string(s) + "|";
  m.reserve(size);
  while (m.size() < size) m.push_back(static_cast<char>('a' + (w * 7 + s * 3 + m.size()) % 26));
  return m;
}

GRADED_TEST_F(PipeQueueWriters, OneMegabyteMessagesDoNotInterleave, 3) {
  PipeQueue q;
  constexpr int kWriters = 4;
  constexpr int kEach = 6;
  constexpr std::size_t kSize = std::size_t{1} << 20;  // far above PIPE_BUF: many write() calls each
  std::vector<Process> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&q, w] {
      q.close_reader();
      for (int s = 0; s < kEach; ++s) q.put(big_message(w, s, kSize));
      return 0;
    });
    writers.back().start();
  }
  q.close_writer();
  int received = 0;
  int broken = 0;
  std::string first_broken;
  try {
    while (auto m = q.get()) {
      ++received;
      const auto bar = m->find('|');
      int w = -1, s = -1;
      if (bar != std::string::npos && std::sscanf(m->c_str(), "%d/%d|", &w, &s) == 2 &&
          *m == big_message(w, s, kSize))
        continue;
      if (++broken == 1)
        first_broken = "message " + std::to_string(received) + " (" + std::to_string(m->size()) +
                       " bytes) starts \"" + m->substr(0, 20) + "\"";
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "get() failed after " << received << " messages: " << e.what()
                  << " -- messages of several writers interleaved: a write() of more than PIPE_BUF bytes is "
                     "not atomic, so put() must hold a lock shared by the processes for the whole message";
  }
  q.close_reader();  // writers still blocked on a full pipe (after a failed get()) now get an error
  for (auto& w : writers) w.join(20s);
  EXPECT_EQ(broken, 0) << broken << " of " << received
                       << " messages mixed bytes of several writers (the first: " << first_broken
                       << "): a write() of more than PIPE_BUF bytes is not atomic, so put() must hold a lock "
                          "shared by the processes for the whole message";
  EXPECT_EQ(received, kWriters * kEach) << "messages lost or split";
}

GRADED_TEST_F(PipeQueueClosed, PutWithoutReaderIsAnError, 2) {
  PipeQueue q;
  q.close_reader();  // the only reader there was
  hpc::common::set_test_phase(
      "put() on a pipe without a reader: a SIGPIPE ends the process unless it is handled");
  EXPECT_THROW(q.put("nobody reads this"), PipeClosedError)
      << "writing to a pipe whose reader is gone must throw PipeClosedError";
  EXPECT_THROW(q.put(std::string(200000, 'z')), PipeClosedError) << "also for a long message";
  // The process is still here (a SIGPIPE would have ended it) and has no SIGPIPE pending either.
  sigset_t pending;
  sigpending(&pending);
  EXPECT_EQ(sigismember(&pending, SIGPIPE), 0) << "put() left a SIGPIPE pending for the program to trip over";
}

GRADED_TEST_F(PipeQueueClosed, WriterChildSeesTheReaderGo, 1) {
  PipeQueue q;
  Process writer([&q]() -> int {
    q.close_reader();
    try {
      for (int i = 0; i < 100000; ++i) q.put(std::string(1000, 'w'));
    } catch (const PipeClosedError&) {
      return 0;
    }
    return 1;  // wrote all without an error: the reader was never gone
  });
  writer.start();
  q.close_writer();
  ASSERT_TRUE(q.get().has_value());
  q.close_reader();  // the reader leaves while the writer still writes
  ASSERT_TRUE(writer.join(20s)) << "the writer did not notice its reader had gone";
  EXPECT_FALSE(writer.term_signal().has_value())
      << "the writer was killed by signal " << writer.term_signal().value_or(0)
      << (writer.term_signal() == SIGPIPE ? " (SIGPIPE): put() must turn EPIPE into PipeClosedError" : "");
  EXPECT_EQ(writer.exit_code(), 0) << "the writer did not get PipeClosedError";
}

GRADED_TEST_F(PipeQueueClosed, UseAfterCloseIsAnError, 1) {
  PipeQueue q;
  q.close_writer();
  q.close_writer();  // twice is fine
  EXPECT_THROW(q.put("x"), std::logic_error);
  q.close_reader();
  EXPECT_THROW(q.get(), std::logic_error);

  // With no reader a put() that writes fails (EPIPE): only a size check made before writing anything
  // gives std::length_error here.
  PipeQueue big;
  big.close_reader();
  const std::string too_big(hpc::processes::kMaxMessageBytes + 1, 'x');
  const char* const rule =
      "a message over kMaxMessageBytes must throw std::length_error before anything is written";
  try {
    big.put(too_big);
    ADD_FAILURE() << rule << "; put() returned";
  } catch (const std::length_error&) {
  } catch (const std::exception& e) {
    ADD_FAILURE() << rule << "; put() threw: " << e.what();
  }
}

std::string square(std::string_view input) {
  const long n = std::stol(std::string(input));
  return std::to_string(n * n);
}

GRADED_TEST_F(PoisonPill, BookExampleTenInputsThreeConsumers, 2) {
  std::vector<std::string> inputs;
  for (int i = 0; i < 10; ++i) inputs.push_back(std::to_string(i + 1));
  hpc::common::set_test_phase(
      "run_with_poison_pills: a hang is a write end still held open (the parent's own copy of the answers' "
      "pipe?) or a consumer without its pill");
  const auto run = hpc::processes::run_with_poison_pills(square, inputs, 3);
  hpc::common::set_test_phase("");
  std::map<std::size_t, int> seen;
  for (const auto& p : run.processed) {
    ++seen[p.input_index];
    ASSERT_LT(p.input_index, inputs.size())
        << "an answer for an input that does not exist (a pill processed?)";
    EXPECT_EQ(p.result, square(inputs[p.input_index])) << "input " << p.input_index;
    EXPECT_LT(p.consumer, 3u);
  }
  for (std::size_t i = 0; i < inputs.size(); ++i)
    EXPECT_EQ(seen[i], 1) << "input " << i << " was processed " << seen[i] << " times (exactly once each)";
  ASSERT_EQ(run.exit_codes.size(), 3u) << "one exit code per consumer";
  for (std::size_t c = 0; c < 3; ++c)
    EXPECT_EQ(run.exit_codes[c], 0) << "consumer " << c << " did not exit 0";
}

GRADED_TEST_F(PoisonPill, ManyInputsFewerConsumersThanCores, 1) {
  // 6000 inputs of 64 bytes and their answers are several times what two pipes hold (64 KiB each).
  std::vector<std::string> inputs;
  for (int i = 0; i < 6000; ++i) {
    const std::string digits = std::to_string(i);
    inputs.push_back(std::string(64 - digits.size(), '0') + digits);
  }
  hpc::common::set_test_phase(
      "run_with_poison_pills with 6000 inputs: a hang is a parent that writes every input before it reads "
      "any answer (both pipes full), or messages mixed in a pipe (put() without the writers' lock, get() "
      "without the readers' lock) leaving a reader waiting for bytes no one sends");
  const auto run = hpc::processes::run_with_poison_pills(square, inputs, 2);
  hpc::common::set_test_phase("");
  std::vector<int> seen(inputs.size(), 0);
  for (const auto& p : run.processed) {
    ASSERT_LT(p.input_index, inputs.size())
        << "messages mixed in a pipe (get() without the readers' lock around a message's length and "
           "bytes, or put() without the writers' lock): an answer for input "
        << p.input_index << ", which does not exist";
    ++seen[p.input_index];
    ASSERT_EQ(p.result, square(inputs[p.input_index]))
        << "messages mixed in a pipe (get() without the readers' lock, or put() without the writers' "
           "lock)? the answer for input "
        << p.input_index << " is wrong";
  }
  const auto missing = std::count(seen.begin(), seen.end(), 0);
  const auto repeated = std::count_if(seen.begin(), seen.end(), [](int n) { return n > 1; });
  EXPECT_EQ(missing, 0) << missing
                        << " inputs never processed: a consumer that stopped early (its pill taken too soon, "
                           "or messages mixed in a pipe: get() without the readers' lock)?";
  EXPECT_EQ(repeated, 0) << repeated << " inputs processed more than once";
  EXPECT_EQ(run.exit_codes, (std::vector<int>{0, 0}));
}

GRADED_TEST_F(PoisonPill, NoInputsStillEndsEveryConsumer, 1) {
  hpc::common::set_test_phase(
      "run_with_poison_pills with no inputs and 4 consumers: a hang is a consumer that never got its pill "
      "(one pill per consumer, sent even when there are no inputs) or a write end still held open");
  const auto run = hpc::processes::run_with_poison_pills(square, {}, 4);
  hpc::common::set_test_phase("");
  EXPECT_TRUE(run.processed.empty()) << "no inputs, yet " << run.processed.size() << " answers";
  EXPECT_EQ(run.exit_codes, (std::vector<int>{0, 0, 0, 0})) << "every consumer must end with exit code 0";
}

}  // namespace
