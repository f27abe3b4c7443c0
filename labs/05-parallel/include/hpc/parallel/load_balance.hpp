// Load balancing: testing whether a number is prime costs more the bigger the number (trial division up
// to its square root), so a list of numbers that grow along it is a workload whose cost grows along it
// too. Cut it into one equal block per thread and the thread with the last block works long after the
// others are done; hand out small pieces on demand and every thread stays busy to the end.
// Lab task 5 (labs/05-parallel/src/load_balance.cpp).
#pragma once

#include <cstdint>
#include <span>

namespace hpc::parallel {

// GIVEN: the book's trial division (chapter 9's example): n is prime when n >= 2 and no odd d with
// 3 <= d and d * d <= n divides it (2 being the only even prime).
inline bool is_prime(std::uint64_t n) {
  if (n < 2) return false;
  if (n % 2 == 0) return n == 2;
  for (std::uint64_t d = 3; d <= n / d; d += 2) {
    if (n % d == 0) return false;
  }
  return true;
}

// How many of the numbers are prime, and their sum. For the 1000 numbers from 10^13 (the book's input):
// 34 primes, summing to 340000000018080.
struct PrimeTally {
  std::uint64_t count = 0;
  std::uint64_t sum = 0;
  friend bool operator==(const PrimeTally&, const PrimeTally&) = default;
};

// A static split: one contiguous block of about numbers.size() / threads numbers per thread, decided
// before any work starts (OpenMP's schedule(static)). Threads: omp_get_max_threads().
PrimeTally tally_primes_static(std::span<const std::uint64_t> numbers);

// A dynamic split: small pieces handed to whichever thread is free (OpenMP's schedule(dynamic, chunk),
// or oneTBB). On numbers whose cost grows along the list it must be at least 1.3x faster than a static
// split on two cores, in the same run.
PrimeTally tally_primes_dynamic(std::span<const std::uint64_t> numbers);

}  // namespace hpc::parallel
