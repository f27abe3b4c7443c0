// Lab 08, task 2 (see labs/08-processes/LAB.md). Replace each body; keep the signatures.
#include "hpc/processes/pipe_queue.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::processes {

PipeQueue::PipeQueue() { hpc::common::not_implemented(); }

PipeQueue::~PipeQueue() = default;

void PipeQueue::put([[maybe_unused]] std::string_view message) { hpc::common::not_implemented(); }

std::optional<std::string> PipeQueue::get() { hpc::common::not_implemented(); }

void PipeQueue::close_writer() { hpc::common::not_implemented(); }

void PipeQueue::close_reader() { hpc::common::not_implemented(); }

PoisonPillRun run_with_poison_pills([[maybe_unused]] WorkFunction work,
                                    [[maybe_unused]] const std::vector<std::string>& inputs,
                                    [[maybe_unused]] unsigned consumers) {
  hpc::common::not_implemented();
}

}  // namespace hpc::processes
