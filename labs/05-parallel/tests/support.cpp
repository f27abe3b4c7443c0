#include "support.hpp"

#include <omp.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <stdexcept>
#include <thread>
#include <vector>

#include "hpc/common/proc_self.hpp"
#include "hpc/parallel/monte_carlo_pi.hpp"

namespace hpc::parallel::testing {

void with_threads(int threads, const std::function<void()>& f) {
  const int openmp_before = omp_get_max_threads();
  omp_set_num_threads(threads);
  {
    // global_control caps every arena (std::execution::par runs in the caller's); the arena makes the
    // count exact also above the number of cores, where the default arena would stay at the core count.
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(threads));
    tbb::task_arena arena(threads);
    try {
      arena.execute(f);
    } catch (...) {
      omp_set_num_threads(openmp_before);
      throw;
    }
  }
  omp_set_num_threads(openmp_before);
}

::testing::AssertionResult throws_naming(const std::function<void()>& f, const std::string& argument) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    if (std::string(e.what()).find(argument) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "threw std::invalid_argument(\"" << e.what()
                                         << "\"), but the message does not name '" << argument << "'";
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure()
           << "threw " << e.what() << " instead of std::invalid_argument naming '" << argument << "'";
  }
  return ::testing::AssertionFailure()
         << "returned normally; expected std::invalid_argument naming '" << argument << "'";
}

std::uint64_t expected_pi_hits(std::uint64_t samples, std::uint64_t chunks, std::uint64_t seed) {
  std::uint64_t hits = 0;
  for (std::uint64_t chunk = 0; chunk < chunks; ++chunk) {
    const ChunkRange range = chunk_range(samples, chunks, chunk);
    SplitMix64 rng{chunk_seed(seed, chunk)};
    for (std::uint64_t i = range.begin; i < range.end; ++i) {
      const double x = unit_interval(rng.next());
      const double y = unit_interval(rng.next());
      hits += (x * x + y * y <= 1.0) ? 1 : 0;
    }
  }
  return hits;
}

ThreadShares cpu_shares_on_two_threads(const std::function<void()>& call, int attempts) {
  ThreadShares best;
  for (int attempt = 0; attempt < attempts; ++attempt) {
    ThreadShares shares;
    // The pools' threads spin a little after a parallel call before they sleep: let a previous call's
    // spinning end, so that it is not counted as this call's work.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    with_threads(2, [&] {
      const std::map<long, std::int64_t> before = hpc::common::cpu_ns_by_thread();
      call();
      // Threads the call started (OpenMP's and oneTBB's pools are made on first use) count from zero.
      std::vector<double> used;
      for (const auto& [tid, ns] : hpc::common::cpu_ns_by_thread()) {
        const auto it = before.find(tid);
        used.push_back(static_cast<double>(ns - (it == before.end() ? 0 : it->second)));
      }
      std::sort(used.begin(), used.end(), std::greater<>());
      double total = 0;
      for (double u : used) total += u;
      shares.total_ms = total / 1e6;
      shares.largest = total > 0 ? used[0] / total : 0;
      shares.second_largest = total > 0 && used.size() > 1 ? used[1] / total : 0;
    });
    if (attempt == 0 || shares.second_largest > best.second_largest) best = shares;
    if (best.two_threads_worked()) break;
  }
  return best;
}

}  // namespace hpc::parallel::testing
