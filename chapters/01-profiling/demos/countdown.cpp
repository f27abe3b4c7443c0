// A CPU-bound countdown (decrement n until it reaches zero), timed five times per variant, beside the
// seed's CPython and PyPy timings of the same loop with n = 100 million. The loop is compiled at -O0
// and at -O2 in the same program; at -O2 the version whose result nobody reads takes no time at all,
// because the compiler deletes it.
//
//   ch01_demo_countdown               n = 100,000,000 (under a second)
//   ch01_demo_countdown --quick       n = 5,000,000
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "countdown_kernels.hpp"
#include "hpc/common/demo.hpp"
#include "hpc/profiling/timing.hpp"

namespace {

using namespace hpc::profiling::demo;
using namespace hpc::common::demo;

// Seed 000: five runs of the countdown of 100 million, in seconds (PyPy 1.7 and CPython 2.7.1).
constexpr double kSeedPyPy[5] = {0.068, 0.048, 0.039, 0.044, 0.070};
constexpr double kSeedCPython[5] = {1.068, 1.454, 1.515, 1.547, 1.601};

struct Column {
  std::string heading;
  void (*countdown)(long);
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long n = 100'000'000;
  long runs = 5;
  Args args("ch01_demo_countdown", "Times a countdown loop at -O0 and -O2, beside the seed's Python times.");
  args.flag("quick", quick, "n = 5,000,000 (CI)")
      .option("n", n, "where the countdown starts (default 100,000,000 as in the seed)")
      .option("runs", runs, "timed runs per variant (default 5 as in the seed)");
  args.parse(argc, argv);
  if (quick && !args.given("n")) n = 5'000'000;

  const std::vector<Column> columns = {
      {"g++ -O0", o0::countdown_result_unused},
      {"-O2, asm barrier", o2::countdown_kept},
      {"-O2, volatile", o2::countdown_volatile},
      {"-O2, result unused", o2::countdown_result_unused},
  };
  std::vector<std::vector<double>> seconds(columns.size());
  for (long run = 0; run < runs; ++run) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      // [snippet:countdown-timing]
      const auto countdown = columns[c].countdown;
      seconds[c].push_back(hpc::profiling::timeit([&] { countdown(n); }, 1));
      // [/snippet:countdown-timing]
    }
  }

  std::cout << "Countdown from " << grouped(static_cast<unsigned long long>(n)) << ", seconds per run "
            << "(seed: n = 100,000,000 on its 2011 machine):\n\n";
  std::vector<std::string> header = {"run", "seed PyPy", "seed CPython"};
  for (const auto& column : columns) header.push_back(column.heading);
  Table table(header);
  const auto cell = [](double s) { return s < 1e-4 ? fixed(s * 1e9, 0) + " ns" : fixed(s, 4); };
  for (long run = 0; run < runs; ++run) {
    std::vector<std::string> row = {std::to_string(run + 1), run < 5 ? fixed(kSeedPyPy[run], 3) : "",
                                    run < 5 ? fixed(kSeedCPython[run], 3) : ""};
    for (const auto& column : seconds) row.push_back(cell(column[run]));
    table.row(row);
  }
  std::vector<std::string> per_step = {"ns per step (best)", fixed(0.039 / 1e8 * 1e9, 2),
                                       fixed(1.068 / 1e8 * 1e9, 2)};
  for (const auto& column : seconds) {
    const auto best = hpc::profiling::summarize(column).min;
    const double ns = best / static_cast<double>(n) * 1e9;
    per_step.push_back(ns < 0.001 ? "< 0.001" : fixed(ns, 2));
  }
  table.row(per_step);
  table.print();
  std::cout << "\nThe last column is not fast code: -O2 saw that nothing reads n after the loop and "
               "removed the loop, so only the call is timed. Check with\n"
               "  objdump -d --no-show-raw-insn -C <this program> | grep -A3 'o2::countdown_result_unused'\n";
  return 0;
}
