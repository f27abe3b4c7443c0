// Messages between processes over one pipe: a queue that several forked writers put into and one or
// more readers take from. Lab 08, task 2 (labs/08-processes/src/pipe_queue.cpp).
//
// Create the queue before fork(): every child inherits both ends of the pipe. Each message travels as a
// length prefix and its bytes. A pipe keeps a single write() of at most PIPE_BUF bytes (4096 on Linux) in
// one piece; a longer message takes several writes, and another writer's bytes may land between them.
// So put() holds a lock shared by all the processes (created with the queue, in memory they share) for
// the whole message, and get() holds a second one for the prefix and the bytes that follow it.
//
// End of the queue: get() returns std::nullopt once every process holding the write end has closed it
// (close_writer(), or the process ended). The reader closes its own copy of the write end too, or it
// waits for itself. Writing when every read end is closed throws PipeClosedError: the process is not
// killed by SIGPIPE.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hpc::processes {

// put() on a pipe nobody can read any more (every read end closed).
class PipeClosedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The largest message put() accepts (a larger one throws std::length_error before writing anything).
inline constexpr std::size_t kMaxMessageBytes = std::size_t{64} << 20;

class PipeQueue {
 public:
  PipeQueue();  // throws ProcessError (process.hpp) when the pipe or the shared locks cannot be made
  ~PipeQueue();
  PipeQueue(const PipeQueue&) = delete;
  PipeQueue& operator=(const PipeQueue&) = delete;

  // Writes one whole message; never interleaved with another put() of any process. Blocks while the
  // pipe is full. Throws PipeClosedError when no reader is left, std::logic_error after close_writer().
  void put(std::string_view message);

  // The next whole message; blocks until one is there. std::nullopt when every write end is closed and
  // the pipe is empty. Throws std::logic_error after close_reader(), std::runtime_error on a message cut
  // short (its writer died half-way).
  std::optional<std::string> get();

  // This process will not write (read) any more: closes its copy of that end. Idempotent.
  void close_writer();
  void close_reader();

 private:
  int read_fd_ = -1;
  int write_fd_ = -1;
  void* locks_ = nullptr;  // shared mapping with the write lock and the read lock
};

// The book's poison-pill shutdown (chapter 13, example 8): `consumers` forked processes take inputs
// from one PipeQueue until each gets its pill (one pill per consumer, sent after the last input); each
// applies `work` to its inputs and sends the answers back over a second PipeQueue; then each exits 0.
// Returns when every consumer has been reaped.
using WorkFunction = std::string (*)(std::string_view input);

struct Processed {
  std::size_t input_index;  // which input (position in `inputs`)
  std::string result;       // work(inputs[input_index])
  unsigned consumer;        // which consumer did it: 0 .. consumers-1
};

struct PoisonPillRun {
  std::vector<Processed> processed;  // in the order the answers arrived
  std::vector<int> exit_codes;       // per consumer; -signal when a signal ended it
};

PoisonPillRun run_with_poison_pills(WorkFunction work, const std::vector<std::string>& inputs,
                                    unsigned consumers);

}  // namespace hpc::processes
