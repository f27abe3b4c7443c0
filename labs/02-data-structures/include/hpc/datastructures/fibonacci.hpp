// The book's Fibonacci, naive and memoized, to show exponential against linear work.
// Lab task 7 (labs/02-data-structures/src/fibonacci.cpp).
#pragma once

#include <cstdint>

#include "hpc/datastructures/lru_cache.hpp"

namespace hpc::datastructures {

// The book's definition: fibonacci(n) = 1 for n < 1, else fibonacci(n - 1) + fibonacci(n - 2). So
// fibonacci(0) = 1, fibonacci(1) = 2, fibonacci(20) = 17711. Plain recursion, no caching; when `calls`
// is not null it is incremented once per call, recursive calls included.
std::uint64_t fibonacci(int n, std::uint64_t* calls = nullptr);

// The same recursion with every call, the first and every recursive one (n < 1 included), going through
// cache.get_or_compute(n, ...). The cache is the caller's, so a test can start from an empty one and
// read cache_info() afterwards.
std::uint64_t fibonacci_memo(int n, LruCache<int, std::uint64_t>& cache);

}  // namespace hpc::datastructures
