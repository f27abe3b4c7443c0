// Lab 06, task 5 (see labs/06-threads/LAB.md). Replace each body; keep the signatures.
#include "hpc/threads/count_primes.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::threads {

bool is_prime([[maybe_unused]] std::int64_t n) { hpc::common::not_implemented(); }

std::int64_t count_primes([[maybe_unused]] std::int64_t begin, [[maybe_unused]] std::int64_t end) {
  hpc::common::not_implemented();
}

std::int64_t count_primes_parallel([[maybe_unused]] std::int64_t begin, [[maybe_unused]] std::int64_t end,
                                   [[maybe_unused]] int threads) {
  hpc::common::not_implemented();
}

}  // namespace hpc::threads
