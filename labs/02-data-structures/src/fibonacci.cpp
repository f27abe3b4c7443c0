// Lab 02, task 7 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/fibonacci.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

std::uint64_t fibonacci([[maybe_unused]] int n, [[maybe_unused]] std::uint64_t* calls) {
  hpc::common::not_implemented();
}

std::uint64_t fibonacci_memo([[maybe_unused]] int n, [[maybe_unused]] LruCache<int, std::uint64_t>& cache) {
  hpc::common::not_implemented();
}

}  // namespace hpc::datastructures
