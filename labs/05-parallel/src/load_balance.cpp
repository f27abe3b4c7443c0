// Lab 05, task 5 (see labs/05-parallel/LAB.md). Replace each body; keep the signatures.
#include "hpc/parallel/load_balance.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::parallel {

PrimeTally tally_primes_static([[maybe_unused]] std::span<const std::uint64_t> numbers) {
  hpc::common::not_implemented();
}

PrimeTally tally_primes_dynamic([[maybe_unused]] std::span<const std::uint64_t> numbers) {
  hpc::common::not_implemented();
}

}  // namespace hpc::parallel
