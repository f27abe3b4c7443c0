// Static against dynamic scheduling on a triangular workload: row i costs i + 1 units, so cutting the
// rows into equal blocks gives the last thread most of the work. Each way prints its wall time, its
// speed-up over one thread, and how unevenly the threads were busy (the busiest thread's time over the
// average: 1.00 is perfect balance).
//
//   ch05_demo_schedule           20,000 rows (about 200 million units)
//   ch05_demo_schedule --quick   4,000 rows (CI)
#include <omp.h>
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "kernels.hpp"

namespace {

using hpc::parallel::demos::triangle_row;

struct Run {
  double wall = 0;
  double imbalance = 1;
  double checksum = 0;
};

// [snippet:schedule-runtime]
// One loop, scheduled by whatever omp_set_schedule chose (schedule(runtime)). Each thread notes how
// long it worked; `nowait` lets a thread that is done stop the clock instead of waiting at the barrier.
Run triangle_openmp(std::vector<double>& rows, omp_sched_t kind, int chunk) {
  omp_set_schedule(kind, chunk);
  std::vector<double> busy(omp_get_max_threads(), 0.0);
  const double t0 = omp_get_wtime();
  const auto n = static_cast<long>(rows.size());
#pragma omp parallel
  {
    const double start = omp_get_wtime();
#pragma omp for schedule(runtime) nowait
    for (long i = 0; i < n; ++i) rows[i] = triangle_row(static_cast<std::size_t>(i));
    busy[omp_get_thread_num()] = omp_get_wtime() - start;
  }
  const double wall = omp_get_wtime() - t0;
  const double mean = std::accumulate(busy.begin(), busy.end(), 0.0) / static_cast<double>(busy.size());
  return {wall, *std::max_element(busy.begin(), busy.end()) / mean, 0};
}
// [/snippet:schedule-runtime]

Run triangle_tbb(std::vector<double>& rows) {
  const double t0 = omp_get_wtime();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, rows.size()), [&](const auto& range) {
    for (auto i = range.begin(); i != range.end(); ++i) rows[i] = triangle_row(i);
  });
  return {omp_get_wtime() - t0, 0, 0};
}

template <class F>
Run best_of(int repeats, std::vector<double>& rows, F run) {
  Run best{1e300, 0, 0};
  for (int r = 0; r < repeats; ++r) {
    Run got = run();
    if (got.wall < best.wall) best = got;
  }
  best.checksum = std::accumulate(rows.begin(), rows.end(), 0.0);
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  bool quick = false;
  long n = 20'000;
  Args args(argv[0], "Static vs dynamic scheduling on a triangular workload.");
  args.flag("quick", quick, "a small, fast run (what CI runs)").option("rows", n, "rows of the triangle");
  args.parse(argc, argv);
  if (quick && !args.given("rows")) n = 4'000;
  const int repeats = quick ? 2 : 3;
  std::vector<double> rows(static_cast<std::size_t>(n));

  const Run serial = best_of(repeats, rows, [&] {
    const double t0 = omp_get_wtime();
    for (long i = 0; i < n; ++i) rows[i] = triangle_row(static_cast<std::size_t>(i));
    return Run{omp_get_wtime() - t0, 1, 0};
  });
  Table table({"schedule", "wall (ms)", "speed-up", "busiest / average thread"});
  table.row({"serial loop", fixed(serial.wall * 1e3, 1), "1.00x", "-"});
  bool same = true;
  auto add = [&](const std::string& name, const Run& run) {
    same = same && run.checksum == serial.checksum;
    table.row({name, fixed(run.wall * 1e3, 1), fixed(serial.wall / run.wall, 2) + "x",
               run.imbalance > 0 ? fixed(run.imbalance, 2) : "-"});
  };
  add("static (one block per thread)",
      best_of(repeats, rows, [&] { return triangle_openmp(rows, omp_sched_static, 0); }));
  add("static, 1 (round robin)",
      best_of(repeats, rows, [&] { return triangle_openmp(rows, omp_sched_static, 1); }));
  add("dynamic, 1", best_of(repeats, rows, [&] { return triangle_openmp(rows, omp_sched_dynamic, 1); }));
  add("dynamic, 64", best_of(repeats, rows, [&] { return triangle_openmp(rows, omp_sched_dynamic, 64); }));
  add("guided", best_of(repeats, rows, [&] { return triangle_openmp(rows, omp_sched_guided, 0); }));
  add("oneTBB parallel_for (work stealing)", best_of(repeats, rows, [&] { return triangle_tbb(rows); }));
  table.print();
  std::cout << "\n"
            << grouped(n) << " rows, " << grouped(static_cast<unsigned long long>(n) * (n + 1) / 2)
            << " units of work; best of " << repeats << "; " << omp_get_max_threads()
            << " OpenMP threads. Every way computed the same rows: " << (same ? "yes" : "NO") << ".\n"
            << "With one block per thread on 2 threads, the second thread gets 3/4 of the work: the best "
               "static can do is 1.33x.\n";
  return same ? 0 : 1;
}
