// The countdown loops of countdown_kernel.inc, once per optimisation level.
#pragma once

namespace hpc::profiling::demo {

namespace o0 {  // built with -O0: every variable lives in memory, nothing is removed
void countdown_result_unused(long n);
void countdown_kept(long n);
void countdown_volatile(long n);
}  // namespace o0

namespace o2 {  // built with -O2
void countdown_result_unused(long n);
void countdown_kept(long n);
void countdown_volatile(long n);
}  // namespace o2

}  // namespace hpc::profiling::demo
