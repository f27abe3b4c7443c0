// The book's examples 1-3 in C++: two processes counting down side by side (example1.py), processes
// with names (example2.py) and the ids that tie a child to its parent (example3.py).
//
//   ch08_demo_countdown             the book's delays: 0.5 s per step, workers sleeping 2 s and 4 s
//   ch08_demo_countdown --quick     the same at a tenth of the delays (CI)
//
// Each child writes its own lines; the parent only starts, names and waits. Python gives every Process
// a name ("Process-3" when none is given) and sets it in the child; a POSIX process has only a pid, a
// parent pid and the 15-character "comm" name that ps and top show, which prctl(PR_SET_NAME) sets.
//
// Exits 1 when a child's parent id was not this program's id. Countdowns that did not overlap (the pair
// took as long as running them one after the other) get a warning only: the steps are sleeps, and on a
// loaded machine (a CI run at load 8 took 0.489 s for 0.25 s of sleeping) late wake-ups stretch them.
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "posix.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// [snippet:count-down]
int count_down(const char* name, milliseconds delay) {
  std::printf("Process %s starting...\n", name);
  for (int i = 5; i > 0; --i) {
    std::printf("Process %s counting down: %d...\n", name, i);
    std::fflush(stdout);  // one line at a time: stdout is a pipe in CI, block-buffered otherwise
    std::this_thread::sleep_for(delay);
  }
  std::printf("Process %s exiting...\n", name);
  return 0;
}
// [/snippet:count-down]

// The name a child shows in ps/top (/proc/PID/comm): what multiprocessing's name is closest to.
std::string comm_name() {
  char name[16] = {};
  ::prctl(PR_GET_NAME, name);
  return name;
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = hpc::common::demo::parse_quick(
      argc, argv, "The book's examples 1-3: two countdown processes, named workers, parent and child ids.");
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines in the order they happen, also into a pipe
  const int scale = quick ? 10 : 1;          // --quick divides every delay by 10
  const milliseconds step{500 / scale};
  bool ok = true;

  std::printf("## Example 1: two countdowns, %lld ms per step\n\n", static_cast<long long>(step.count()));
  // [snippet:two-countdowns]
  const auto start = Clock::now();
  std::vector<pid_t> children;
  for (const char* name : {"A", "B"})
    children.push_back(ch08::fork_child([&] { return count_down(name, step); }));
  for (const pid_t pid : children) ch08::wait_blocking(pid);
  // [/snippet:two-countdowns]
  const double both = seconds_since(start);
  const double one_after_other = 2 * 5 * std::chrono::duration<double>(step).count();
  std::printf("\nboth took %.3f s; one after the other would take %.3f s\n\n", both, one_after_other);
  if (both > 0.9 * one_after_other) {
    std::printf("warning: the countdowns did not overlap: is the machine overloaded?\n");
  }

  std::printf("## Examples 2 and 3: names and process ids (parent %d, its parent %d)\n\n",
              static_cast<int>(::getpid()), static_cast<int>(::getppid()));
  struct Worker {
    std::string name;
    milliseconds sleep;
  };
  // The third worker has no name of its own: Python would call it Process-3, and so do we.
  const std::vector<Worker> workers = {{"Worker 1", milliseconds(2000 / scale)},
                                       {"Worker 2", milliseconds(4000 / scale)},
                                       {"Process-3", milliseconds(2000 / scale)}};
  const pid_t parent = ::getpid();
  ch08::Pipe report;  // each child sends back one byte: whether its getppid() was our pid
  std::vector<pid_t> pids;
  for (const auto& w : workers) {
    pids.push_back(ch08::fork_child([&] {
      report.close_read();
      ::prctl(PR_SET_NAME, w.name.c_str());  // shows in ps -o comm (cut to 15 characters)
      std::printf("Starting process %s: pid %d, parent pid %d, comm \"%s\"\n", w.name.c_str(),
                  static_cast<int>(::getpid()), static_cast<int>(::getppid()), comm_name().c_str());
      std::fflush(stdout);
      const char parent_matches = ::getppid() == parent ? 'y' : 'n';
      ch08::write_all(report.write_end, &parent_matches, 1);
      std::this_thread::sleep_for(w.sleep);
      std::printf("Exiting process %s\n", w.name.c_str());
      return 0;
    }));
  }
  report.close_write();
  for (const pid_t pid : pids) ch08::wait_blocking(pid);
  char answers[3] = {};
  const std::size_t got = ch08::read_all(report.read_end, answers, sizeof answers);
  for (std::size_t i = 0; i < 3; ++i) {
    if (i >= got || answers[i] != 'y') {
      std::printf("a child did not see this program as its parent\n");
      ok = false;
    }
  }
  std::printf(
      "\nThe book's order: start W1, W2, Process-3; exit W1, Process-3, W2 (sleeps 2 s, 4 s, 2 s).\n");
  return ok ? 0 : 1;
}
