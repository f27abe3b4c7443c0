// The parts of hpc/gpu/device.hpp that need no CUDA: the error types' messages and require_device().
// Compiled into both hpc::cuda and the fallback without nvcc, so the wording is the same in both.
#include <string>
#include <utility>

#include "hpc/gpu/device.hpp"

namespace hpc::gpu {

namespace {

// lab_device.cu:41 rather than the build machine's absolute path: the message is for a student's eyes.
std::string base_name(const char* file) {
  const std::string path = file == nullptr ? "?" : file;
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

CudaError::CudaError(std::string call, std::string error_name, const std::string& error_text,
                     const char* file, int line)
    : std::runtime_error(call + " failed: " + error_name + " (" + error_text + ") at " + base_name(file) +
                         ":" + std::to_string(line)),
      call_(std::move(call)),
      error_name_(std::move(error_name)) {}

void require_device() {
  const DeviceInfo& info = device_info();
  if (!info.available) throw NoDevice("no CUDA device: " + info.reason);
}

}  // namespace hpc::gpu
