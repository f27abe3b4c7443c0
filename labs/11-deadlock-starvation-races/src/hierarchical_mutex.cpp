// Lab 11, task 2 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures
// and the definition of this_thread_level_.
#include "hpc/races/hierarchical_mutex.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

thread_local unsigned HierarchicalMutex::this_thread_level_ = HierarchicalMutex::no_level;

HierarchicalMutex::HierarchicalMutex(unsigned level) : level_(level) {}

void HierarchicalMutex::lock() { hpc::common::not_implemented(); }

void HierarchicalMutex::unlock() { hpc::common::not_implemented(); }

bool HierarchicalMutex::try_lock() { hpc::common::not_implemented(); }

unsigned HierarchicalMutex::this_thread_level() { hpc::common::not_implemented(); }

}  // namespace hpc::races
