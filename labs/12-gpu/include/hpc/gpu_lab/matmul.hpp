#pragma once
// Lab 12, task 4: matrix multiplication, C = A·B for row-major n×n floats (labs/12-gpu/LAB.md). The kernel
// bodies matmul_naive_body and matmul_tiled_body are templates in matmul.cpp (the device glue compiles that
// file with nvcc); this header declares what runs them on the CPU grid, and the CPU's own blocked version.
#include <cstddef>
#include <cstdint>
#include <span>

#include "hpc/gpu/cpu_grid.hpp"

namespace hpc::gpu_lab {

// One thread per element of C on a grid of tile×tile blocks (ceil(n / tile) blocks per axis), run by
// hpc::gpu::launch. Sizes other than n*n, n < 0 or a tile of 0 or above 32 throw std::invalid_argument.
void matmul_naive_on_cpu_grid(int n, std::span<const float> a, std::span<const float> b, std::span<float> c,
                              unsigned tile = 16, const hpc::gpu::LaunchOptions& options = {});

// The same grid, run by hpc::gpu::launch_cooperative with two tile×tile float tiles of shared memory per
// block; any n (the tiles at the edges are padded with zeros).
void matmul_tiled_on_cpu_grid(int n, std::span<const float> a, std::span<const float> b, std::span<float> c,
                              unsigned tile = 16, const hpc::gpu::LaunchOptions& options = {});

// matmul_tiled_on_cpu_grid's launch, watched through the thread context the body gets: the tests use it to
// tell a tiled kernel from a naive one in disguise. A tiled kernel waits at a barrier at least once per tile
// step, writes its tiles to shared memory before the first barrier, and multiplies from shared memory: after
// its odd-numbered barriers (and its last) it reads neither A nor B. The watched launch gives the body
// copies of A and B that hold NaN from such a barrier to the next one, so a body that reads them then
// spoils its result (not under ThreadSanitizer, where the threads of a block run at once: `watched` false).
struct TiledCounts {
  std::uint64_t threads = 0;           // threads launched
  std::uint64_t barriers = 0;          // sync_threads() calls, all threads together
  std::uint64_t shared_requests = 0;   // shared<T>() calls, all threads together
  bool watched = false;                // A and B were poisoned between the barriers
  std::uint64_t untouched_blocks = 0;  // blocks whose shared memory was all 0xFF at their first barrier
};
TiledCounts matmul_tiled_counted(int n, std::span<const float> a, std::span<const float> b,
                                 std::span<float> c, unsigned tile = 16,
                                 const hpc::gpu::LaunchOptions& options = {});

// The size checks every matmul entry point starts with (given in matmul.cpp): std::invalid_argument naming
// `who`, n and the three sizes unless each is n*n.
void check_matmul_sizes(const char* who, int n, std::size_t a, std::size_t b, std::size_t c);

// The CPU's best effort: cache-blocked loops, OpenMP threads over blocks of rows. Same size checks.
void matmul_cpu_blocked(int n, std::span<const float> a, std::span<const float> b, std::span<float> c);

}  // namespace hpc::gpu_lab
