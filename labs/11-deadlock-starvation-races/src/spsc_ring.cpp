// Lab 11, task 9 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures.
// The layout is yours: put the data members you choose into SpscRing::Impl below.
#include "hpc/races/spsc_ring.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

struct SpscRing::Impl {};

SpscRing::SpscRing([[maybe_unused]] std::size_t capacity) { hpc::common::not_implemented(); }

SpscRing::~SpscRing() = default;

bool SpscRing::try_push([[maybe_unused]] std::uint64_t item) { hpc::common::not_implemented(); }

bool SpscRing::try_pop([[maybe_unused]] std::uint64_t& item) { hpc::common::not_implemented(); }

std::size_t SpscRing::capacity() const { hpc::common::not_implemented(); }

}  // namespace hpc::races
