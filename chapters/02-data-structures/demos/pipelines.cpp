// The book's comprehension and generator experiments in C++: a loop that grows a vector, a vector
// reserved up front (the comprehension), and a lazy view (the generator), timed and with their heap
// allocations counted; then the book's three-step map pipeline, materialized and lazy.
//
//   ch02_demo_pipelines           best of 50 runs
//   ch02_demo_pipelines --quick   best of 5 runs (CI)
#include "hpc/datastructures/pipelines.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>

#include "hpc/common/demo.hpp"
#include "hpc/common/alloc_counter.hpp"

namespace {

using namespace hpc::common::demo;

// [snippet:folded]
// The same sum with the bound written into the code: g++ -O2 evaluates the whole loop while compiling
// and returns the constant 333328333350000. Timing this times nothing.
std::int64_t sum_squares_known_bound() {
  std::int64_t sum = 0;
  for (int i = 0; i < 100'000; ++i) sum += std::int64_t{i} * i;
  return sum;
}
// [/snippet:folded]

struct Measured {
  double seconds;
  hpc::common::AllocationStats allocations;
};

// [snippet:measure]
template <class F>
Measured measure(F&& run, int repeats) {
  const double seconds = best_seconds(run, repeats);
  const hpc::common::AllocationStats allocations = hpc::common::count_allocations(run);
  return {seconds, allocations};
}
// [/snippet:measure]

std::string mib(std::size_t bytes) { return fixed(static_cast<double>(bytes) / (1024.0 * 1024.0), 2); }

}  // namespace

int main(int argc, char** argv) {
  namespace ds = hpc::datastructures;
  const bool quick =
      parse_quick(argc, argv, "Loop, reserved vector and lazy view, timed and with allocations counted.");
  const int repeats = quick ? 5 : 50;
  int n = 100'000;
  int big = 1'000'000;
  keep(n);  // runtime sizes, so the sums cannot be computed while compiling
  keep(big);

  std::int64_t sum = 0;
  double best = 0;
  const Measured loop = measure(
      [&] {
        sum = ds::sum_squares_loop(n);
        keep(sum);
      },
      repeats);
  const bool loop_ok = sum == 333'328'333'350'000;
  const Measured reserved = measure(
      [&] {
        sum = ds::sum_squares_reserve(n);
        keep(sum);
      },
      repeats);
  const bool reserved_ok = sum == 333'328'333'350'000;
  const Measured lazy = measure(
      [&] {
        sum = ds::sum_squares_lazy(n);
        keep(sum);
      },
      repeats);
  const bool lazy_ok = sum == 333'328'333'350'000;
  // Timed 1,000 calls at a time: one call takes less than the clock can resolve.
  const auto known_bound = [&] {
    sum = sum_squares_known_bound();
    keep(sum);
  };
  const double folded = best_seconds_per_call(known_bound, 1000, repeats);
  const auto folded_allocations = hpc::common::count_allocations(known_bound);

  std::cout << "Sum of squares of 0 .. " << n - 1 << " = " << sum << " (ours: best of " << repeats << ")\n\n";
  Table squares({"C++", "ms", "allocations", "bytes allocated", "Python (book)", "book ms"});
  squares.row({"sum_squares_loop: push_back, no reserve", fixed(loop.seconds * 1e3, 3),
               std::to_string(loop.allocations.count), std::to_string(loop.allocations.bytes),
               "for loop + append", "16.1"});
  squares.row({"sum_squares_reserve: reserve(n) first", fixed(reserved.seconds * 1e3, 3),
               std::to_string(reserved.allocations.count), std::to_string(reserved.allocations.bytes),
               "list comprehension", "10.1"});
  squares.row({"sum_squares_lazy: views iota, transform", fixed(lazy.seconds * 1e3, 3),
               std::to_string(lazy.allocations.count), std::to_string(lazy.allocations.bytes),
               "generator expression", "12.4"});
  squares.row({"a loop whose bound is a constant", fixed(folded * 1e3, 7),
               std::to_string(folded_allocations.count), std::to_string(folded_allocations.bytes), "-", "-"});
  squares.print();

  const Measured materialized = measure(
      [&] {
        best = ds::map_materialized(big);
        keep(best);
      },
      quick ? 3 : 10);
  const double materialized_best = best;
  const Measured lazy_map = measure(
      [&] {
        best = ds::map_lazy(big);
        keep(best);
      },
      quick ? 3 : 10);
  std::cout << "\nThe map pipeline over " << big
            << " numbers (2i, squared, to the power 0.33, max) = " << fixed(best, 6) << "\n\n";
  Table pipeline({"C++", "ms", "allocations", "MiB allocated", "Python (book)", "book memory increment"});
  pipeline.row({"map_materialized: three vectors", fixed(materialized.seconds * 1e3, 2),
                std::to_string(materialized.allocations.count), mib(materialized.allocations.bytes),
                "map_comprehension: three lists", "102.54 MiB"});
  pipeline.row({"map_lazy: one chain of views", fixed(lazy_map.seconds * 1e3, 2),
                std::to_string(lazy_map.allocations.count), mib(lazy_map.allocations.bytes),
                "map_normal: chained map()", "0.00 MiB"});
  pipeline.print();

  const bool ok = loop_ok && reserved_ok && lazy_ok && lazy.allocations.count == 0 &&
                  reserved.allocations.count == 1 && lazy_map.allocations.count == 0 &&
                  std::abs(materialized_best - best) < 1e-9 && best > 14410.5 && best < 14410.6;
  std::cout
      << "\nOur bytes are all the bytes asked of operator new during one call; the book's figure is the\n"
         "growth of the process's peak memory. "
      << (ok ? "check: same sums, same maximum, lazy versions allocate nothing\n" : "check FAILED\n");
  return ok ? 0 : 1;
}
