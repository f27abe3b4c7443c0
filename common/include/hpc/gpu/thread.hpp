#pragma once
// One kernel body, two ways to run it (chapter 12). A kernel's per-thread work is written once as a
// function template over its thread context:
//
//     template <class Thread>
//     HPC_HD void scale_body(const Thread& t, std::size_t n, float a, float* y) { ... t.block_idx.x ... }
//
// nvcc compiles it for the GPU with hpc::gpu::DeviceThread (the CUDA built-ins), and every compiler
// compiles it for the CPU grid of cpu_grid.hpp with hpc::gpu::CpuThread, so index arithmetic, bounds
// checks, shared memory and barriers are graded on a machine without a GPU. A body may use only what
// both sides have: the fields below, sync_threads(), shared<T>(), plain arithmetic and the C math
// functions of the global namespace (expf, sqrtf, ...) — no std:: containers, exceptions or I/O.
#include <cstddef>
#include <cstdint>

#if defined(__CUDACC__)
#define HPC_HD __host__ __device__
#else
#define HPC_HD
#endif

namespace hpc::gpu {

// CUDA's dim3 without the CUDA headers: a grid or block shape, or a block or thread index.
struct Dim3 {
  unsigned x = 1, y = 1, z = 1;
  HPC_HD constexpr unsigned count() const { return x * y * z; }
};

#if defined(__CUDACC__)
// The device side: the built-in indices, __syncthreads() and the launch's dynamic shared memory.
struct DeviceThread {
  Dim3 block_idx, thread_idx, block_dim, grid_dim;
  __device__ DeviceThread()
      : block_idx{blockIdx.x, blockIdx.y, blockIdx.z},
        thread_idx{threadIdx.x, threadIdx.y, threadIdx.z},
        block_dim{blockDim.x, blockDim.y, blockDim.z},
        grid_dim{gridDim.x, gridDim.y, gridDim.z} {}
  __device__ void sync_threads() const { __syncthreads(); }
  // The launch's dynamic shared memory (its size is the launch's shared_bytes), as an array of T.
  template <class T>
  __device__ T* shared() const {
    extern __shared__ unsigned char hpc_dynamic_shared[];
    return reinterpret_cast<T*>(hpc_dynamic_shared);
  }
};
#endif

}  // namespace hpc::gpu
