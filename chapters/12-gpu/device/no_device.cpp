// Lab 12's device entry points in a build without nvcc: each one says why there is no device (the reason
// of hpc::gpu::device_info(), e.g. "this build has no CUDA compiler (nvcc)") instead of failing to link,
// so the tests, demos and benchmarks that ask for a device compile everywhere and skip with the reason.
#include <string>

#include "hpc/gpu/device.hpp"
#include "hpc/gpu_lab/device.hpp"

namespace hpc::gpu_lab {
namespace {

[[noreturn]] void no_device(const char* who) {
  hpc::gpu::require_device();  // throws NoDevice with the reason; the line below only if it did not
  throw hpc::gpu::NoDevice(std::string(who) +
                           ": this build of lab 12 has no CUDA device code (built without nvcc)");
}

}  // namespace

DeviceTiming saxpy_on_device(float, std::span<const float>, std::span<float>, Launch) {
  no_device("saxpy_on_device");
}
DeviceTiming expon_on_device(std::span<const float>, std::span<const float>, std::span<float>, Launch) {
  no_device("expon_on_device");
}
DeviceTiming gray_on_device(int, int, std::span<const std::uint8_t>, std::size_t, std::span<std::uint8_t>) {
  no_device("gray_on_device");
}
PiResult estimate_pi_on_device(std::uint64_t, std::uint64_t, Launch) { no_device("estimate_pi_on_device"); }
double sum_on_device(std::span<const float>, Launch, DeviceTiming*) { no_device("sum_on_device"); }
DeviceTiming matmul_naive_on_device(int, std::span<const float>, std::span<const float>, std::span<float>,
                                    unsigned) {
  no_device("matmul_naive_on_device");
}
DeviceTiming matmul_tiled_on_device(int, std::span<const float>, std::span<const float>, std::span<float>,
                                    unsigned) {
  no_device("matmul_tiled_on_device");
}
DeviceTiming matmul_cublas_on_device(int, std::span<const float>, std::span<const float>, std::span<float>) {
  no_device("matmul_cublas_on_device");
}
double thrust_sum_on_device(std::span<const float>) { no_device("thrust_sum_on_device"); }
void thrust_expon_on_device(std::span<const float>, std::span<const float>, std::span<float>) {
  no_device("thrust_expon_on_device");
}

}  // namespace hpc::gpu_lab
