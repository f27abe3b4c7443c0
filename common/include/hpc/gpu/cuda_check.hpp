#pragma once
// HPC_CUDA_CHECK(call): runs a CUDA runtime call and throws hpc::gpu::CudaError naming the call, the
// error and the line when it fails. For .cu files (and C++ files that include cuda_runtime.h).
//   HPC_CUDA_CHECK(cudaMalloc(&d_x, bytes));
//   kernel<<<grid, block>>>(...); HPC_CUDA_CHECK(cudaGetLastError());  // a bad launch configuration
#include <cuda_runtime.h>

#include "hpc/gpu/device.hpp"

#define HPC_CUDA_CHECK(call)                                                                          \
  do {                                                                                                \
    const cudaError_t hpc_cuda_status_ = (call);                                                      \
    if (hpc_cuda_status_ != cudaSuccess) {                                                            \
      throw ::hpc::gpu::CudaError(#call, cudaGetErrorName(hpc_cuda_status_),                          \
                                  cudaGetErrorString(hpc_cuda_status_), __FILE__, __LINE__);          \
    }                                                                                                 \
  } while (false)
