// Lab 11, task 1 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures.
#include "hpc/races/transfers.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

void transfer_ordered([[maybe_unused]] Account& from, [[maybe_unused]] Account& to,
                      [[maybe_unused]] long long amount,
                      [[maybe_unused]] const AfterFirstLock& after_first_lock) {
  hpc::common::not_implemented();
}

void transfer_scoped([[maybe_unused]] Account& from, [[maybe_unused]] Account& to,
                     [[maybe_unused]] long long amount) {
  hpc::common::not_implemented();
}

bool transfer_timed([[maybe_unused]] Account& from, [[maybe_unused]] Account& to,
                    [[maybe_unused]] long long amount, [[maybe_unused]] std::chrono::milliseconds budget,
                    [[maybe_unused]] const AfterFirstLock& after_first_lock) {
  hpc::common::not_implemented();
}

}  // namespace hpc::races
