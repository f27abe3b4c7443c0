// Seed 000's Cython example in C++: the first kmax primes (at most 1000), each candidate tried
// against the primes found so far. Used by demos/primes.cpp and bench/bench_kernels.cpp.
#pragma once

#include <algorithm>
#include <array>
#include <vector>

namespace hpc::profiling::demo {

inline constexpr int kMaxPrimes = 1000;  // the seed keeps its primes in a fixed array of 1000

// [snippet:primes]
inline std::vector<int> first_primes(int kmax) {
  kmax = std::clamp(kmax, 0, kMaxPrimes);
  std::array<int, kMaxPrimes> known{};  // a fixed array on the stack, like Cython's cdef int p[1000]
  int count = 0;
  std::vector<int> result;
  result.reserve(static_cast<std::size_t>(kmax));
  for (int candidate = 2; count < kmax; ++candidate) {
    int i = 0;
    while (i < count && candidate % known[i] != 0) ++i;  // stops at the first divisor
    if (i == count) {                                    // no known prime divides it
      known[count++] = candidate;
      result.push_back(candidate);
    }
  }
  return result;
}
// [/snippet:primes]

}  // namespace hpc::profiling::demo
