// Seed 004's CPU-bound example: SHA-256 of 20 buffers of 1 MiB random bytes, one after the other, on a
// thread pool and on a process pool. In CPython the thread pool is no faster than the loop (the GIL lets
// one thread run Python code at a time) and only the process pool gains. C++ has no such lock: both
// pools use every core.
//
//   ch08_demo_hashing                 20 jobs of 1 MiB (the seed's sizes), best of 5 runs
//   ch08_demo_hashing --quick         best of 2 runs (CI)
//   ch08_demo_hashing --jobs 40 --workers 4
//
// The buffers come from a seeded generator (job i, seed i), so every way must produce the same 20
// digests; the demo checks that. The seed's times include making the random bytes one Python call per
// byte, which is most of its 13 s; ours include making them too, at C++ speed.
//
// The pools are lab 06's ThreadPool and lab 08's ProcessPool (their reference solutions). The process
// pool is made (its workers forked) before the clock starts, as the seed's pools are not, because that
// start-up is a fixed cost the notes measure on its own (ch08_bench_processes).
// Exits 1 when the digests differ.
#include <cstdint>
#include <cstdio>
#include <future>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/processes/process_pool.hpp"
#include "hpc/threads/thread_pool.hpp"
#include "sha256.hpp"

namespace {

using hpc::common::demo::best_seconds;
using hpc::common::demo::fixed;
using Digests = std::vector<std::string>;

std::size_t g_size = std::size_t{1} << 20;  // the seed's SIZE; a global so the pool's plain function sees it

// [snippet:sha-job]
// One job of the seed: make `size` random bytes (seeded by the job's number) and hash them.
std::string sha_job(std::uint64_t job, std::size_t size) {
  std::mt19937_64 random(job);
  std::vector<std::uint8_t> data(size);
  for (std::size_t i = 0; i < size; i += 8) {
    const std::uint64_t word = random();
    for (std::size_t b = 0; b < 8 && i + b < size; ++b)
      data[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
  }
  return ch08::hex(ch08::sha256(data.data(), data.size()));
}
// [/snippet:sha-job]

// The process pool's task: the input is the job's number as text (inputs and answers are bytes).
std::string sha_task(std::string_view input) { return sha_job(std::stoull(std::string(input)), g_size); }

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long jobs = 20;
  long workers = 2;
  long size_kib = 1024;
  hpc::common::demo::Args(argv[0],
                          "Seed 004: SHA-256 of 20 x 1 MiB, sequential vs thread pool vs process pool.")
      .flag("quick", quick, "best of 2 runs instead of 5 (what CI runs)")
      .option("jobs", jobs, "buffers to hash (default 20, the seed's JOBS)")
      .option("workers", workers, "workers of each pool (default 2)")
      .option("size-kib", size_kib, "KiB per buffer (default 1024, the seed's SIZE)")
      .parse(argc, argv);
  g_size = static_cast<std::size_t>(size_kib) * 1024;
  const int repeats = quick ? 2 : 5;
  const auto n = static_cast<std::uint64_t>(jobs);

  const auto abc = std::string("abc");
  const std::string abc_digest =
      ch08::hex(ch08::sha256(reinterpret_cast<const std::uint8_t*>(abc.data()), 3));
  if (abc_digest != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") {
    std::printf("SHA-256 of \"abc\" is wrong: %s\n", abc_digest.c_str());
    return 1;
  }

  // Made before any thread exists, so the workers are forked from a one-thread process (see the notes:
  // fork after threads).
  hpc::processes::ProcessPool processes(static_cast<unsigned>(workers));
  std::vector<std::string> inputs;
  for (std::uint64_t job = 0; job < n; ++job) inputs.push_back(std::to_string(job));
  processes.map_values(sha_task, {inputs.front()});  // the workers start and run once before timing

  Digests sequential, threaded, forked;
  const double t_seq = best_seconds(
      [&] {
        sequential.clear();
        for (std::uint64_t job = 0; job < n; ++job) sequential.push_back(sha_job(job, g_size));
      },
      repeats);
  hpc::threads::ThreadPool threads(static_cast<std::size_t>(workers));
  const double t_threads = best_seconds(
      [&] {
        std::vector<std::future<std::string>> futures;
        for (std::uint64_t job = 0; job < n; ++job)
          futures.push_back(threads.submit([job] { return sha_job(job, g_size); }));
        threaded.clear();
        for (auto& f : futures) threaded.push_back(f.get());
      },
      repeats);
  // [snippet:process-pool-map]
  const double t_processes = best_seconds([&] { forked = processes.map_values(sha_task, inputs); }, repeats);
  // [/snippet:process-pool-map]

  std::printf("%ld jobs of %ld KiB, %ld workers per pool, best of %d runs\n\n", jobs, size_kib, workers,
              repeats);
  hpc::common::demo::Table table({"way", "took (s)", "speed-up", "seed, CPython (s)"});
  const bool seed_sizes = jobs == 20 && size_kib == 1024;
  table.row({"sequential", fixed(t_seq, 3), "1.00x", seed_sizes ? "12.96" : ""});
  table.row({"thread pool (lab 06)", fixed(t_threads, 3), fixed(t_seq / t_threads, 2) + "x",
             seed_sizes ? "12.76" : ""});
  table.row({"process pool (lab 08)", fixed(t_processes, 3), fixed(t_seq / t_processes, 2) + "x",
             seed_sizes ? "4.21" : ""});
  table.print();
  std::printf("\nfirst digest: %s\n", sequential.front().c_str());
  std::printf("(the seed's pools used all the cores of its machine, its count not given; ours use %ld)\n",
              workers);
  if (threaded != sequential || forked != sequential) {
    std::printf("the pools' digests differ from the sequential ones\n");
    return 1;
  }
  return 0;
}
