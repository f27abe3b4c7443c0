// Seed 002's case for threads in Python: ten 0.1 s sleeps take 1 s one after another and 104 ms on ten
// threads, because a sleeping thread waits without holding the CPU (or the GIL). Blocking I/O (a read
// from a socket, a disk, a pipe) behaves the same way, so the sleep stands in for it here too.
//
//   ch06_demo_sleeps           ten sleeps of 100 ms
//   ch06_demo_sleeps --quick   ten sleeps of 50 ms (CI)
//
// Exits 1, saying what it measured, when the threads were not at least 3x faster than the loop: the
// sleeps did not overlap. (The quick sleeps are 50 ms, not 10: starting ten threads on a loaded 2-core
// machine takes some milliseconds, which next to 10 ms sleeps pulled the ratio down to 2.2x.)
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

using std::chrono::milliseconds;

// [snippet:sleep-threads]
// Ten waits at once: each jthread joins itself when the vector goes out of scope.
void sleep_on_threads(int count, milliseconds each) {
  std::vector<std::jthread> threads;
  for (int i = 0; i < count; ++i) threads.emplace_back([each] { std::this_thread::sleep_for(each); });
}  // ~jthread joins here, so the function returns only after the last sleep ended
// [/snippet:sleep-threads]

void sleep_in_a_loop(int count, milliseconds each) {
  for (int i = 0; i < count; ++i) std::this_thread::sleep_for(each);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick =
      parse_quick(argc, argv, "Seed 002's ten sleeps: one after another, then on ten threads.");
  const milliseconds each{quick ? 50 : 100};
  const int count = 10;
  const int repeats = quick ? 3 : 5;

  const double loop = best_seconds([&] { sleep_in_a_loop(count, each); }, repeats);
  const double threads = best_seconds([&] { sleep_on_threads(count, each); }, repeats);

  Table table({"how", "ours (ms)", "ideal (ms)", "seed (CPython)"});
  table.row({"ten sleeps of " + std::to_string(each.count()) + " ms, one loop", fixed(loop * 1e3, 1),
             std::to_string(count * each.count()), quick ? "-" : "1 s +- 121 us"});
  table.row({"ten sleeps on ten threads", fixed(threads * 1e3, 1), std::to_string(each.count()),
             quick ? "-" : "104 ms +- 121 us"});
  table.row({"speed-up", fixed(loop / threads, 2) + "x", std::to_string(count) + "x", quick ? "-" : "9.6x"});
  table.print();
  std::cout << "\nBest of " << repeats << " runs. The threads are ten times faster on a machine with "
            << std::thread::hardware_concurrency()
            << " cores because waiting uses no core: the\nscheduler parks a sleeping thread. The few "
               "milliseconds over the ideal are the timer's slack and thread\nstart-up.\n";
  // Sleeps that overlap give ~10x (count); sleeps taken one after another on threads give ~1x.
  constexpr double wanted = 3.0;
  const double ratio = loop / threads;
  if (ratio < wanted) {
    std::printf(
        "\nFAILED: the threads were %.2fx faster than the loop (%.1f ms against %.1f ms); at least %.1fx "
        "shows that the sleeps overlapped (ideal %dx). Below that, either the sleeps ran one after "
        "another or the machine was too busy to start the threads: rerun it on a quieter machine.\n",
        ratio, threads * 1e3, loop * 1e3, wanted, count);
    return 1;
  }
  return 0;
}
