// Reference solution, lab 02 task 7: the book's Fibonacci, naive and through an LRU cache.
#include "hpc/datastructures/fibonacci.hpp"

namespace hpc::datastructures {

std::uint64_t fibonacci(int n, std::uint64_t* calls) {
  if (calls != nullptr) ++*calls;
  if (n < 1) return 1;
  return fibonacci(n - 1, calls) + fibonacci(n - 2, calls);
}

std::uint64_t fibonacci_memo(int n, LruCache<int, std::uint64_t>& cache) {
  // The recursion calls fibonacci_memo, not fibonacci: wrapping only the outer call (the book's
  // benchmark) would leave every recursive call uncached.
  return cache.get_or_compute(n, [&cache](const int& m) -> std::uint64_t {
    if (m < 1) return 1;
    return fibonacci_memo(m - 1, cache) + fibonacci_memo(m - 2, cache);
  });
}

}  // namespace hpc::datastructures
