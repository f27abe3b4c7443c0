// The records a test process sends to the process that supervises it, over a pipe.
//
// Both supervisors use it: the per-test isolation in every lab's test program (grading_main.cpp) and
// the watchdog inside concurrency tests (watchdog.cpp). A record is one type letter, the payload's
// length in decimal, a colon and the payload, so payloads may hold any bytes (assertion messages span
// lines). A record of under PIPE_BUF (4 KiB) bytes is written by one write(), so records from several
// threads or processes sharing the pipe never interleave.
//
// Types in use:
//   'P' phase: what the test is doing now (set_test_phase)
//   'L' limit: the test needs this many more seconds (a watchdog inside it asked for its own limit)
//   'F' failures, 'S' skip reason, 'D' done: the body ran to its end (the completion token)
//   'R' result: one test's result as JSON, sent when GoogleTest ends the test (the completion token of
//       the isolated test process)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hpc::common {

struct ChannelRecord {
  char type = 0;
  std::string payload;
};

// Writes one record; returns false when the pipe is closed or broken (the reader is gone).
bool channel_send(int fd, char type, std::string_view payload);

// Collects bytes as they arrive and hands out complete records.
class ChannelReader {
 public:
  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // Reads what is ready on fd (non-blocking fd) into the buffer; false at end of file or error.
  bool read_from(int fd);
  std::optional<ChannelRecord> next();
  // Bytes that do not form a record (a writer that died mid-record, or garbage).
  bool has_partial() const { return !buffer_.empty(); }

 private:
  std::string buffer_;
};

}  // namespace hpc::common
