// Seed 002's opening experiment: trial division from 2 to n - 1 on nine primes just below 8,000, which
// the seed times in CPython as one loop over the nine. We time each number and the whole loop.
//
//   ch02_demo_is_prime           best of 200 runs
//   ch02_demo_is_prime --quick   best of 20 runs (CI)
#include <cstdint>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

// [snippet:is-prime]
// Trial division by every candidate below the number: n - 2 divisions for a prime.
bool is_prime(int number, std::uint64_t* divisions) {
  for (int divisor = 2; divisor < number; ++divisor) {
    ++*divisions;
    if (number % divisor == 0) return false;
  }
  return true;
}
// [/snippet:is-prime]

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick = parse_quick(argc, argv, "Times seed 002's is_prime on its nine numbers.");
  const int repeats = quick ? 20 : 200;
  std::vector<int> numbers = {7853, 7867, 7873, 7877, 7879, 7883, 7901, 7907, 7919};
  keep(numbers.data());  // the numbers count as unknown to the compiler, so nothing is precomputed

  Table table({"number", "prime", "divisions", "ours (us)", "seed (CPython)"});
  double sum_of_best = 0;
  bool all_prime = true;
  for (const int number : numbers) {
    std::uint64_t divisions = 0;
    bool prime = false;
    const double seconds = best_seconds(
        [&] {
          divisions = 0;
          prime = is_prime(number, &divisions);
          keep(prime);
        },
        repeats);
    sum_of_best += seconds;
    all_prime = all_prime && prime;
    table.row({std::to_string(number), prime ? "yes" : "no", std::to_string(divisions),
               fixed(seconds * 1e6, 2), "not timed alone"});
  }
  std::uint64_t total_divisions = 0;
  const double loop = best_seconds(
      [&] {
        total_divisions = 0;
        for (const int number : numbers) keep(is_prime(number, &total_divisions));
      },
      repeats);
  table.row({"all nine, one loop", all_prime ? "yes" : "no", std::to_string(total_divisions),
             fixed(loop * 1e6, 2), "3850 (3.85 ms +- 41.4 us, %timeit)"});
  table.row({"mean per number", "", "", fixed(loop * 1e6 / 9, 2), "428 (3.85 ms / 9)"});
  table.print();
  std::cout
      << "\nSum of the nine best single times: " << fixed(sum_of_best * 1e6, 2) << " us.\n"
      << "The seed's loop took " << fixed(3.85e-3 / loop, 0)
      << " times as long as ours (on another machine): "
      << "here each division\nis one machine instruction, in CPython a few rounds of the bytecode "
         "interpreter. "
      << "(The seed then\nruns the nine on threads and gets slower, 14.5 ms, because of the GIL; chapter 06 "
      << "does that in C++.)\n";
  return all_prime ? 0 : 1;
}
