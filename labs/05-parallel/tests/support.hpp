// What lab 05's tests share: running code with a given number of threads, and checking that bad input
// is refused with a message that names the argument.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <ostream>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/parallel/load_balance.hpp"

// ThreadSanitizer sees neither libgomp's nor libtbb's synchronisation (neither library is built with
// -fsanitize=thread), so every OpenMP region and every oneTBB algorithm (std::execution::par runs on
// oneTBB) reports races that are not there: in the reference, the join of two halves of a
// parallel_reduce, the write of a reduction variable after OpenMP's barrier. A test that runs them is
// skipped in a ThreadSanitizer build, saying so; LAB.md ("Race-freedom") says what that leaves.
#define HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER()                                                         \
  do {                                                                                                     \
    if (::hpc::common::thread_sanitizer_build())                                                           \
      GTEST_SKIP() << "runs OpenMP or oneTBB, whose synchronisation ThreadSanitizer cannot see (libgomp "  \
                      "and libtbb are not instrumented): every parallel loop would be reported as a race"; \
  } while (0)

namespace hpc::parallel {

// How GoogleTest prints a PrimeTally in a failed comparison (else it dumps the struct's bytes); found by
// argument-dependent lookup, so it lives in PrimeTally's namespace.
inline void PrintTo(const PrimeTally& tally, std::ostream* out) {
  *out << "{count " << tally.count << ", sum " << tally.sum << "}";
}

}  // namespace hpc::parallel

namespace hpc::parallel::testing {

// "1 thread", "3 threads": for the messages.
inline std::string threads_text(int threads) {
  return std::to_string(threads) + (threads == 1 ? " thread" : " threads");
}

// The thread counts every "same result whatever the thread count" test tries: one thread (the serial
// order), two (the machine's cores), three (an odd split) and eight (more threads than cores).
inline constexpr int kThreadCounts[] = {1, 2, 3, 8};

// Runs f with `threads` threads for OpenMP (omp_set_num_threads), oneTBB and std::execution::par (a
// task_arena of that size under a tbb::global_control limit), and puts the OpenMP setting back after.
void with_threads(int threads, const std::function<void()>& f);

// Passes when f throws std::invalid_argument whose message contains `argument`.
::testing::AssertionResult throws_naming(const std::function<void()>& f, const std::string& argument);

// The hits of the Monte Carlo π run (samples, chunks, seed), drawn serially exactly as
// monte_carlo_pi.hpp prescribes: the known answer of task 2, and the serial baseline of its speed tests.
std::uint64_t expected_pi_hits(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed);

// Grades a comparison whose candidate needs two cores: when measure() misses the bar, a busy machine
// skips the test with both numbers, a free one measures it again. Every lab's speed tests share it now
// (common's perf.hpp); the lab's tests keep calling it by this name.
using hpc::common::expect_two_core_speedup;

// How one call shared its CPU time between the threads of this process.
struct ThreadShares {
  double total_ms = 0;        // CPU time of all threads during the call
  double largest = 0;         // the busiest thread's share of it (0 to 1)
  double second_largest = 0;  // the next busiest thread's share
  // Two threads each did a real part of the work. A tenth: a serial function leaves the other threads at
  // about 0% (the pools' threads sleep), while a oneTBB version whose second worker the load let in late
  // was measured at 13-15% on the busy course machine.
  bool two_threads_worked() const { return second_largest >= kSecondThreadShare; }
  static constexpr double kSecondThreadShare = 0.1;
};

// Runs `call` with two threads (with_threads(2, ...)) up to `attempts` times, until two threads did a
// real part of the work, and returns the measurement in which the second busiest thread did the most.
// The CPU time of every thread of the process (/proc/self/task) is read before and after the call, so
// the result does not depend on the wall clock, only on which threads did the work.
ThreadShares cpu_shares_on_two_threads(const std::function<void()>& call, int attempts = 5);

}  // namespace hpc::parallel::testing
