// The countdown loops built with -O2. The flag is set on this file alone in the chapter's CMakeLists.txt,
// after the build type's flags, so it wins whatever the build type.
#include "countdown_kernels.hpp"

namespace hpc::profiling::demo::o2 {
#include "countdown_kernel.inc"
}  // namespace hpc::profiling::demo::o2
