// Task 3, stretch (bonus tiers): the process pool against a thread pool -- lab 06's reference ThreadPool
// -- in the same run, on the same CPU. Seed 004's point: in Python only processes speed up CPU-bound
// work; in C++ threads do too, and a process pool pays for its isolation in per-task cost.
//  Tier 1: CPU-bound hashing (each input a millisecond or so): the process pool keeps up with the threads.
// Bar at about 75% of what the reference reached (2026-11-30, the 2-core machine at load 3.8-5.1, twenty
// runs): 0.85-1.16x (bar 0.7x; 0.52x and 0.63x once each, both skipped as busy). A bar missed on a busy
// machine is skipped, not failed.
// A tier for tiny tasks (the per-task cost against the thread pool's) was dropped: the reference measured
// 0.03-0.17x there (0.03x in a clean-clone check with two free cores), too wide to grade; LAB.md says so.
#include <cstdint>
#include <future>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/processes/process_pool.hpp"
#include "hpc/threads/thread_pool.hpp"
#include "pool_workload.hpp"
#include "support.hpp"

namespace {

using hpc::processes::ProcessPool;
using hpc::processes::testing::answers_of;
using hpc::processes::testing::hash_rounds;
using hpc::processes::testing::words;

using PoolStretch = hpc::processes::testing::ChildFree;

std::vector<std::string> on_threads(hpc::threads::ThreadPool& pool, std::string (*fn)(std::string_view),
                                    const std::vector<std::string>& inputs) {
  std::vector<std::future<std::string>> futures;
  futures.reserve(inputs.size());
  for (const auto& input : inputs) futures.push_back(pool.submit([fn, &input] { return fn(input); }));
  std::vector<std::string> out;
  out.reserve(inputs.size());
  for (auto& f : futures) out.push_back(f.get());
  return out;
}

// Both pools are made before either runs anything: the process pool forks its workers while this
// process still has one thread (fork after threads is the trap the notes describe).
void grade_against_threads(std::string (*fn)(std::string_view), const std::vector<std::string>& inputs,
                           double bar) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  ProcessPool processes(2);
  processes.map(fn, {"warm-up"});  // a pool that forks lazily has its workers now
  hpc::threads::ThreadPool threads(2);
  std::vector<std::string> a, b;
  auto measure = [&] {
    return hpc::common::compare_speed(
        "lab 06's ThreadPool(2)", [&] { a = on_threads(threads, fn, inputs); }, "ProcessPool(2).map",
        [&] { b = answers_of(processes.map(fn, inputs)); });
  };
  const hpc::common::SpeedComparison first = measure();
  ASSERT_EQ(a, b) << "the process pool's answers differ from the thread pool's";
  hpc::common::expect_two_core_speedup(first, measure, bar, {.subject = "your pool"});
}

BONUS_TEST_F(PoolStretch, Tier1CpuBoundKeepsUpWithThreads, 1) {
  grade_against_threads(hash_rounds, words(24), 0.7);
}

}  // namespace
