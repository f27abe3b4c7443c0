// Lab 11, task 7 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures.
#include "hpc/races/election.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

bool Election::try_claim([[maybe_unused]] int candidate) { hpc::common::not_implemented(); }

int Election::winner() const { hpc::common::not_implemented(); }

}  // namespace hpc::races
