// Lab 08, task 5 (see labs/08-processes/LAB.md). Replace each body; keep the signatures.
#include "hpc/processes/map_reduce.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::processes {

WordCounts word_count_serial([[maybe_unused]] const std::vector<std::string>& documents) {
  hpc::common::not_implemented();
}

PartitionedCounts word_count_map_reduce([[maybe_unused]] const std::vector<std::string>& documents,
                                        [[maybe_unused]] int threads) {
  hpc::common::not_implemented();
}

}  // namespace hpc::processes
