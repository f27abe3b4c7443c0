// The book's call-graph example: Taylor coefficients of exp and sin from a recursive factorial.
// Prints how often factorial ran, beside the counts the book read off KCachegrind. The program is
// small on purpose, and by default calls each series exactly once, so that a profiler's call counts
// are the book's:
//
//   valgrind --tool=callgrind --callgrind-out-file=callgrind.out.taylor build/check/bin/ch01_demo_taylor
//   callgrind_annotate --tree=caller callgrind.out.taylor
//   kcachegrind callgrind.out.taylor          (with a display: the Callee Map and the Call Graph)
//
//   ch01_demo_taylor --time                   also times 50 pairs of calls (a profile then counts them too)
#include "hpc/profiling/taylor.hpp"

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/profiling/timing.hpp"

int main(int argc, char** argv) {
  using namespace hpc::profiling;
  using hpc::common::demo::fixed;
  using hpc::common::demo::grouped;
  bool quick = false;
  bool time = false;
  long terms = 500;
  hpc::common::demo::Args args("ch01_demo_taylor",
                               "Counts the factorial calls of taylor_exp(n) and taylor_sin(n).");
  args.flag("quick", quick, "the same run (it takes milliseconds); accepted for CI")
      .flag("time", time, "also time 50 pairs of calls (not with --quick)")
      .option("terms", terms, "coefficients per series (default 500, as in the book)");
  args.parse(argc, argv);
  const int n = static_cast<int>(terms);

  // [snippet:taylor-counts]
  reset_factorial_calls();
  const auto exp_coefficients = taylor_exp(n);
  const std::uint64_t exp_calls = factorial_calls();
  reset_factorial_calls();
  const auto sin_coefficients = taylor_sin(n);
  const std::uint64_t sin_calls = factorial_calls();
  // [/snippet:taylor-counts]

  // Top-level calls: one per exp coefficient, one per odd sin coefficient; the rest are recursive.
  const std::uint64_t top_level = static_cast<std::uint64_t>(n) + static_cast<std::uint64_t>(n / 2);
  const std::uint64_t total = exp_calls + sin_calls;
  const bool book_size = n == 500;
  std::cout << "factorial calls for " << n << " coefficients of each series:\n\n";
  hpc::common::demo::Table table({"caller", "ours", book_size ? "book (KCachegrind)" : "formula"});
  const auto expected = [](std::uint64_t count) { return grouped(count); };
  const std::uint64_t n64 = static_cast<std::uint64_t>(n);
  const std::uint64_t odd = n64 / 2;
  table.row({"taylor_exp", grouped(exp_calls), expected(n64 * (n64 + 1) / 2)});
  table.row({"taylor_sin", grouped(sin_calls), expected(odd * odd + odd)});
  table.row({"total", grouped(total), expected(n64 * (n64 + 1) / 2 + odd * odd + odd)});
  table.row({"of which recursive", grouped(total - top_level),
             expected(n64 * (n64 + 1) / 2 + odd * odd + odd - n64 - odd)});
  table.print();

  const bool counts_ok = exp_calls == n64 * (n64 + 1) / 2 && sin_calls == odd * odd + odd;
  std::cout << "\nexp coefficient 3 = " << exp_coefficients.at(std::min(3, n - 1))
            << ", sin coefficient 3 = " << (n > 3 ? sin_coefficients[3] : 0.0)
            << "; from i = 171 on, i! overflows to inf and exp coefficients are 0 ("
            << (n > 171 ? std::to_string(exp_coefficients[171]) : std::string("n/a")) << ").\n";

  if (time && !quick) {
    constexpr int kPairs = 50;
    const std::vector<double> samples = repeat(
        [&] {
          const auto e = taylor_exp(n);
          const auto s = taylor_sin(n);
          volatile double keep = e.back() + s.back();
          (void)keep;
        },
        1, kPairs);
    std::cout << "taylor_exp + taylor_sin: " << fixed(summarize(samples).min * 1e3, 3) << " ms (best of "
              << kPairs << "); KCachegrind showed a total cost of 94 ms for the book's Python run, profiler "
              << "included.\n";
  }
  if (!counts_ok) std::cerr << "factorial call counts differ from the formula\n";
  return counts_ok ? 0 : 1;
}
