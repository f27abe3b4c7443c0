// Reference solution of lab 05, task 5.
#include "hpc/parallel/load_balance.hpp"

#include <omp.h>

#include <cstddef>

namespace hpc::parallel {

PrimeTally tally_primes_static(std::span<const std::uint64_t> numbers) {
  const std::uint64_t* data = numbers.data();
  const auto n = static_cast<std::ptrdiff_t>(numbers.size());
  std::uint64_t count = 0;
  std::uint64_t sum = 0;
  // schedule(static) without a chunk size: one contiguous block per thread, fixed before the loop runs.
#pragma omp parallel for reduction(+ : count, sum) schedule(static)
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    if (is_prime(data[i])) {
      ++count;
      sum += data[i];
    }
  }
  return {count, sum};
}

PrimeTally tally_primes_dynamic(std::span<const std::uint64_t> numbers) {
  const std::uint64_t* data = numbers.data();
  const auto n = static_cast<std::ptrdiff_t>(numbers.size());
  std::uint64_t count = 0;
  std::uint64_t sum = 0;
  // Pieces of 4 numbers: a piece costs microseconds to milliseconds, far above the few hundred
  // nanoseconds OpenMP needs to hand one out, and small enough that the last piece ends the run evenly.
#pragma omp parallel for reduction(+ : count, sum) schedule(dynamic, 4)
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    if (is_prime(data[i])) {
      ++count;
      sum += data[i];
    }
  }
  return {count, sum};
}

}  // namespace hpc::parallel
