// Lab 12, task 4 (labs/12-gpu/LAB.md): C = A·B for row-major n×n floats, three ways. Everything above the
// line "given code" is yours; the device glue (chapters/12-gpu/device) compiles the two bodies with nvcc
// too, so they may use only what thread.hpp allows. matmul_cpu_blocked is plain host code (OpenMP).
#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// One thread per element of C: row from the y axis, column from the x axis, so the threads of a warp
// (consecutive x) read consecutive elements of a row of B and write consecutive elements of C.
template <class T>
HPC_HD void matmul_naive_body(const T& t, int n, const float* a, const float* b, float* c) {
  const int row = int(t.block_idx.y * t.block_dim.y + t.thread_idx.y);
  const int col = int(t.block_idx.x * t.block_dim.x + t.thread_idx.x);
  if (row >= n || col >= n) return;
  float acc = 0;
  for (int k = 0; k < n; ++k) acc += a[std::size_t(row) * n + k] * b[std::size_t(k) * n + col];
  c[std::size_t(row) * n + col] = acc;
}

// Element (r, c) of an n×n matrix, or 0 outside it: the padding that lets the last, partial tile be
// multiplied like the others.
HPC_HD inline float element_or_zero(const float* m, int n, int r, int c) {
  return r < n && c < n ? m[std::size_t(r) * n + c] : 0.0f;
}

// Square tiles of blockDim.x == blockDim.y: each step, the block copies one tile of A and one of B into
// shared memory (every thread one element of each), waits, and every thread takes its dot product over
// the tile from shared memory: each element of A and B is read from global memory n / tile times instead
// of n times.
template <class T>
HPC_HD void matmul_tiled_body(const T& t, int n, const float* a, const float* b, float* c) {
  const int tile = int(t.block_dim.x);
  float* a_tile = t.template shared<float>();
  float* b_tile = a_tile + tile * tile;
  const int tx = int(t.thread_idx.x);
  const int ty = int(t.thread_idx.y);
  const int row = int(t.block_idx.y) * tile + ty;
  const int col = int(t.block_idx.x) * tile + tx;
  const int slot = ty * tile + tx;
  float acc = 0;
  for (int k0 = 0; k0 < n; k0 += tile) {  // one step per tile of the shared dimension
    a_tile[slot] = element_or_zero(a, n, row, k0 + tx);
    b_tile[slot] = element_or_zero(b, n, k0 + ty, col);
    t.sync_threads();  // both tiles are complete before anyone multiplies
    for (int k = 0; k < tile; ++k) acc += a_tile[ty * tile + k] * b_tile[k * tile + tx];
    // Nobody overwrites a tile that another thread still reads.
    t.sync_threads();
  }
  if (row < n && col < n) c[std::size_t(row) * n + col] = acc;
}

}  // namespace hpc::gpu_lab

#ifndef HPC_DEVICE_PASS
#include <algorithm>
#include <span>

#include "hpc/gpu_lab/matmul.hpp"

namespace hpc::gpu_lab {

// Blocks of kBlock×kBlock: a block of B (16 KiB) stays in the L1/L2 cache while a block of rows of A uses
// it; the innermost loop runs along rows of B and C (unit stride, vectorised). Each thread owns whole
// blocks of rows of C, so no two threads ever write the same element.
void matmul_cpu_blocked(int n, std::span<const float> a, std::span<const float> b, std::span<float> c) {
  check_matmul_sizes("matmul_cpu_blocked", n, a.size(), b.size(), c.size());
  constexpr int kBlock = 64;
  const float* pa = a.data();
  const float* pb = b.data();
  float* pc = c.data();
  std::fill(c.begin(), c.end(), 0.0f);
#pragma omp parallel for schedule(static)
  for (int ib = 0; ib < n; ib += kBlock)
    for (int kb = 0; kb < n; kb += kBlock)
      for (int jb = 0; jb < n; jb += kBlock) {
        const int i_end = std::min(ib + kBlock, n), k_end = std::min(kb + kBlock, n);
        const int j_end = std::min(jb + kBlock, n);
        for (int i = ib; i < i_end; ++i) {
          float* c_row = pc + std::size_t(i) * n;
          for (int k = kb; k < k_end; ++k) {
            const float a_ik = pa[std::size_t(i) * n + k];
            const float* b_row = pb + std::size_t(k) * n;
#pragma omp simd
            for (int j = jb; j < j_end; ++j) c_row[j] += a_ik * b_row[j];
          }
        }
      }
}

}  // namespace hpc::gpu_lab
#endif

// ---- given code: the CPU entry points, in hpc/gpu_lab/given/matmul_entries.inc (do not change) ----
#ifndef HPC_DEVICE_PASS
#include "hpc/gpu_lab/given/matmul_entries.inc"
#endif
