// Lab 06, task 6 (see labs/06-threads/LAB.md): the open-design queue. Define Impl as you like (the
// header only declares it), then replace each body; keep the signatures.
#include "hpc/threads/mpmc_queue.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::threads {

struct MpmcQueue::Impl {};

MpmcQueue::MpmcQueue([[maybe_unused]] std::size_t capacity) { hpc::common::not_implemented(); }

// The destructor must not throw, so it is not a stub (while the constructor throws, it never runs).
MpmcQueue::~MpmcQueue() = default;

bool MpmcQueue::try_push([[maybe_unused]] std::int64_t item) { hpc::common::not_implemented(); }

std::optional<std::int64_t> MpmcQueue::try_pop() { hpc::common::not_implemented(); }

void MpmcQueue::push([[maybe_unused]] std::int64_t item) { hpc::common::not_implemented(); }

std::int64_t MpmcQueue::pop() { hpc::common::not_implemented(); }

std::size_t MpmcQueue::capacity() const { hpc::common::not_implemented(); }

}  // namespace hpc::threads
