// Counting primes with several threads: CPU-bound work that C++ threads really do speed up (Python's
// threads cannot, because of the global interpreter lock).
// Lab task 5 (labs/06-threads/src/count_primes.cpp).
#pragma once

#include <cstdint>

namespace hpc::threads {

// Trial division: n is prime when n >= 2 and no d with 2 <= d and d * d <= n divides it.
// (The chapter's demos use this same test.)
bool is_prime(std::int64_t n);

// The number of primes p with begin <= p < end, on the calling thread (0 when begin >= end).
std::int64_t count_primes(std::int64_t begin, std::int64_t end);

// The same count with `threads` threads (the calling thread may be one of them); exactly equal to
// count_primes(begin, end). Throws std::invalid_argument when threads < 1.
// Note that testing a big number costs more than testing a small one: cut the range so that every
// thread gets about the same amount of work, not the same number of numbers.
std::int64_t count_primes_parallel(std::int64_t begin, std::int64_t end, int threads);

}  // namespace hpc::threads
