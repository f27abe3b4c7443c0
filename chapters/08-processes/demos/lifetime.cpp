// How long a child lives, the book's examples 4 and 5 and its terminate() in C++:
//
//   1. example4.py, "daemon": Python kills a daemon child when the main program exits. POSIX has no
//      such flag. A child whose parent ends keeps running and is re-parented (an orphan); it dies with
//      its parent only if it asked to, with prctl(PR_SET_PDEATHSIG). A real daemon goes the other way:
//      setsid() puts it in a session of its own, away from the terminal.
//   2. example5.py: join with a time limit (waitpid with WNOHANG in a loop) says "still alive".
//   3. terminate(): SIGTERM ends a child at once; its atexit handlers and destructors do not run.
//
//   ch08_demo_lifetime             the book's delays (worker 1 sleeps 4 s, worker 2 sleeps 2 s)
//   ch08_demo_lifetime --quick     a tenth of the delays (CI)
//
// This program makes itself a "child subreaper" (prctl(PR_SET_CHILD_SUBREAPER)), so the orphans of
// part 1 are re-parented to it rather than to pid 1, and it reaps every one: nothing is left behind.
// Exits 1 when a child did not behave as the notes say.
#include <sys/prctl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "hpc/common/demo.hpp"
#include "posix.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

bool ok = true;

void expect(bool condition, const char* what) {
  std::printf("  %s %s\n", condition ? "yes:" : "NO: ", what);
  if (!condition) ok = false;
}

// The book's worker: say hello, sleep, say goodbye (the goodbye is what a killed child never prints).
int sleeper(const char* name, milliseconds sleep) {
  std::printf("  Starting process %s (pid %d, parent %d)\n", name, static_cast<int>(::getpid()),
              static_cast<int>(::getppid()));
  std::fflush(stdout);
  std::this_thread::sleep_for(sleep);
  std::printf("  Exiting process %s (parent now %d)\n", name, static_cast<int>(::getppid()));
  return 0;
}

// Example 4 twice: a "main" child starts worker 1 (long) and worker 2 (short), waits for worker 2 only
// and exits. Worker 1 either lives on as an orphan or, with PDEATHSIG, dies with its parent.
void daemon_example(milliseconds long_sleep, milliseconds short_sleep, bool die_with_parent) {
  ch08::Pipe ids;  // the "main" child sends us worker 1's pid, so we can wait for it once adopted
  const pid_t main_child = ch08::fork_child([&] {
    ids.close_read();
    const pid_t main_pid = ::getpid();
    const pid_t worker1 = ch08::fork_child([&] {
      // [snippet:pdeathsig]
      if (die_with_parent) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);       // the kernel kills us when the parent (thread) ends
        if (::getppid() != main_pid) ::_exit(1);  // it ended before the line above: nothing will come
      }
      // [/snippet:pdeathsig]
      return sleeper("Worker 1", long_sleep);
    });
    ch08::write_all(ids.write_end, &worker1, sizeof worker1);
    std::this_thread::sleep_for(short_sleep / 2);
    const pid_t worker2 = ch08::fork_child([&] { return sleeper("Worker 2", short_sleep); });
    ch08::wait_blocking(worker2);  // like the book: only the non-daemon worker is waited for
    return 0;
  });
  ids.close_write();
  pid_t worker1 = 0;
  ch08::read_all(ids.read_end, &worker1, sizeof worker1);
  const int main_status = ch08::wait_blocking(main_child);
  std::printf("  the \"main\" child %s; worker 1 (pid %d) is now our child\n",
              ch08::describe_status(main_status).c_str(), static_cast<int>(worker1));
  // We are the subreaper, so the orphan is now our child and waitpid works on it.
  const int worker1_status = ch08::wait_blocking(worker1);
  std::printf("  worker 1 %s\n", ch08::describe_status(worker1_status).c_str());
  if (die_with_parent) {
    expect(WIFSIGNALED(worker1_status) && WTERMSIG(worker1_status) == SIGKILL,
           "with PDEATHSIG, worker 1 was killed when its parent ended (Python's daemon=True)");
  } else {
    expect(WIFEXITED(worker1_status) && WEXITSTATUS(worker1_status) == 0,
           "without it, worker 1 outlived its parent and finished (re-parented to this subreaper)");
  }
}

void session_example() {
  ch08::Pipe answer;
  const pid_t child = ch08::fork_child([&] {
    answer.close_read();
    // [snippet:setsid]
    const pid_t session = ::setsid();  // a new session and process group, no controlling terminal
    // [/snippet:setsid]
    const pid_t result[2] = {session, ::getsid(0)};
    ch08::write_all(answer.write_end, result, sizeof result);
    return session == ::getpid() ? 0 : 1;
  });
  answer.close_write();
  pid_t result[2] = {};
  ch08::read_all(answer.read_end, result, sizeof result);
  ch08::wait_blocking(child);
  std::printf("  our session %d; the child's after setsid() %d (its own pid %d)\n",
              static_cast<int>(::getsid(0)), static_cast<int>(result[1]), static_cast<int>(child));
  expect(result[1] == child, "the child leads a session of its own (the first step of a daemon)");
}

void join_timeout_example(milliseconds long_sleep, milliseconds short_sleep) {
  const pid_t p1 = ch08::fork_child([&] { return sleeper("Worker 1", long_sleep); });
  const pid_t p2 = ch08::fork_child([&] { return sleeper("Worker 2", short_sleep); });
  // [snippet:join-timeout]
  const std::optional<int> status = ch08::wait_for(p1, long_sleep / 4);  // p1.join(1) in the book
  std::printf("  Whether Worker 1 is still alive: %s\n", status ? "False" : "True");
  // [/snippet:join-timeout]
  expect(!status.has_value(), "join with a time limit came back while worker 1 was running");
  ch08::wait_blocking(p2);
  ch08::wait_blocking(p1);
}

void terminate_example(milliseconds sleep) {
  const pid_t child = ch08::fork_child([&] {
    std::atexit([] { std::printf("  atexit handler ran\n"); });
    std::this_thread::sleep_for(sleep);
    std::exit(0);  // a normal end would run the atexit handler (fork_child's _exit would not)
    return 0;
  });
  std::this_thread::sleep_for(milliseconds(50));
  const auto start = Clock::now();
  // [snippet:terminate]
  ::kill(child, SIGTERM);                         // p.terminate()
  const int status = ch08::wait_blocking(child);  // p.join(): reap it, or it stays a zombie
  // [/snippet:terminate]
  const double took = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::printf("  the child %s, %.1f ms after SIGTERM (it was to sleep %lld ms)\n",
              ch08::describe_status(status).c_str(), took, static_cast<long long>(sleep.count()));
  expect(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
         "SIGTERM ended it at once, and its atexit handler did not run");
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = hpc::common::demo::parse_quick(
      argc, argv,
      "The book's examples 4-5 and terminate(): orphans, PDEATHSIG, setsid, join with a time limit.");
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines in the order they happen, also into a pipe
  const int scale = quick ? 10 : 1;
  const milliseconds long_sleep{4000 / scale};
  const milliseconds short_sleep{2000 / scale};
  if (::prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) ch08::fail("prctl(PR_SET_CHILD_SUBREAPER)");

  std::printf("## Example 4 without a daemon flag: worker 1 outlives its parent\n\n");
  daemon_example(long_sleep, short_sleep, false);
  std::printf("\n## Example 4 with PR_SET_PDEATHSIG: worker 1 dies with its parent\n\n");
  daemon_example(long_sleep, short_sleep, true);
  std::printf("\n## A daemon's own session: setsid()\n\n");
  session_example();
  std::printf("\n## Example 5: join with a time limit\n\n");
  join_timeout_example(long_sleep, short_sleep);
  std::printf("\n## terminate(): SIGTERM, then reap\n\n");
  terminate_example(milliseconds(10000 / scale));
  return ok ? 0 : 1;
}
