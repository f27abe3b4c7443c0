// What lab 10's download tests (task 5) share: folder listings, byte comparisons that do not print
// megabytes, a port that refuses connections, a result in one line, and a sampler of the server's
// requests in flight.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "hpc/async/downloads.hpp"
#include "hpc/common/container_diff.hpp"
#include "hpc/common/proc_self.hpp"

namespace hpc::async {
// GoogleTest prints an error kind by its name, not as "4-byte object <02-00 00-00>".
inline void PrintTo(DownloadError error, std::ostream* out) { *out << to_string(error); }
}  // namespace hpc::async

namespace hpc::async::testing {

// The names in a folder, sorted: what another program looking at it would see.
std::vector<std::string> folder_entries(const std::filesystem::path& folder);

// Fails, leading with `why`, unless the folder holds exactly `expected` (sorted names).
void expect_folder_holds(const std::filesystem::path& folder, const std::vector<std::string>& expected,
                         const std::string& why);

// Equal, or the sizes and the first differing offset.
using hpc::common::same_bytes;

// "ok <path>, 200, 1234 bytes" or "failed: timeout, status 200, 20000 bytes, \"<message>\"".
std::string describe(const DownloadResult& result);

// "http://127.0.0.1:<port>" with nothing listening: a socket bound to port 0, its port read, then closed.
std::string refused_base_url();

// prefix followed by i ("f3"): the file names of the tests (out of line, which also keeps g++ 12 from a
// false -Wstringop-overflow on short literal + std::to_string at -O3).
std::string numbered(const std::string& prefix, int i);

// Seconds since `start`.
double seconds_since(std::chrono::steady_clock::time_point start);

// Samples count() about every millisecond on a thread of its own until stop(): the most it saw and the
// longest stretch it stayed above `limit`. The server's own max_in_flight() can read one over a client's
// limit for a moment (it counts a request out after the client has read the last byte and may already
// have sent the next one); a limit really ignored stays over it for as long as a request takes.
class InFlightSampler {
 public:
  struct Seen {
    int most = 0;
    double longest_over_ms = 0;
  };
  InFlightSampler(std::function<int()> count, int limit);
  ~InFlightSampler();
  InFlightSampler(const InFlightSampler&) = delete;
  InFlightSampler& operator=(const InFlightSampler&) = delete;
  Seen stop();

 private:
  Seen seen_;
  std::jthread sampler_;
};

// The threads of this process now (entries of /proc/self/task).
using hpc::common::thread_count;

// Voluntary context switches of every thread of this process so far (getrusage, RUSAGE_SELF): each is a
// thread going to sleep, so a loop that wakes every millisecond to poll adds about 1000 a second, and
// one that sleeps until a socket or a timer is ready adds a few per event.
long process_voluntary_switches();

// How much longer a timing bar on top of the server's latencies may be in a ThreadSanitizer build (only
// the race points are graded there, and instrumented code runs several times slower); 1 elsewhere.
double timing_scale();

}  // namespace hpc::async::testing
