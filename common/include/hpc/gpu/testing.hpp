#pragma once
// For GoogleTest tests that need a CUDA device (chapter 12): on a machine without one the test is
// skipped, and the skip says why ("no CUDA device: cudaErrorNoDevice: no CUDA-capable device is detected"
// or "no CUDA device: this build has no CUDA compiler (nvcc): ...").
#include <gtest/gtest.h>

#include "hpc/gpu/device.hpp"

#define HPC_REQUIRE_CUDA_DEVICE()                                             \
  do {                                                                        \
    if (!::hpc::gpu::device_info().available)                                 \
      GTEST_SKIP() << "no CUDA device: " << ::hpc::gpu::device_info().reason; \
  } while (false)
