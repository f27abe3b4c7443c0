// Why fork() after starting threads is dangerous, shown without hanging anything.
//
// fork() copies the whole memory of the process but only the thread that called it. A mutex that
// another thread held at that moment is copied locked, and the thread that would unlock it does not
// exist in the child. The child's first lock() of it waits forever. Thread pools (OpenMP's, oneTBB's,
// OpenCV's, a logger's) hold such locks at unpredictable moments, which is why a program that may fork
// starts its children before its threads, or uses posix_spawn (a new program, not a copy), or forks
// from a small "zygote" process made at start-up.
//
//   ch08_demo_fork_after_threads              wait 2 s for the child before calling it stuck
//   ch08_demo_fork_after_threads --quick      wait 0.5 s (CI)
//
// Part 1: a helper thread holds a mutex while the main thread forks; the child tries to lock it. The
// parent waits with a time limit, reports the child stuck, kills and reaps it.
// Part 2: the same fork, but the child first counts its threads (always 1) and does not touch the lock.
// Part 3: the remedy: the child forked before the helper thread started locks its own copy at once.
// Exits 1 when part 1's child did not block or parts 2-3 went wrong.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <latch>
#include <mutex>
#include <thread>

#include "hpc/common/demo.hpp"
#include "posix.hpp"

namespace {

using std::chrono::milliseconds;

std::mutex g_table_lock;  // think of a pool's task queue lock, or malloc's arena lock

// Starts a thread that takes g_table_lock and keeps it until `release` counts down.
std::jthread hold_lock(std::latch& locked, std::latch& release) {
  return std::jthread([&] {
    const std::lock_guard hold(g_table_lock);
    locked.count_down();
    release.wait();
  });
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick = hpc::common::demo::parse_quick(
      argc, argv, "fork() while another thread holds a mutex: the child blocks forever (detected, killed).");
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // lines in the order they happen, also into a pipe
  const milliseconds patience{quick ? 500 : 2000};
  bool ok = true;

  // Part 3 first, while this process still has one thread: the safe order.
  std::printf("## Fork before any thread starts (the remedy)\n\n");
  const pid_t early = ch08::fork_child([] {
    const std::lock_guard lock(g_table_lock);  // our own copy, unlocked: no one else can hold it
    return 0;
  });

  std::latch locked(1), release(1);
  std::jthread holder = hold_lock(locked, release);
  locked.wait();  // now the helper thread certainly holds the lock

  // Reap the early child only now, while the lock is held in the parent: its copy was taken before.
  const int early_status = ch08::wait_blocking(early);
  std::printf("  child forked before the thread: %s (it locked its copy at once)\n\n",
              ch08::describe_status(early_status).c_str());
  ok = ok && WIFEXITED(early_status) && WEXITSTATUS(early_status) == 0;

  std::printf("## Fork while another thread holds the lock (%d threads in the parent)\n\n",
              ch08::thread_count());
  // [snippet:fork-with-lock-held]
  const pid_t child = ch08::fork_child([] {
    const std::lock_guard lock(g_table_lock);  // copied locked; its owner was not copied: waits forever
    return 0;
  });
  const std::optional<int> status = ch08::wait_for(child, patience);
  // [/snippet:fork-with-lock-held]
  if (status) {
    std::printf("  the child ended on its own (%s): it should have blocked\n",
                ch08::describe_status(*status).c_str());
    ok = false;
  } else {
    ::kill(child, SIGKILL);
    std::printf(
        "  the child still waits for the lock after %lld ms: stuck for good (its owner does not exist "
        "there); killed it: %s\n",
        static_cast<long long>(patience.count()), ch08::describe_status(ch08::wait_blocking(child)).c_str());
  }

  std::printf("\n## What the child has: one thread\n\n");
  ch08::Pipe answer;
  const pid_t counter = ch08::fork_child([&] {
    answer.close_read();
    const int threads = ch08::thread_count();
    ch08::write_all(answer.write_end, &threads, sizeof threads);
    return 0;
  });
  answer.close_write();
  int child_threads = 0;
  ch08::read_all(answer.read_end, &child_threads, sizeof child_threads);
  ch08::wait_blocking(counter);
  std::printf("  threads in the parent: %d; in the child forked from it: %d\n", ch08::thread_count(),
              child_threads);
  ok = ok && child_threads == 1;

  release.count_down();
  return ok ? 0 : 1;
}
