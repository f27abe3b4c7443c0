// device_info() in a build without a CUDA compiler: there is never a device to use, whatever the machine
// has, because no kernel was compiled. The reason tells the student what to do about it.
#include "hpc/gpu/device.hpp"

namespace hpc::gpu {

const DeviceInfo& device_info() {
  static const DeviceInfo info = [] {
    DeviceInfo i;
    i.reason = "this build has no CUDA compiler (nvcc): install the CUDA toolkit and configure again";
    return i;
  }();
  return info;
}

}  // namespace hpc::gpu
