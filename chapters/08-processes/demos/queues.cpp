// The book's examples 6-8 in C++: one message to a child through a pipe (example6.py), consumers that
// poll "is the queue empty?" (example7.py) and consumers stopped by a poison pill (example8.py).
//
//   ch08_demo_queues             the book's ten inputs; example 7 with the tasks put 0 ms and 50 ms
//                                after the consumers start
//   ch08_demo_queues --quick     5 ms of work per task instead of 20 (CI)
//
// The queue is a pipe. Every task is one 8-byte write and every result one small struct: writes of at
// most PIPE_BUF bytes are atomic, so several writers never interleave, and a reader that asks for one
// record gets one. The book explains example 7's uneven shares (one consumer did nothing) as scheduling
// "priority". It is a race: a consumer that finds the queue empty before the main process has put the
// tasks leaves for good. Example 8 blocks on the queue instead and stops on a pill, and every consumer
// gets its share. Exits 1 when example 8's verdicts are not the book's.
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "posix.hpp"

namespace {

using std::chrono::milliseconds;

// The book's input (example7.py and example8.py).
const std::vector<std::int64_t> kInputs = {2, 36, 101, 193, 323, 513, 1327, 100000, 9999999, 433785907};

bool is_prime(std::int64_t n) {
  if (n < 2) return false;
  for (std::int64_t d = 2; d * d <= n; ++d) {
    if (n % d == 0) return false;
  }
  return true;
}

// Each task also sleeps this long, standing in for real work: without it one consumer empties the
// queue of ten tiny tasks before the others are even scheduled, and the shares say nothing.
std::chrono::milliseconds g_work{20};

bool process(std::int64_t n) {
  std::this_thread::sleep_for(g_work);
  return is_prime(n);
}

struct Result {
  int consumer;
  std::int64_t number;
  bool prime;
};

std::string verdict(const Result& r) {
  return std::to_string(r.number) + (r.prime ? " is a prime number." : " is not a prime number.");
}

// [snippet:looks-empty]
// "Is the queue empty?" for a pipe: nothing to read right now. The answer is stale the moment it comes
// back: another consumer may take the last task, or the producer may put one, before we act on it.
bool looks_empty(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 0) == 0;
}
// [/snippet:looks-empty]

// Collects results until every consumer has closed the result pipe (all of them exited).
std::vector<Result> collect(ch08::Pipe& results) {
  results.close_write();
  std::vector<Result> out;
  Result r{};
  while (ch08::read_all(results.read_end, &r, sizeof r) == sizeof r) out.push_back(r);
  return out;
}

void print_shares(const std::vector<Result>& results, int consumers) {
  std::map<int, int> share;
  for (const auto& r : results) ++share[r.consumer];
  hpc::common::demo::Table table({"consumer", "tasks done"});
  for (int c = 1; c <= consumers; ++c) table.row({"Consumer-" + std::to_string(c), std::to_string(share[c])});
  table.print();
}

// Example 7: consumers started first, each leaving as soon as the queue looks empty.
std::vector<Result> polling_consumers(int consumers, milliseconds put_after) {
  ch08::Pipe tasks;
  ch08::Pipe results;
  std::vector<pid_t> pids;
  for (int c = 1; c <= consumers; ++c) {
    pids.push_back(ch08::fork_child([&] {
      tasks.close_write();  // our copy would keep the pipe open: a reader would never see its end
      results.close_read();
      // [snippet:polling-consumer]
      while (!looks_empty(tasks.read_end)) {
        std::int64_t n = 0;
        if (ch08::read_all(tasks.read_end, &n, sizeof n) != sizeof n) break;  // another took the last
        const Result r{c, n, process(n)};
        ch08::write_all(results.write_end, &r, sizeof r);
      }
      // [/snippet:polling-consumer]
      return 0;
    }));
  }
  tasks.close_read();
  std::this_thread::sleep_for(put_after);
  std::size_t put = 0;
  try {
    for (const std::int64_t n : kInputs) ch08::write_all(tasks.write_end, &n, sizeof n), ++put;
  } catch (const std::system_error& e) {
    if (e.code() != std::errc::broken_pipe) throw;
    std::printf("every consumer had left: %zu tasks could not even be put (EPIPE)\n\n", kInputs.size() - put);
  }
  tasks.close_write();  // a consumer blocked in read() after a stale "not empty" now sees the end
  std::vector<Result> out = collect(results);
  for (const pid_t pid : pids) ch08::wait_blocking(pid);
  return out;
}

// Example 8: consumers block on the queue and leave on a pill (0 here: never a real input).
std::vector<Result> poison_pill_consumers(int consumers) {
  ch08::Pipe tasks;
  ch08::Pipe results;
  std::vector<pid_t> pids;
  for (int c = 1; c <= consumers; ++c) {
    pids.push_back(ch08::fork_child([&] {
      tasks.close_write();
      results.close_read();
      // [snippet:poison-pill]
      for (;;) {
        std::int64_t n = 0;
        if (ch08::read_all(tasks.read_end, &n, sizeof n) != sizeof n) break;  // producer gone: stop too
        if (n == 0) {  // the pill: one per consumer, put after every task
          std::printf("Exiting Consumer-%d...\n", c);
          break;
        }
        const Result r{c, n, process(n)};
        ch08::write_all(results.write_end, &r, sizeof r);
      }
      // [/snippet:poison-pill]
      return 0;
    }));
  }
  tasks.close_read();
  for (const std::int64_t n : kInputs) ch08::write_all(tasks.write_end, &n, sizeof n);
  const std::int64_t pill = 0;
  for (int c = 0; c < consumers; ++c) ch08::write_all(tasks.write_end, &pill, sizeof pill);
  std::vector<Result> out = collect(results);
  for (const pid_t pid : pids) ch08::wait_blocking(pid);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long work_ms = 20;
  hpc::common::demo::Args(argv[0],
                          "The book's examples 6-8: a message to a child, empty()-polling consumers, "
                          "the poison pill.")
      .flag("quick", quick, "5 ms of work per task instead of 20 (what CI runs)")
      .option("work-ms", work_ms, "ms each task sleeps besides its prime test (default 20)", 0)
      .parse(argc, argv);
  if (quick && work_ms == 20) work_ms = 5;
  g_work = std::chrono::milliseconds(work_ms);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines in the order they happen, also into a pipe
  std::signal(SIGPIPE, SIG_IGN);  // a write with no reader left fails with EPIPE instead of killing us
  const int consumers = 4;        // the book's cpu_count()
  bool ok = true;

  std::printf("## Example 6: one message to a child\n\n");
  {
    ch08::Pipe queue;
    const pid_t child = ch08::fork_child([&] {
      queue.close_write();
      int number = 0;
      ch08::read_all(queue.read_end, &number, sizeof number);  // blocks until the parent has put it
      std::printf("Starting process Process-1 for number %d...\n", number);
      return 0;
    });
    queue.close_read();
    const int number = 10;
    ch08::write_all(queue.write_end, &number, sizeof number);
    ch08::wait_blocking(child);
    std::printf("Done.\n\n");
  }

  for (const int delay : {0, 50}) {
    std::printf("## Example 7: %d consumers poll empty(); the tasks are put %d ms after they start\n\n",
                consumers, delay);
    const auto results = polling_consumers(consumers, milliseconds(delay));
    print_shares(results, consumers);
    std::printf("\n%zu of %zu tasks done.\n\n", results.size(), kInputs.size());
  }

  std::printf("## Example 8: the poison pill, %d consumers\n\n", consumers);
  auto results = poison_pill_consumers(consumers);
  std::printf("\n");
  for (const auto& r : results) std::printf("Consumer-%d: %s\n", r.consumer, verdict(r).c_str());
  std::printf("\n");
  print_shares(results, consumers);
  std::vector<std::int64_t> primes;
  for (const auto& r : results) {
    if (r.prime) primes.push_back(r.number);
  }
  std::sort(primes.begin(), primes.end());
  const std::vector<std::int64_t> book_primes = {2, 101, 193, 1327, 433785907};
  if (results.size() != kInputs.size() || primes != book_primes) {
    std::printf("\nexpected 10 results with primes 2, 101, 193, 1327, 433785907\n");
    ok = false;
  }
  return ok ? 0 : 1;
}
