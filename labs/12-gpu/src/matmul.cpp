// Lab 12, task 4 (labs/12-gpu/LAB.md): C = A·B for row-major n×n floats, three ways. Everything above the
// line "given code" is yours; the device glue (chapters/12-gpu/device) compiles the two bodies with nvcc
// too, so they may use only what thread.hpp allows. matmul_cpu_blocked is plain host code (OpenMP).
#include <cstddef>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

// One thread per element of C (row from the y axis, column from the x axis); threads outside C do nothing.
template <class T>
HPC_HD void matmul_naive_body([[maybe_unused]] const T& t, [[maybe_unused]] int n,
                              [[maybe_unused]] const float* a, [[maybe_unused]] const float* b,
                              [[maybe_unused]] float* c) {}

// Square tiles of blockDim.x == blockDim.y; shared<float>() holds two tiles (one of A, one of B); any n (the
// tiles at the edges padded with zeros).
template <class T>
HPC_HD void matmul_tiled_body([[maybe_unused]] const T& t, [[maybe_unused]] int n,
                              [[maybe_unused]] const float* a, [[maybe_unused]] const float* b,
                              [[maybe_unused]] float* c) {}

}  // namespace hpc::gpu_lab

#ifndef HPC_DEVICE_PASS
#include <span>

#include "hpc/common/not_implemented.hpp"
#include "hpc/gpu_lab/matmul.hpp"

namespace hpc::gpu_lab {

// Cache-blocked and OpenMP-parallel; start with check_matmul_sizes("matmul_cpu_blocked", n, a.size(), ...).
void matmul_cpu_blocked([[maybe_unused]] int n, [[maybe_unused]] std::span<const float> a,
                        [[maybe_unused]] std::span<const float> b, [[maybe_unused]] std::span<float> c) {
  hpc::common::not_implemented();
}

}  // namespace hpc::gpu_lab
#endif

// ---- given code: the CPU entry points (do not change) --------------------------------------------------
#ifndef HPC_DEVICE_PASS
#include <atomic>
#include <stdexcept>
#include <string>

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

// The CPU grid's thread context with two counters: what the tests ask of a "tiled" body is that it waits
// at barriers and uses shared memory, which its result alone cannot show.
struct CountingThread {
  hpc::gpu::Dim3 block_idx, thread_idx, block_dim, grid_dim;
  const hpc::gpu::CpuThread* inner;
  std::atomic<std::uint64_t>* barriers;
  std::atomic<std::uint64_t>* shared_requests;

  void sync_threads() const {
    barriers->fetch_add(1, std::memory_order_relaxed);
    inner->sync_threads();
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
  hpc::gpu::launch_cooperative(
      grid, {tile, tile, 1}, 2 * tile * tile * sizeof(float),
      [&](const hpc::gpu::CpuThread& t) {
        const CountingThread counted{t.block_idx, t.thread_idx, t.block_dim,     t.grid_dim,
                                     &t,          &barriers,    &shared_requests};
        matmul_tiled_body(counted, n, a.data(), b.data(), c.data());
      },
      options);
  return {std::uint64_t(grid.count()) * tile * tile, barriers.load(), shared_requests.load()};
}

void matmul_tiled_on_cpu_grid(int n, std::span<const float> a, std::span<const float> b, std::span<float> c,
                              unsigned tile, const hpc::gpu::LaunchOptions& options) {
  matmul_tiled_counted(n, a, b, c, tile, options);
}

}  // namespace hpc::gpu_lab
#endif
