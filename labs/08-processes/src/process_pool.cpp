// Lab 08, task 3 (see labs/08-processes/LAB.md): the open-design task. Add what you need to State and to
// this file; keep the public interface of process_pool.hpp.
#include "hpc/processes/process_pool.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::processes {

struct ProcessPool::State {};

ProcessPool::ProcessPool([[maybe_unused]] unsigned workers) { hpc::common::not_implemented(); }

ProcessPool::~ProcessPool() = default;

std::vector<TaskResult> ProcessPool::map([[maybe_unused]] TaskFunction fn,
                                         [[maybe_unused]] const std::vector<std::string>& inputs) {
  hpc::common::not_implemented();
}

std::vector<std::string> ProcessPool::map_values([[maybe_unused]] TaskFunction fn,
                                                 [[maybe_unused]] const std::vector<std::string>& inputs) {
  hpc::common::not_implemented();
}

unsigned ProcessPool::size() const { hpc::common::not_implemented(); }

std::vector<pid_t> ProcessPool::worker_pids() const { hpc::common::not_implemented(); }

}  // namespace hpc::processes
