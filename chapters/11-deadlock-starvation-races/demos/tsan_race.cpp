// A data race on purpose, for ThreadSanitizer: two threads add to a plain `long` with no lock. The
// count it prints proves nothing: at -O2 the compiler may turn each thread's loop into a single add, so
// the total often comes out right, while the step-by-step loop below loses updates. Either way the
// program has undefined behaviour, and TSan reports it on the first run.
//
//   ch11_demo_tsan_race                       (not run by CI: it is broken on purpose)
//   build a TSan tree and run it there:      see "ThreadSanitizer" in the chapter notes
#include <iostream>
#include <thread>

#include "hpc/common/demo.hpp"

namespace {

// [snippet:racy-counter]
long counter = 0;  // shared by both threads, protected by nothing

void add_plain(long n) {
  for (long i = 0; i < n; ++i) ++counter;  // at -O2 often one `add` of n: the race is hidden, not gone
}

void add_step_by_step(long n) {
  for (long i = 0; i < n; ++i) {
    // The empty asm statements tell the compiler that memory may change at that point, so it must
    // load the counter afresh and store it back every time round: what -O0 code does.
    asm volatile("" : : : "memory");
    const long seen = counter;
    asm volatile("" : : : "memory");
    counter = seen + 1;
  }
}
// [/snippet:racy-counter]

template <class F>
long race(F add, long n) {
  counter = 0;
  std::thread a(add, n);
  std::thread b(add, n);
  a.join();
  b.join();
  return counter;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick =
      parse_quick(argc, argv, "A deliberate data race on a plain counter, for ThreadSanitizer.");
  const long n = quick ? 1'000'000 : 10'000'000;

  Table table({"loop", "expected", "counted", "lost"});
  const long plain = race(add_plain, n);
  table.row({"plain ++counter", grouped(2 * n), grouped(plain), grouped(2 * n - plain)});
  const long stepwise = race(add_step_by_step, n);
  table.row({"++counter, one load and store per step", grouped(2 * n), grouped(stepwise),
             grouped(2 * n - stepwise)});
  table.print();
#ifdef HPC_SANITIZER
  std::cout << "\nBuilt with -fsanitize=" << HPC_SANITIZER << ".\n";
#endif
  return 0;
}
