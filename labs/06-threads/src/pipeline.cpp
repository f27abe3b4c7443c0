// Lab 06, task 2 (see labs/06-threads/LAB.md). Replace the body; keep the signature.
// Build it from your BoundedQueue<std::int64_t> (task 1).
#include "hpc/threads/pipeline.hpp"

#include "hpc/common/not_implemented.hpp"
#include "hpc/threads/bounded_queue.hpp"

namespace hpc::threads {

std::vector<std::int64_t> run_pipeline([[maybe_unused]] const std::vector<std::int64_t>& inputs,
                                       [[maybe_unused]] const std::vector<Stage>& stages,
                                       [[maybe_unused]] std::size_t queue_capacity) {
  hpc::common::not_implemented();
}

}  // namespace hpc::threads
