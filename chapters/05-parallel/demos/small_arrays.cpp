// The book's Theano and TensorFlow thread tables (ch. 7): the π hit count over two arrays of 30,000
// points, called 100,000 times, with OMP_NUM_THREADS 1 to 4. Theano: 10.906, 7.538, 9.406, 14.634 s;
// TensorFlow: 13.060, 11.939, 12.784, 12.158 s. More threads got slower, because a call is so short
// that starting and joining the threads costs as much as the work. The same kernel in C++ with
// OpenMP, on arrays of 3,000, 30,000 and 3,000,000 points, shows where the threads start to pay.
//
//   ch05_demo_small_arrays           10,000 calls per size and thread count, scaled to the book's 100,000
//   ch05_demo_small_arrays --quick   20 calls (CI)
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/parallel/monte_carlo_pi.hpp"

namespace {

// [snippet:small-array-kernel]
// One call of the book's function: how many of the points fall inside the unit circle. The parallel
// region opens and closes on every call, like an OpenMP-enabled library's element-wise kernel.
long hits(const std::vector<double>& x, const std::vector<double>& y, int threads) {
  long count = 0;
  const auto n = static_cast<std::ptrdiff_t>(x.size());
#pragma omp parallel for num_threads(threads) reduction(+ : count) schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) count += (x[i] * x[i] + y[i] * y[i] < 1.0) ? 1 : 0;
  return count;
}
// [/snippet:small-array-kernel]

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  bool quick = false;
  long calls = 10'000;
  Args args(argv[0], "The book's small-array thread table: more threads can be slower.");
  args.flag("quick", quick, "a small, fast run (what CI runs)")
      .option("calls", calls, "calls per size and thread count at 30,000 points (scaled for other sizes)");
  args.parse(argc, argv);
  if (quick && !args.given("calls"))
    calls = 20;  // oversubscribed calls can take milliseconds on a busy machine
  const int batches = quick ? 2 : 3;

  const std::vector<std::size_t> sizes = {3'000, 30'000, 3'000'000};
  const std::vector<std::string> theano = {"10.906", "7.538", "9.406", "14.634"};
  const std::vector<std::string> tensorflow = {"13.060", "11.939", "12.784", "12.158"};
  std::vector<std::string> header = {"threads"};
  for (const auto size : sizes) header.push_back(grouped(size) + " points: us per call");
  header.insert(header.begin() + 3, "30,000: s per 100,000 calls");
  header.push_back("Theano (s)");
  header.push_back("TensorFlow (s)");
  Table table(header);

  hpc::parallel::SplitMix64 stream{7};
  std::vector<std::vector<std::string>> cells(4);
  long expected_check = -1;
  for (const auto size : sizes) {
    std::vector<double> x(size), y(size);
    for (std::size_t i = 0; i < size; ++i) {
      x[i] = 2 * hpc::parallel::unit_interval(stream.next()) - 1;
      y[i] = 2 * hpc::parallel::unit_interval(stream.next()) - 1;
    }
    // The same total work for every size: fewer calls on bigger arrays.
    const long size_calls = std::max(3L, static_cast<long>(static_cast<double>(calls) * 30'000 / size));
    const long expected = hits(x, y, 1);
    for (int threads = 1; threads <= 4; ++threads) {
      long checked = 0;
      const double per_call = best_seconds_per_call([&] { checked = hits(x, y, threads); },
                                                    static_cast<int>(size_calls), batches);
      if (checked != expected) expected_check = checked;
      cells[threads - 1].push_back(fixed(per_call * 1e6, 2));
      if (size == 30'000) cells[threads - 1].push_back(fixed(per_call * 100'000, 3));
    }
  }
  for (int threads = 1; threads <= 4; ++threads) {
    std::vector<std::string> row = {std::to_string(threads)};
    row.insert(row.end(), cells[threads - 1].begin(), cells[threads - 1].end());
    row.push_back(theano[threads - 1]);
    row.push_back(tensorflow[threads - 1]);
    table.row(row);
  }
  table.print();
  std::cout << "\nBest of " << batches << " batches of " << grouped(calls)
            << " calls at 30,000 points (as many points in "
            << "all for the other sizes); " << omp_get_num_procs()
            << " cores, so 3 and 4 threads\nshare 2 cores. \"s per 100,000 calls\" is our time per call "
               "times the book's 100,000 calls. The book's\ncolumns are its Theano and TensorFlow runs "
               "of 100,000 and 10,000 calls on 30,000 points.\n";
  return expected_check == -1 ? 0 : 1;
}
