#pragma once
// What both halves of lab 12's device glue share (lab_device.cu: the kernels and cuBLAS;
// lab_device_thrust.cu: Thrust): device memory freed on every way out, CUDA-event timing, the size check.
// Given code, compiled by nvcc only. Inline in a named namespace: each .cu file that includes it gets the
// same definitions, and nvcc does not warn about the members one of them leaves unused.
#include <cuda_runtime.h>

#include <cstddef>
#include <stdexcept>
#include <string>

#include "hpc/gpu/cuda_check.hpp"
#include "hpc/gpu_lab/device.hpp"

namespace hpc::gpu_lab::glue {

// Device memory for `count` elements of T, freed on every way out (an exception included).
template <class T>
class DeviceBuffer {
 public:
  explicit DeviceBuffer(std::size_t count) : count_(count) {
    if (count_ != 0) HPC_CUDA_CHECK(cudaMalloc(&data_, count_ * sizeof(T)));
  }
  ~DeviceBuffer() {
    if (data_ != nullptr) cudaFree(data_);  // no throw from a destructor: a failed free is ignored
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  T* get() const { return data_; }
  std::size_t bytes() const { return count_ * sizeof(T); }
  void upload(const T* host) {
    if (count_ != 0) HPC_CUDA_CHECK(cudaMemcpy(data_, host, bytes(), cudaMemcpyHostToDevice));
  }
  void download(T* host) const {
    if (count_ != 0) HPC_CUDA_CHECK(cudaMemcpy(host, data_, bytes(), cudaMemcpyDeviceToHost));
  }

 private:
  std::size_t count_;
  T* data_ = nullptr;
};

// Four events around copies in, kernel, copies out.
class Timeline {
 public:
  Timeline() {
    for (cudaEvent_t& e : events_) HPC_CUDA_CHECK(cudaEventCreate(&e));
  }
  ~Timeline() {
    for (cudaEvent_t e : events_) cudaEventDestroy(e);
  }
  Timeline(const Timeline&) = delete;
  Timeline& operator=(const Timeline&) = delete;

  void start() { HPC_CUDA_CHECK(cudaEventRecord(events_[0])); }
  void kernel_starts() { HPC_CUDA_CHECK(cudaEventRecord(events_[1])); }
  // After the launch: a bad configuration shows in cudaGetLastError, a fault in the kernel at the sync.
  void kernel_ends() {
    HPC_CUDA_CHECK(cudaGetLastError());
    HPC_CUDA_CHECK(cudaEventRecord(events_[2]));
  }
  DeviceTiming finish() {
    HPC_CUDA_CHECK(cudaEventRecord(events_[3]));
    HPC_CUDA_CHECK(cudaEventSynchronize(events_[3]));
    float total_ms = 0, kernel_ms = 0;
    HPC_CUDA_CHECK(cudaEventElapsedTime(&total_ms, events_[0], events_[3]));
    HPC_CUDA_CHECK(cudaEventElapsedTime(&kernel_ms, events_[1], events_[2]));
    return {total_ms / 1e3, kernel_ms / 1e3};
  }

 private:
  cudaEvent_t events_[4] = {};
};

inline void require_same_size(const char* what, std::size_t a, std::size_t b) {
  if (a != b) {
    throw std::invalid_argument(std::string(what) + ": sizes differ (" + std::to_string(a) + " and " +
                                std::to_string(b) + ")");
  }
}

}  // namespace hpc::gpu_lab::glue
