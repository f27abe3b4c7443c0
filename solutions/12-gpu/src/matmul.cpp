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

// ---- given code: the CPU entry points (do not change) --------------------------------------------------
#ifndef HPC_DEVICE_PASS
#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/gpu_lab/matmul.hpp"

namespace hpc::gpu_lab {

void check_matmul_sizes(const char* who, int n, std::size_t a, std::size_t b, std::size_t c) {
  if (n < 0) throw std::invalid_argument(std::string(who) + ": n = " + std::to_string(n) + " is negative");
  const std::size_t want = std::size_t(n) * std::size_t(n);
  if (a != want || b != want || c != want) {
    throw std::invalid_argument(std::string(who) + ": n = " + std::to_string(n) + " needs " +
                                std::to_string(want) + " elements in A, B and C; they hold " +
                                std::to_string(a) + ", " + std::to_string(b) + " and " + std::to_string(c));
  }
}

namespace {

hpc::gpu::Dim3 matmul_grid(const char* who, int n, unsigned tile) {
  if (tile == 0 || tile > 32) {
    throw std::invalid_argument(std::string(who) + ": tile " + std::to_string(tile) + " (1 to 32 allowed)");
  }
  const unsigned blocks = (unsigned(n) + tile - 1) / tile;
  return {blocks, blocks, 1};
}

// Under ThreadSanitizer the cooperative grid runs the threads of a block at once: the watch below (the first
// thread past a barrier poisons or restores A and B for all) would race there, so it is left out.
#if defined(__SANITIZE_THREAD__)
constexpr bool kConcurrentGrid = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kConcurrentGrid = true;
#else
constexpr bool kConcurrentGrid = false;
#endif
#else
constexpr bool kConcurrentGrid = false;
#endif

// What a tiled body reads between its barriers. A tiled kernel loads tiles from A and B, waits, multiplies
// tiles from shared memory, waits, and so on: after its odd-numbered barriers (and after its last) it has
// no reason to read A or B. The body gets copies of A and B, which the first thread past such a barrier
// fills with NaN and the first thread past the next barrier restores, so a body that computes from
// global memory between the barriers spoils its result. The blocks run one after another.
class TileWatch {
 public:
  TileWatch(int n, unsigned tile, std::span<const float> a, std::span<const float> b)
      : a_given_(a),
        b_given_(b),
        a_(a.begin(), a.end()),
        b_(b.begin(), b.end()),
        steps_((unsigned(n) + tile - 1) / tile),
        shared_bytes_(2 * std::size_t(tile) * tile * sizeof(float)) {}
  const float* a() const { return a_.data(); }
  const float* b() const { return b_.data(); }
  std::uint64_t untouched_blocks() const { return untouched_blocks_; }

  // Every thread, before the body: the first thread of a block starts it with A and B readable.
  void thread_starts(std::uint64_t block) {
    if (block == block_) return;
    block_ = block;
    barrier_ = 0;
    readable(true);
  }
  // Every thread, past its barrier number `number` (from 1) of block `block`.
  void past_barrier(std::uint64_t block, unsigned number, const hpc::gpu::CpuThread& t) {
    if (block == block_ && number == barrier_) return;  // another thread of the block did it already
    block_ = block;
    barrier_ = number;
    if (number == 1) {  // the first load phase is over: the tiles in shared memory must have been written
      const auto* bytes = t.template shared<unsigned char>();
      if (std::all_of(bytes, bytes + shared_bytes_, [](unsigned char v) { return v == 0xFF; }))
        ++untouched_blocks_;
    }
    readable(number % 2 == 0 && number < 2 * steps_);
  }

 private:
  void readable(bool yes) {
    if (yes == readable_) return;
    readable_ = yes;
    if (yes) {
      std::copy(a_given_.begin(), a_given_.end(), a_.begin());
      std::copy(b_given_.begin(), b_given_.end(), b_.begin());
    } else {
      std::fill(a_.begin(), a_.end(), std::numeric_limits<float>::quiet_NaN());
      std::fill(b_.begin(), b_.end(), std::numeric_limits<float>::quiet_NaN());
    }
  }
  std::span<const float> a_given_, b_given_;
  std::vector<float> a_, b_;
  unsigned steps_;
  std::size_t shared_bytes_;
  bool readable_ = true;
  std::uint64_t block_ = ~std::uint64_t(0);
  unsigned barrier_ = 0;
  std::uint64_t untouched_blocks_ = 0;
};

// The CPU grid's thread context with two counters and the watch: what the tests ask of a "tiled" body is
// that it waits at barriers, uses shared memory and multiplies from it, which its result alone cannot show.
struct CountingThread {
  hpc::gpu::Dim3 block_idx, thread_idx, block_dim, grid_dim;
  const hpc::gpu::CpuThread* inner;
  std::atomic<std::uint64_t>* barriers;
  std::atomic<std::uint64_t>* shared_requests;
  TileWatch* watch;             // null under ThreadSanitizer
  mutable unsigned passed = 0;  // this thread's barriers so far

  void sync_threads() const {
    barriers->fetch_add(1, std::memory_order_relaxed);
    inner->sync_threads();
    if (watch != nullptr)
      watch->past_barrier(std::uint64_t(block_idx.y) * grid_dim.x + block_idx.x, ++passed, *inner);
  }
  template <class U>
  U* shared() const {
    shared_requests->fetch_add(1, std::memory_order_relaxed);
    return inner->template shared<U>();
  }
};

}  // namespace

void matmul_naive_on_cpu_grid(int n, std::span<const float> a, std::span<const float> b, std::span<float> c,
                              unsigned tile, const hpc::gpu::LaunchOptions& options) {
  check_matmul_sizes("matmul_naive_on_cpu_grid", n, a.size(), b.size(), c.size());
  const hpc::gpu::Dim3 grid = matmul_grid("matmul_naive_on_cpu_grid", n, tile);
  if (n == 0) return;
  hpc::gpu::launch(
      grid, {tile, tile, 1},
      [&](const hpc::gpu::CpuThread& t) { matmul_naive_body(t, n, a.data(), b.data(), c.data()); }, options);
}

TiledCounts matmul_tiled_counted(int n, std::span<const float> a, std::span<const float> b,
                                 std::span<float> c, unsigned tile, const hpc::gpu::LaunchOptions& options) {
  check_matmul_sizes("matmul_tiled_on_cpu_grid", n, a.size(), b.size(), c.size());
  const hpc::gpu::Dim3 grid = matmul_grid("matmul_tiled_on_cpu_grid", n, tile);
  if (n == 0) return {};
  std::atomic<std::uint64_t> barriers{0}, shared_requests{0};
  TileWatch watch(n, tile, a, b);
  TileWatch* const watching = kConcurrentGrid ? nullptr : &watch;
  hpc::gpu::launch_cooperative(
      grid, {tile, tile, 1}, 2 * tile * tile * sizeof(float),
      [&](const hpc::gpu::CpuThread& t) {
        const CountingThread counted{t.block_idx, t.thread_idx, t.block_dim,      t.grid_dim,
                                     &t,          &barriers,    &shared_requests, watching};
        if (watching == nullptr) return matmul_tiled_body(counted, n, a.data(), b.data(), c.data());
        watching->thread_starts(std::uint64_t(t.block_idx.y) * grid.x + t.block_idx.x);
        matmul_tiled_body(counted, n, watching->a(), watching->b(), c.data());
      },
      options);
  return {std::uint64_t(grid.count()) * tile * tile, barriers.load(), shared_requests.load(),
          watching != nullptr, watch.untouched_blocks()};
}

void matmul_tiled_on_cpu_grid(int n, std::span<const float> a, std::span<const float> b, std::span<float> c,
                              unsigned tile, const hpc::gpu::LaunchOptions& options) {
  check_matmul_sizes("matmul_tiled_on_cpu_grid", n, a.size(), b.size(), c.size());
  const hpc::gpu::Dim3 grid = matmul_grid("matmul_tiled_on_cpu_grid", n, tile);
  if (n == 0) return;
  hpc::gpu::launch_cooperative(
      grid, {tile, tile, 1}, 2 * tile * tile * sizeof(float),
      [&](const hpc::gpu::CpuThread& t) { matmul_tiled_body(t, n, a.data(), b.data(), c.data()); }, options);
}

}  // namespace hpc::gpu_lab
#endif
