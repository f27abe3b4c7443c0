// Memory bandwidth as the wall: the STREAM triad a[i] = b[i] + s * c[i] on 1 and 2 threads, once on
// arrays that fit in the core's cache and once on arrays far larger than every cache. In cache, a second
// thread doubles the speed; from main memory it adds little, because both cores wait on the same
// memory. Amdahl's law leaves this out (the book notes it in ch. 9): a loop can be perfectly parallel
// and still not scale.
//
//   ch05_demo_triad           in cache (3 x 64 KiB) and 3 x 128 MiB in memory
//   ch05_demo_triad --quick   3 x 16 MiB (CI)
#include <omp.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "kernels.hpp"

namespace {

// [snippet:triad]
// Each thread takes one block of the arrays, the same block in every pass, so the cache it warmed stays
// its own and no pass has to wait for the other threads: one parallel region for all the passes.
void triad_openmp(std::vector<double>& a, const std::vector<double>& b, const std::vector<double>& c,
                  int threads, int passes) {
#pragma omp parallel num_threads(threads)
  {
    const std::size_t n = a.size();
    const auto t = static_cast<std::size_t>(omp_get_thread_num());
    const auto count = static_cast<std::size_t>(omp_get_num_threads());
    for (int pass = 0; pass < passes; ++pass)
      hpc::parallel::demos::triad(a, b, c, 3.0, n * t / count, n * (t + 1) / count);
  }
}
// [/snippet:triad]

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  bool quick = false;
  long large_mib = 128;
  Args args(argv[0], "The triad a = b + s * c: memory bandwidth with 1 and 2 threads, in cache and not.");
  args.flag("quick", quick, "a small, fast run (what CI runs)")
      .option("mib", large_mib, "size of each large array in MiB");
  args.parse(argc, argv);
  if (quick && !args.given("mib")) large_mib = 16;

  Table table({"arrays", "1 thread (GB/s)", "2 threads (GB/s)", "2 threads / 1"});
  bool right = true;
  for (const std::size_t bytes : {std::size_t{64} << 10, static_cast<std::size_t>(large_mib) << 20}) {
    const std::size_t n = bytes / sizeof(double);
    std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
    // Enough passes for about 2 GB of traffic per measurement, at least 3.
    const std::size_t traffic = quick ? 500'000'000 : 2'000'000'000;
    const int passes = static_cast<int>(std::max<std::size_t>(3, traffic / (3 * bytes)));
    double rate[2] = {0, 0};
    for (int threads = 1; threads <= 2; ++threads) {
      triad_openmp(a, b, c, threads, 1);  // warm up: caches, pages, the thread team
      const double seconds = best_seconds([&] { triad_openmp(a, b, c, threads, passes); }, 3);
      // STREAM's count: 24 bytes per element (two reads, one write). The hardware also reads a's line
      // before writing it (write-allocate), so the real traffic is a third higher.
      rate[threads - 1] = 24.0 * static_cast<double>(n) * passes / seconds / 1e9;
      keep(a[n / 2]);
    }
    right = right && a[n / 2] == 7.0;
    const std::string what = bytes < (std::size_t{1} << 20)
                                 ? "3 x 64 KiB (in cache)"
                                 : "3 x " + std::to_string(large_mib) + " MiB (memory)";
    table.row({what, fixed(rate[0], 1), fixed(rate[1], 1), fixed(rate[1] / rate[0], 2) + "x"});
  }
  table.print();
  std::cout << "\nBest of 3; GB/s counts 24 bytes per element as STREAM does. " << omp_get_num_procs()
            << " cores.\n";
  return right ? 0 : 1;
}
