// Reference solution, lab 06 task 5: threads take small blocks of the range from a shared atomic
// counter, so the threads that draw cheap (small) numbers simply take more blocks.
#include "hpc/threads/count_primes.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hpc::threads {

bool is_prime(std::int64_t n) {
  if (n < 2) return false;
  if (n % 2 == 0) return n == 2;
  for (std::int64_t d = 3; d * d <= n; d += 2) {
    if (n % d == 0) return false;
  }
  return true;
}

std::int64_t count_primes(std::int64_t begin, std::int64_t end) {
  std::int64_t count = 0;
  for (std::int64_t n = begin; n < end; ++n) count += is_prime(n) ? 1 : 0;
  return count;
}

std::int64_t count_primes_parallel(std::int64_t begin, std::int64_t end, int threads) {
  if (threads < 1) throw std::invalid_argument("count_primes_parallel: threads must be at least 1");
  if (begin >= end) return 0;

  // Blocks small enough to balance the load, big enough that the shared counter is touched rarely.
  const std::int64_t length = end - begin;
  const std::int64_t block = std::clamp<std::int64_t>(length / (64 * threads), 1, 4096);
  std::atomic<std::int64_t> next{begin};
  std::atomic<std::int64_t> total{0};

  auto work = [&] {
    std::int64_t mine = 0;  // a local sum: one shared write per thread, not one per prime
    for (;;) {
      const std::int64_t first = next.fetch_add(block, std::memory_order_relaxed);
      if (first >= end) break;
      mine += count_primes(first, std::min(first + block, end));
    }
    total.fetch_add(mine, std::memory_order_relaxed);
  };

  std::vector<std::jthread> helpers;
  for (int t = 1; t < threads; ++t) helpers.emplace_back(work);
  work();           // the calling thread is the last of the workers
  helpers.clear();  // joins
  return total.load();
}

}  // namespace hpc::threads
