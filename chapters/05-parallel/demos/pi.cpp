// The book's Monte Carlo π table (ch. 7): one million samples serially (0.734 s), one pool task per
// sample (1 min 37 s, "literally cripples our code") and ten chunked tasks (0.325 s). The same three
// shapes in C++, plus lab 05's OpenMP, oneTBB and std::execution versions (the reference solution):
// each count is exact for its seed and chunk count, however many threads ran it, and "CPU" above
// "wall" shows several cores at work (the book's user > real).
//
//   ch05_demo_pi                   the book's 1,000,000 samples
//   ch05_demo_pi --samples 100000000
//   ch05_demo_pi --quick           100,000 samples (CI)
#include <omp.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <future>
#include <numbers>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/parallel/monte_carlo_pi.hpp"
#include "kernels.hpp"

namespace {

using hpc::parallel::demos::hits_in_chunk;
constexpr std::uint64_t kSeed = 2026;

double estimate(std::uint64_t hits, std::uint64_t samples) {
  return 4.0 * static_cast<double>(hits) / static_cast<double>(samples);
}

std::uint64_t serial(std::uint64_t samples) { return hits_in_chunk(kSeed, 0, samples); }

// The book's pi_apply_async: a task per sample, here a std::async thread per sample (the closest thing
// to a pool task that carries its own result back), each sample its own one-point chunk.
std::uint64_t async_per_sample(std::uint64_t samples) {
  std::vector<std::future<std::uint64_t>> futures;
  futures.reserve(samples);
  for (std::uint64_t s = 0; s < samples; ++s)
    futures.push_back(std::async(std::launch::async, [s] { return hits_in_chunk(kSeed, s, 1); }));
  std::uint64_t hits = 0;
  for (auto& f : futures) hits += f.get();
  return hits;
}

// The same one-point tasks through oneTBB's task group, whose tasks cost tens of nanoseconds.
std::uint64_t tbb_per_sample(std::uint64_t samples) {
  std::vector<std::uint8_t> hit(samples);
  tbb::task_group group;
  for (std::uint64_t s = 0; s < samples; ++s)
    group.run([&hit, s] { hit[s] = static_cast<std::uint8_t>(hits_in_chunk(kSeed, s, 1)); });
  group.wait();
  std::uint64_t hits = 0;
  for (const auto h : hit) hits += h;
  return hits;
}

// [snippet:pi-chunked]
// The book's pi_apply_async_chunked: ten tasks of samples/10 each, every chunk with its own stream.
std::uint64_t async_chunked(std::uint64_t samples, std::uint64_t chunks) {
  std::vector<std::future<std::uint64_t>> futures;
  for (std::uint64_t c = 0; c < chunks; ++c) {
    const auto [begin, end] = hpc::parallel::chunk_range(samples, chunks, c);
    futures.push_back(std::async(std::launch::async, [=] { return hits_in_chunk(kSeed, c, end - begin); }));
  }
  std::uint64_t hits = 0;
  for (auto& f : futures) hits += f.get();
  return hits;
}
// [/snippet:pi-chunked]

struct Timed {
  double wall = 0;
  double cpu = 0;
  std::uint64_t hits = 0;
};

// Best wall time of `repeats` runs, with the process CPU time of that run (all threads together).
template <class F>
Timed best_of(int repeats, F run) {
  Timed best{1e300, 0, 0};
  for (int r = 0; r < repeats; ++r) {
    const std::clock_t cpu0 = std::clock();
    const auto t0 = std::chrono::steady_clock::now();
    const std::uint64_t hits = run();
    const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - t0;
    const double cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
    if (wall.count() < best.wall) best = {wall.count(), cpu, hits};
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  bool quick = false;
  long samples = 1'000'000;
  long large = 100'000'000;
  long per_sample = 20'000;
  long chunks = 10;
  Args args(argv[0], "The book's Monte Carlo pi table: serial, a task per sample, chunked tasks.");
  args.flag("quick", quick, "a small, fast run (what CI runs)")
      .option("samples", samples, "points to throw (the book: 1,000,000)")
      .option("large", large, "a second, larger run, where each chunk has real work")
      .option("per-sample", per_sample, "samples run as one thread each (threads are slow: a subset)")
      .option("chunks", chunks, "chunks of the chunked versions (the book: 10)");
  args.parse(argc, argv);
  if (quick && !args.given("samples")) samples = 100'000;
  if (quick && !args.given("large")) large = 5'000'000;
  if (quick && !args.given("per-sample")) per_sample = 2'000;
  const auto k = static_cast<std::uint64_t>(chunks);
  const int repeats = quick ? 3 : 5;

  Table table({"way", "samples", "wall (s)", "CPU (s)", "ns per sample", "vs serial", "pi estimate",
               "book (1e6 samples)"});
  bool within = true;
  bool same = true;
  for (const auto n : {static_cast<std::uint64_t>(samples), static_cast<std::uint64_t>(large)}) {
    const bool book_size = n == static_cast<std::uint64_t>(samples);
    const Timed base = best_of(repeats, [&] { return serial(n); });
    auto add = [&](const std::string& way, std::uint64_t count, const Timed& t, const std::string& book) {
      const double ns_per_sample = t.wall / static_cast<double>(count) * 1e9;
      const double base_ns = base.wall / static_cast<double>(n) * 1e9;
      const double pi = estimate(t.hits, count);
      const double p = std::numbers::pi / 4;
      within = within && std::abs(pi - std::numbers::pi) < 5 * 4 * std::sqrt(p * (1 - p) / count);
      table.row({way, grouped(count), fixed(t.wall, 4), fixed(t.cpu, 4), fixed(ns_per_sample, 2),
                 fixed(base_ns / ns_per_sample, 2) + "x", fixed(pi, 5), book_size ? book : ""});
    };
    add("serial, one stream", n, base, "0.734 s");
    if (book_size) {
      const auto subset = std::min(n, static_cast<std::uint64_t>(per_sample));
      add("a std::async thread per sample", subset, best_of(1, [&] { return async_per_sample(subset); }),
          "96.989 s (a pool task each)");
      add("a tbb::task_group task per sample", n, best_of(repeats, [&] { return tbb_per_sample(n); }), "-");
    }
    add(std::to_string(k) + " std::async tasks (chunked)", n,
        best_of(repeats, [&] { return async_chunked(n, k); }), "0.325 s (10 pool tasks)");
    const Timed omp = best_of(repeats, [&] { return hpc::parallel::pi_openmp(n, k, kSeed).hits; });
    add(std::to_string(k) + " chunks, OpenMP (lab 05)", n, omp, "-");
    const Timed tbb = best_of(repeats, [&] { return hpc::parallel::pi_tbb(n, k, kSeed).hits; });
    add(std::to_string(k) + " chunks, oneTBB (lab 05)", n, tbb, "-");
    const Timed par = best_of(repeats, [&] { return hpc::parallel::pi_std_par(n, k, kSeed).hits; });
    add(std::to_string(k) + " chunks, std::execution::par (lab 05)", n, par, "-");

    // The promise of a stream per chunk: the same chunks give the same count on any number of threads.
    same = same && tbb.hits == omp.hits && par.hits == omp.hits;
    for (int threads = 1; threads <= 4; ++threads) {
      omp_set_num_threads(threads);
      same = same && hpc::parallel::pi_openmp(n, k, kSeed).hits == omp.hits;
    }
    omp_set_num_threads(static_cast<int>(std::thread::hardware_concurrency()));
  }
  table.print();
  std::cout << "\nThe book's times are CPython on its author's machine, for 1,000,000 samples. Ours: best of "
            << repeats << " runs on " << std::thread::hardware_concurrency()
            << " cores (the thread-per-sample row: one run\nof " << grouped(std::min(samples, per_sample))
            << " samples). CPU is the process's CPU time for that run, all threads together: above the wall\n"
               "time, more than one core worked. Every estimate is within 5 sigma of pi: "
            << (within ? "yes" : "NO") << ". The " << k
            << "-chunk counts are the same\non 1, 2, 3 and 4 OpenMP threads and in oneTBB: "
            << (same ? "yes" : "NO") << ".\n";
  return within && same ? 0 : 1;
}
