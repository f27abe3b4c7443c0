// The book's two-lock programs (ch. 19, example1 and example5-7), with its seconds scaled down: thread
// A works 2 + 2 units and thread B 5 + 5 units, each step holding locks. Taken in opposite orders the
// two locks deadlock (run under a watchdog, so the demo goes on); ranked, the program finishes but is
// no faster than running the threads one after the other; without locks it takes only B's time.
//
//   ch11_demo_two_locks            one book second = 100 ms (about 5 s in all)
//   ch11_demo_two_locks --quick    one book second = 10 ms (CI)
//   ch11_demo_two_locks --unit-ms 1000   the book's own timescale
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "hpc/common/demo.hpp"
#include "watchdog_outcome.hpp"

namespace {

using namespace hpc::common::demo;
using hpc::races::demo::describe;
using Clock = std::chrono::steady_clock;
using Ms = std::chrono::duration<double, std::milli>;

std::mutex lock_a;
std::mutex lock_b;

// [snippet:two-steps]
// One thread of the book's program: take `first`, work a step, take `second`, work another step.
void two_steps(std::mutex& first, std::mutex& second, Ms step) {
  std::unique_lock hold_first(first);
  std::this_thread::sleep_for(step);  // "performing some calculation..."
  std::unique_lock hold_second(second);
  std::this_thread::sleep_for(step);
}  // both released here, second before first
// [/snippet:two-steps]

void two_steps_unlocked(Ms step) {
  std::this_thread::sleep_for(step);
  std::this_thread::sleep_for(step);
}

void both_locks_up_front(Ms step) {
  std::scoped_lock both(lock_a, lock_b);  // std::lock's deadlock-avoiding algorithm, then hold both
  std::this_thread::sleep_for(2 * step);
}

template <class A, class B>
double run_ms(A&& thread_a, B&& thread_b, bool sequential) {
  const auto start = Clock::now();
  if (sequential) {
    std::thread(thread_a).join();
    std::thread(thread_b).join();
  } else {
    std::thread a(thread_a);
    std::thread b(thread_b);
    a.join();
    b.join();
  }
  return Ms(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double unit_ms = 100;
  Args args(argv[0], "The book's two-lock programs (ch. 19): deadlock, ranking, sequential, no locks.");
  args.flag("quick", quick, "one book second = 10 ms (what CI runs)")
      .option("unit-ms", unit_ms, "milliseconds per book second (default 100)")
      .parse(argc, argv);
  if (quick && !args.given("unit-ms")) unit_ms = 10;

  const Ms a_step(2 * unit_ms);  // thread A: sleep(2) twice
  const Ms b_step(5 * unit_ms);  // thread B: sleep(5) twice
  const auto book_ms = [&](double seconds) { return fixed(seconds * unit_ms, 0); };

  // example1: A takes a then b, B takes b then a. A waits for b while B sleeps holding it; then B
  // waits for a. The child is killed after 1.5x the time the whole program would need serially.
  const double limit_s = 1.5 * 14 * unit_ms / 1000;
  const auto deadlock = hpc::common::run_in_child(
      [&] {
        // [snippet:opposite-order]
        std::thread a([&] { two_steps(lock_a, lock_b, a_step); });
        std::thread b([&] { two_steps(lock_b, lock_a, b_step); });  // the opposite order
        // [/snippet:opposite-order]
        a.join();
        b.join();
      },
      limit_s);

  const double ranked =
      run_ms([&] { two_steps(lock_a, lock_b, a_step); }, [&] { two_steps(lock_a, lock_b, b_step); }, false);
  const double scoped =
      run_ms([&] { both_locks_up_front(a_step); }, [&] { both_locks_up_front(b_step); }, false);
  const double sequential =
      run_ms([&] { two_steps(lock_a, lock_b, a_step); }, [&] { two_steps(lock_a, lock_b, b_step); }, true);
  const double unlocked =
      run_ms([&] { two_steps_unlocked(a_step); }, [&] { two_steps_unlocked(b_step); }, false);

  std::cout << "Thread A works 2 + 2 book seconds, thread B 5 + 5; one book second = " << fixed(unit_ms, 0)
            << " ms here\n\n";
  Table table({"program", "locking", "book", "book, scaled (ms)", "ours (ms)"});
  table.row({"example1", "A: a then b, B: b then a", "hangs forever", "hangs", describe(deadlock)});
  table.row({"example5", "both: a then b (ranked)", "14.01 s", book_ms(14.01), fixed(ranked, 0)});
  table.row({"-", "both: std::scoped_lock(a, b)", "-", book_ms(14), fixed(scoped, 0)});
  table.row({"example6", "ranked, run one after the other", "14.01 s", book_ms(14.01), fixed(sequential, 0)});
  table.row({"example7", "no locks", "10.00 s", book_ms(10.00), fixed(unlocked, 0)});
  table.print();
  std::cout << "\nRanking removes the circular wait, but every step of both threads needs lock a, so the\n"
               "threads run one at a time: as slow as running them sequentially. Only dropping the locks\n"
               "(safe here only because the threads share no data) gives B's 10 units alone.\n";
  return 0;
}
