// Lab 11, task 4 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures.
#include "hpc/races/rw_locks.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

void WriterPreferringLock::lock() { hpc::common::not_implemented(); }
void WriterPreferringLock::unlock() { hpc::common::not_implemented(); }
bool WriterPreferringLock::try_lock() { hpc::common::not_implemented(); }
void WriterPreferringLock::lock_shared() { hpc::common::not_implemented(); }
void WriterPreferringLock::unlock_shared() { hpc::common::not_implemented(); }
bool WriterPreferringLock::try_lock_shared() { hpc::common::not_implemented(); }
int WriterPreferringLock::waiting_readers() const { hpc::common::not_implemented(); }
int WriterPreferringLock::waiting_writers() const { hpc::common::not_implemented(); }

void FairSharedLock::lock() { hpc::common::not_implemented(); }
void FairSharedLock::unlock() { hpc::common::not_implemented(); }
bool FairSharedLock::try_lock() { hpc::common::not_implemented(); }
void FairSharedLock::lock_shared() { hpc::common::not_implemented(); }
void FairSharedLock::unlock_shared() { hpc::common::not_implemented(); }
bool FairSharedLock::try_lock_shared() { hpc::common::not_implemented(); }
int FairSharedLock::waiting_readers() const { hpc::common::not_implemented(); }
int FairSharedLock::waiting_writers() const { hpc::common::not_implemented(); }

}  // namespace hpc::races
