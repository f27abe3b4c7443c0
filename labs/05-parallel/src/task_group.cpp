// Lab 05, task 6 (see labs/05-parallel/LAB.md): a work-stealing task group of your own design.
// Define TaskGroup::Impl with whatever your design needs (deques, locks or atomics, a way to sleep),
// and replace each body. Keep the signatures of labs/05-parallel/include/hpc/parallel/task_group.hpp.
#include "hpc/parallel/task_group.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::parallel {

struct TaskGroup::Impl {};

TaskGroup::TaskGroup([[maybe_unused]] unsigned workers) { hpc::common::not_implemented(); }

// A destructor must not throw, so this one is not a stub. (While the constructor above throws, no
// TaskGroup is ever built and this never runs.) Yours must wait for the tasks and join every worker.
TaskGroup::~TaskGroup() = default;

void TaskGroup::run([[maybe_unused]] std::function<void()> task) { hpc::common::not_implemented(); }

void TaskGroup::wait() { hpc::common::not_implemented(); }

}  // namespace hpc::parallel
