// Lab 12, task 1 (labs/12-gpu/LAB.md): element-wise kernels with grid-stride loops.
// Everything above the line "given code" is yours; the device glue (chapters/12-gpu/device) compiles this
// file with nvcc as well, so the bodies may use only what thread.hpp allows (t.block_idx, t.thread_idx,
// t.block_dim, t.grid_dim, arithmetic, expf from <math.h>).
#include <math.h>  // expf in the global namespace, as CUDA has it

#include <cstddef>
#include <cstdint>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// y[i] = a * x[i] + y[i] for every i < n, whatever the grid's size: fewer threads than n, or more.
template <class T>
HPC_HD void saxpy_body([[maybe_unused]] const T& t, [[maybe_unused]] std::size_t n, [[maybe_unused]] float a,
                       [[maybe_unused]] const float* x, [[maybe_unused]] float* y) {
  // Your code: a grid-stride loop.
}

// out[i] = expf(x[i]) + expf(y[i]) for every i < n.
template <class T>
HPC_HD void expon_body([[maybe_unused]] const T& t, [[maybe_unused]] std::size_t n,
                       [[maybe_unused]] const float* x, [[maybe_unused]] const float* y,
                       [[maybe_unused]] float* out) {
  // Your code.
}

// gray[row * width + col] = (29*B + 150*G + 77*R + 128) >> 8 with B, G, R the bytes at
// bgr + row * row_stride + 3 * col. x of the grid over columns, y over rows, grid-stride on both axes.
template <class T>
HPC_HD void gray_body([[maybe_unused]] const T& t, [[maybe_unused]] int width, [[maybe_unused]] int height,
                      [[maybe_unused]] const std::uint8_t* bgr, [[maybe_unused]] std::size_t row_stride,
                      [[maybe_unused]] std::uint8_t* gray) {
  // Your code.
}

}  // namespace hpc::gpu_lab

#ifndef HPC_DEVICE_PASS
#include "hpc/common/not_implemented.hpp"
#include "hpc/gpu_lab/launch.hpp"

namespace hpc::gpu_lab {

// Plain host code: the launch shape for n elements (launch.hpp says what it returns and throws).
unsigned blocks_for([[maybe_unused]] std::size_t n, [[maybe_unused]] unsigned threads,
                    [[maybe_unused]] unsigned max_blocks) {
  hpc::common::not_implemented();
}

}  // namespace hpc::gpu_lab
#endif

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/elementwise_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/elementwise_entries.inc"
#endif
