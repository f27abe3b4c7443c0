// Time it three ways, as the book does: one shot with wall, user and system time (what `time`
// prints), the best of three (timeit), and many rounds summarised in pytest-benchmark's columns.
//
//   ch01_demo_timers                  the book's sizes (about a second)
//   ch01_demo_timers --quick          evolve(0.01), fewer rounds (CI)
#include <sys/resource.h>

#include <chrono>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/profiling/simulator.hpp"
#include "hpc/profiling/timing.hpp"

namespace {

using namespace hpc::profiling;
using hpc::common::demo::fixed;

// The book's benchmark(): make the particles, then evolve them.
void benchmark(std::size_t particles, double dt) {
  ParticleSimulator simulator(make_random_particles(particles, 2017));
  simulator.evolve(dt);
  volatile double keep = simulator.particles()[0].x;  // the result is read, so the work stays
  (void)keep;
}

double cpu_seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; }

// Wall-clock, user and system seconds of one call, read the way `time` reads them for a process.
struct OneShot {
  double real = 0, user = 0, sys = 0;
};
OneShot one_shot(const std::function<void()>& f) {
  rusage before{}, after{};
  getrusage(RUSAGE_SELF, &before);
  const auto start = std::chrono::steady_clock::now();
  f();
  const auto stop = std::chrono::steady_clock::now();
  getrusage(RUSAGE_SELF, &after);
  return {std::chrono::duration<double>(stop - start).count(),
          cpu_seconds(after.ru_utime) - cpu_seconds(before.ru_utime),
          cpu_seconds(after.ru_stime) - cpu_seconds(before.ru_stime)};
}

std::vector<std::string> summary_row(const std::string& what, const Summary& s) {
  const auto ms = [](double seconds) { return fixed(seconds * 1e3, 3); };
  return {what,         ms(s.min),    ms(s.max), ms(s.mean),
          ms(s.stddev), ms(s.median), ms(s.iqr), std::to_string(s.rounds)};
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long particles = 1000;
  long rounds = 34;
  double dt = 0.1;
  hpc::common::demo::Args args("ch01_demo_timers",
                               "The three ways of timing the simulator: time, timeit, pytest-benchmark.");
  args.flag("quick", quick, "evolve(0.01) and 5 rounds (CI)")
      .option("particles", particles, "particles in the benchmark() of parts 1 and 2 (default 1000)")
      .option("dt", dt, "time to evolve (default 0.1 = 10,000 steps)")
      .option("rounds", rounds, "rounds of the pytest-benchmark-style table (default 34, as in the book)");
  args.parse(argc, argv);
  if (quick) {
    if (!args.given("dt")) dt = 0.01;
    if (!args.given("rounds")) rounds = 5;
  }
  if (nsteps_for(dt) < 1) {
    std::cerr << "ch01_demo_timers: --dt must be at least " << kTimestep << "\n";
    return 2;
  }
  const auto n = static_cast<std::size_t>(particles);

  // 1. One shot, like `time python simul.py` (which also counts starting the interpreter).
  const OneShot shot = one_shot([&] { benchmark(n, dt); });
  std::cout << "1. One run of benchmark() (" << n << " particles, evolve(" << dt
            << ")), as `time` reports it:\n\n";
  hpc::common::demo::Table time_table({"", "real (s)", "user (s)", "sys (s)"});
  time_table.row({"book: time python simul.py", "1.051", "1.022", "0.028"});
  time_table.row(
      {"ours: one call, in-process", fixed(shot.real, 4), fixed(shot.user, 4), fixed(shot.sys, 4)});
  time_table.print();

  // 2. timeit: the best of three repetitions.
  // [snippet:timeit-best-of-3]
  const std::vector<double> three = repeat([&] { benchmark(n, dt); }, /*number=*/1, /*repeats=*/3);
  const double best = summarize(three).min;
  // [/snippet:timeit-best-of-3]
  std::cout << "\n2. timeit: best of 3 runs of benchmark():\n\n";
  hpc::common::demo::Table timeit_table({"", "best of 3 (ms)"});
  timeit_table.row({"book: %timeit benchmark() (1 loop)", "782"});
  timeit_table.row({"book: python -m timeit (10 loops)", "826"});
  timeit_table.row({"ours: repeat(benchmark, 1, 3), min", fixed(best * 1e3, 2)});
  timeit_table.print();

  // 3. pytest-benchmark: many rounds of the same call on one simulator, summarised.
  std::cout << "\n3. pytest-benchmark style: " << rounds << " rounds of simulator.evolve(" << dt
            << "), milliseconds:\n\n";
  hpc::common::demo::Table rounds_table(
      {"benchmark", "Min", "Max", "Mean", "StdDev", "Median", "IQR", "Rounds"});
  rounds_table.row(
      {"book: test_evolve (Python)", "29.472", "41.179", "30.462", "2.023", "29.963", "0.738", "34"});
  for (const std::size_t size : {std::size_t{3}, std::size_t{100}}) {
    // [snippet:pytest-benchmark-row]
    ParticleSimulator simulator(make_random_particles(size, 7));
    simulator.evolve(dt);  // warm-up round, not counted
    const std::vector<double> samples = repeat([&] { simulator.evolve(dt); }, 1, static_cast<int>(rounds));
    const Summary summary = summarize(samples);
    // [/snippet:pytest-benchmark-row]
    rounds_table.row(summary_row("ours: evolve, " + std::to_string(size) + " particles", summary));
  }
  rounds_table.print();
  std::cout
      << "\n(The book's test_evolve benchmarks its 3-particle simulator. Rounds of evolve cost the same "
         "however far the particles have moved, so one simulator serves every round.)\n";
  return 0;
}
