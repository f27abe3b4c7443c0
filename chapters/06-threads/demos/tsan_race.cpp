// A deliberately racy program for ThreadSanitizer: seed 002's unlocked Counter, incremented by two
// threads. In a normal build it prints a count that is often right, which is exactly why a race must be
// found by a tool and not by looking at the result. Built with -DHPC_SANITIZER=thread, the same program
// prints "WARNING: ThreadSanitizer: data race" with the two stacks that touched `count`, and its CTest
// case (only in TSan builds) passes when that report appears.
//
//   ch06_demo_tsan_race           2 threads x 100,000 increments
//   ch06_demo_tsan_race --quick   2 threads x 1,000 (CI)
#include <string>
#include <thread>

#include "hpc/common/demo.hpp"

namespace {

// [snippet:racy-counter]
struct Counter {
  long count = 0;
  void increment() { count += 1; }  // load, add, store: two threads can interleave them
};

void worker(Counter& counter, long how_many) {
  for (long i = 0; i < how_many; ++i) counter.increment();  // no lock: a data race
}
// [/snippet:racy-counter]

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick =
      parse_quick(argc, argv, "A data race for ThreadSanitizer to find (seed 002's unlocked counter).");
  const long how_many = quick ? 1'000 : 100'000;
  Counter counter;
  {
    std::jthread a(worker, std::ref(counter), how_many);
    std::jthread b(worker, std::ref(counter), how_many);
  }
  Table table({"threads", "expected", "got", "built with"});
#ifdef HPC_SANITIZER
  const std::string build = std::string("-fsanitize=") + HPC_SANITIZER;
#else
  const std::string build = "no sanitizer";
#endif
  table.row({"2", grouped(2 * how_many), grouped(counter.count), build});
  table.print();
  std::cout << "\nWhatever the count says, this program has a data race. Configure with "
               "-DHPC_SANITIZER=thread\nand run it again: ThreadSanitizer prints the report on stderr "
               "(see the chapter notes).\n";
  return 0;
}

// The chapter notes quote ThreadSanitizer's report on this program with its line numbers (19, 23, 36 and
// 37 above): keep those lines where they are, or update the excerpt in README.md section 6.
