// Task 1: saxpy and exp(x)+exp(y) on the CPU grid, blocks_for. Every element written exactly once, none
// outside the array, for sizes around the block size and grids smaller and larger than the array.
#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/gpu_lab/elementwise.hpp"

using namespace hpc::gpu_lab;
using namespace hpc::gpu_lab::testing;

namespace {

std::string launch_text(std::size_t n, Launch launch, const hpc::gpu::LaunchOptions& options) {
  const std::string grid = launch.blocks == 0 ? "blocks_for(n, " + std::to_string(launch.threads) + ")"
                                              : std::to_string(launch.blocks);
  return "n = " + std::to_string(n) + ", grid " + grid + " x " + std::to_string(launch.threads) +
         " threads, " + hpc::gpu::to_string(options);
}

std::size_t grid_threads(std::size_t n, Launch launch) {
  const unsigned blocks = launch.blocks != 0 ? launch.blocks : blocks_for(n, launch.threads);
  return static_cast<std::size_t>(blocks) * launch.threads;
}

// Why an element kept its old value: the grid had fewer threads than elements (no grid-stride loop), or
// enough but the index ignores the block.
std::string not_written_reason(std::size_t i, std::size_t n, Launch launch) {
  if (grid_threads(n, launch) <= i) {
    return "the grid has " + std::to_string(grid_threads(n, launch)) +
           " threads, fewer than the elements: only a grid-stride loop (i += blockDim.x * gridDim.x) "
           "reaches element " +
           std::to_string(i);
  }
  return "the grid has a thread for it: is the index blockIdx.x * blockDim.x + threadIdx.x (not threadIdx.x "
         "alone)? Or is the body still the stub?";
}

// "" or the first problem of one saxpy run.
std::string check_saxpy(std::size_t n, Launch launch, const hpc::gpu::LaunchOptions& options) {
  const float a = 1.75f;
  const std::vector<float> x0 = random_floats(n, 1 + n, -4.0f, 4.0f);
  const std::vector<float> y0 = random_floats(n, 2 + n, -4.0f, 4.0f);
  Guarded<float> x(x0, kFloatCanary), y(y0, kFloatCanary);
  const std::string where = " (" + launch_text(n, launch, options) + ")";
  saxpy_on_cpu_grid(a, x.cspan(), y.span(), launch, options);
  for (auto* buffer : {&x, &y}) {
    const std::string wrote = buffer->out_of_range_writes(buffer == &x ? "x" : "y");
    if (!wrote.empty()) return "saxpy " + wrote + ": a missing or wrong bounds check (i < n)" + where;
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] != x0[i]) return "saxpy changed its input x at index " + std::to_string(i) + where;
    const float once = a * x0[i] + y0[i];
    if (y[i] == once) continue;
    if (y[i] == y0[i])
      return "saxpy left y[" + std::to_string(i) + "] unchanged: " + not_written_reason(i, n, launch) + where;
    if (y[i] == a * x0[i] + once || y[i] == a * x0[i] + (a * x0[i] + once)) {
      return "saxpy updated y[" + std::to_string(i) +
             "] more than once: each element belongs to one thread. The first index is blockIdx.x * "
             "blockDim.x + threadIdx.x and the stride the whole grid (blockDim.x * gridDim.x), not "
             "blockDim.x" +
             where;
    }
    return "saxpy: y[" + std::to_string(i) + "] = " + std::to_string(y[i]) +
           ", expected a * x + y = " + std::to_string(once) + where;
  }
  return "";
}

// A float with every digit that tells it apart from its neighbours, and its bits: "0.107718237 (0x3ddc9a1b)".
// std::to_string's six digits print a double-rounded result and the float sum as the same number.
std::string float_text(float v) {
  char text[64];
  std::snprintf(text, sizeof text, "%.9g (0x%08x)", static_cast<double>(v),
                static_cast<unsigned>(std::bit_cast<std::uint32_t>(v)));
  return text;
}

std::string check_expon(std::size_t n, Launch launch, const hpc::gpu::LaunchOptions& options) {
  const std::vector<float> x0 = random_floats(n, 3 + n, -10.0f, 10.0f);
  const std::vector<float> y0 = random_floats(n, 4 + n, -10.0f, 10.0f);
  Guarded<float> x(x0, kFloatCanary), y(y0, kFloatCanary);
  Guarded<float> out(n, poison_float(), kFloatCanary);
  const std::string where = " (" + launch_text(n, launch, options) + ")";
  expon_on_cpu_grid(x.cspan(), y.cspan(), out.span(), launch, options);
  const std::string wrote = out.out_of_range_writes("out");
  if (!wrote.empty()) return "expon " + wrote + ": a missing or wrong bounds check (i < n)" + where;
  for (std::size_t i = 0; i < n; ++i) {
    if (x[i] != x0[i] || y[i] != y0[i]) return "expon changed an input at index " + std::to_string(i) + where;
    const float expected = expf(x0[i]) + expf(y0[i]);
    if (out[i] == expected) continue;
    if (is_poison(out[i])) {
      return "expon never wrote out[" + std::to_string(i) + "]: " + not_written_reason(i, n, launch) + where;
    }
    return "expon: out[" + std::to_string(i) + "] = " + float_text(out[i]) +
           ", expected expf(x) + expf(y) = " + float_text(expected) +
           " exactly (float expf, as the serial loop, not exp in double)" + where;
  }
  return "";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A loop that steps by blockDim.x instead of the whole grid writes the right values (each element gets
// the same value from every thread that computes it), so only the work shows: every block walks the rest
// of the array, and over 512 blocks each element is computed by 256 threads on average. Measured
// (2026-11-30, load 6-7): the reference 2.5 times a serial loop (the CPU grid calls the body once per
// thread), 7-13 times under ASan, UBSan or TSan; the block stride 260-500 times. 50 is the bar, measured in
// pairs (serial, launch) with the fastest of each kept, so that a busy machine slows both sides and
// cannot fail a correct body. Bounded: about 0.07 s a launch with the block stride, where the graded
// sizes below (10^6 elements in blocks_for's 3907 blocks) would run into the time limit.
std::string check_expon_work() {
  const std::size_t n = 32768;
  const Launch launch{512, 64};  // a thread per element
  const std::vector<float> x = random_floats(n, 5, -10.0f, 10.0f), y = random_floats(n, 6, -10.0f, 10.0f);
  std::vector<float> serial(n), out(n);
  double best_serial = 1e30, best_launch = 1e30;
  for (int pair = 0; pair < 5; ++pair) {
    // Ten short serial runs in a row: after a long launch the scheduler often preempts the next few
    // milliseconds (seen with four tests on two cores), which one run alone would count as the loop's time.
    for (int rep = 0; rep < 10; ++rep) {
      const auto start = std::chrono::steady_clock::now();
      for (std::size_t i = 0; i < n; ++i) serial[i] = expf(x[i]) + expf(y[i]);
      best_serial = std::min(best_serial, seconds_since(start));
    }
    const auto start = std::chrono::steady_clock::now();
    expon_on_cpu_grid(x, y, out, launch);
    best_launch = std::min(best_launch, seconds_since(start));
    if (out != serial) return "";  // a wrong value: the checks that follow name it
    if (best_launch <= 50 * best_serial) return "";
  }
  char ratio[32];
  std::snprintf(ratio, sizeof ratio, "%.0f", best_launch / best_serial);
  return "expon computes each element in many threads: does the loop step by blockDim.x (one block) instead "
         "of the whole grid, blockDim.x * gridDim.x? " +
         std::string(ratio) + " times the work of a serial loop over the same " + std::to_string(n) +
         " elements (" + std::to_string(launch.blocks) + " x " + std::to_string(launch.threads) +
         " threads, one per element; 50 allowed): right values, but every block walks the rest of the array";
}

template <class Check>
void for_sizes_around_the_block(Check check) {
  for (unsigned threads : {256u, 96u}) {
    for (std::size_t n : sizes_around(threads)) {
      for (const auto& options : every_order()) {
        const std::string problem = check(n, Launch{0, threads}, options);
        if (!problem.empty()) FAIL() << problem;
      }
    }
  }
}

template <class Check>
void for_grids_smaller_than_the_array(Check check) {
  for (Launch launch : {Launch{1, 32}, Launch{3, 64}, Launch{7, 256}}) {
    for (std::size_t n : {std::size_t{100}, std::size_t{1000}, std::size_t{1'000'003}}) {
      for (const auto& options : every_order()) {
        const std::string problem = check(n, launch, options);
        if (!problem.empty()) FAIL() << problem;
      }
    }
  }
}

template <class Check>
void for_grids_larger_than_the_array(Check check) {
  struct Case {
    Launch launch;
    std::size_t n;
  };
  for (const Case c : {Case{{8, 512}, 1}, Case{{8, 512}, 99}, Case{{8, 512}, 1000}, Case{{8, 512}, 3999},
                       Case{{5, 100}, 1}, Case{{5, 100}, 499}, Case{{1, 1024}, 1000}}) {
    for (const auto& options : every_order()) {
      const std::string problem = check(c.n, c.launch, options);
      if (!problem.empty()) FAIL() << problem;
    }
  }
}

}  // namespace

GRADED_TEST(BlocksFor, RoundsUpAndCaps, 3) {
  struct Case {
    std::size_t n;
    unsigned threads, max_blocks, expected;
  };
  for (const Case c : {Case{0, 256, 65535, 0}, Case{1, 256, 65535, 1}, Case{255, 256, 65535, 1},
                       Case{256, 256, 65535, 1}, Case{257, 256, 65535, 2}, Case{1'000'003, 256, 65535, 3907},
                       Case{1'000'003, 1, 65535, 65535}, Case{1'000'003, 256, 100, 100}, Case{5, 1024, 1, 1},
                       Case{std::numeric_limits<std::size_t>::max(), 1024, 65535, 65535},
                       Case{(std::size_t{1} << 32) + 1, 1u << 10, 1u << 31, (1u << 22) + 1}}) {
    const unsigned got = blocks_for(c.n, c.threads, c.max_blocks);
    if (got != c.expected && c.n > std::numeric_limits<std::size_t>::max() - (c.threads - 1)) {
      FAIL()
          << "blocks_for(" << c.n << ", " << c.threads << ", " << c.max_blocks << ") = " << got
          << ", expected " << c.expected << ": did n + threads - 1 overflow? n is within a block of "
          << "2^64, where that sum wraps to a small number: divide first, n / threads + (n % threads != 0)";
    }
    if (got != c.expected && c.n > std::numeric_limits<unsigned>::max() && got < c.expected) {
      FAIL() << "blocks_for(" << c.n << ", " << c.threads << ", " << c.max_blocks << ") = " << got
             << ", expected " << c.expected << ": is n or a product computed in 32 bits? n = " << c.n
             << " does not fit an unsigned: compute in std::size_t";
    }
    if (got + 1 == c.expected) {
      FAIL() << "blocks_for(" << c.n << ", " << c.threads << ", " << c.max_blocks << ") = " << got
             << ": rounded down, the last " << c.n % c.threads << " elements get no thread (expected "
             << c.expected << ")";
    }
    ASSERT_EQ(got, c.expected) << "blocks_for(" << c.n << ", " << c.threads << ", " << c.max_blocks << ")";
  }
}

GRADED_TEST(BlocksFor, RejectsBadBlockSizes, 1) {
  EXPECT_EQ(blocks_for(10, 1024), 1u);
  EXPECT_THROW(blocks_for(10, 0), std::invalid_argument) << "0 threads per block";
  EXPECT_THROW(blocks_for(10, 1025), std::invalid_argument) << "1025 threads per block (a GPU allows 1024)";
  EXPECT_THROW(blocks_for(10, 256, 0), std::invalid_argument) << "max_blocks 0";
  // The same block sizes given to the entry points: with explicit blocks they reach the launch itself,
  // which refuses them as a GPU does (cudaErrorInvalidConfiguration); with blocks == 0, blocks_for does.
  std::vector<float> x(100, 1.0f), y(100, 1.0f), out(100);
  for (unsigned threads : {0u, 2000u}) {
    for (unsigned blocks : {4u, 0u}) {
      const std::string what = "Launch{" + std::to_string(blocks) + ", " + std::to_string(threads) + "}";
      const auto expect_refused = [&](auto call, const std::string& entry) {
        try {
          call();
          ADD_FAILURE() << entry << " with " << what << " ran: a GPU refuses " << threads
                        << " threads per block, so must the CPU grid (std::invalid_argument)";
        } catch (const std::invalid_argument& e) {
          // With explicit blocks the message is the launch's (given code): it must say what was wrong.
          EXPECT_TRUE(blocks == 0 || std::string(e.what()).find(std::to_string(threads)) != std::string::npos)
              << entry << " with " << what << ": the message should name the block size: " << e.what();
        } catch (const std::exception& e) {
          ADD_FAILURE() << entry << " with " << what
                        << " threw something other than std::invalid_argument: " << e.what();
        }
      };
      expect_refused([&] { saxpy_on_cpu_grid(2.0f, x, y, Launch{blocks, threads}); }, "saxpy_on_cpu_grid");
      expect_refused([&] { expon_on_cpu_grid(x, y, out, Launch{blocks, threads}); }, "expon_on_cpu_grid");
    }
  }
  std::vector<std::uint8_t> bgr(4 * 12), gray(4 * 4);
  for (hpc::gpu::Dim3 block : {hpc::gpu::Dim3{0, 16, 1}, hpc::gpu::Dim3{64, 32, 1}}) {
    EXPECT_THROW(gray_on_cpu_grid(4, 4, bgr, 12, gray, block), std::invalid_argument)
        << "gray_on_cpu_grid with blocks of " << block.x << "x" << block.y << " threads";
  }
}

GRADED_TEST(Saxpy, SizesAroundTheBlock, 3) { for_sizes_around_the_block(check_saxpy); }
GRADED_TEST(Saxpy, GridSmallerThanTheArray, 3) { for_grids_smaller_than_the_array(check_saxpy); }
GRADED_TEST(Saxpy, GridLargerThanTheArray, 2) { for_grids_larger_than_the_array(check_saxpy); }
GRADED_TEST(Expon, SizesAroundTheBlock, 2) {
  // First, in bounded time, the one mistake whose result is right: without it the 10^6-element sizes
  // below would run into the time limit with the block stride.
  const std::string problem = check_expon_work();
  if (!problem.empty()) FAIL() << problem;
  for_sizes_around_the_block(check_expon);
}
GRADED_TEST(Expon, GridSmallerThanTheArray, 2) { for_grids_smaller_than_the_array(check_expon); }
GRADED_TEST(Expon, GridLargerThanTheArray, 1) { for_grids_larger_than_the_array(check_expon); }

// A launch over mismatched arrays would read or write past the shorter one on a GPU, silently.
GRADED_TEST(Elementwise, MismatchedSizesRejected, 1) {
  // A correct call first: the stub's entry points check sizes too, but compute nothing.
  for (const std::string& problem : {check_saxpy(1000, {}, {}), check_expon(1000, {}, {})}) {
    if (!problem.empty()) FAIL() << problem;
  }
  std::vector<float> a(10), b(11), c(10);
  const auto expect_sizes_named = [](auto call, const char* what) {
    try {
      call();
      ADD_FAILURE() << what << ": mismatched sizes accepted (10 and 11)";
    } catch (const std::invalid_argument& e) {
      const std::string message = e.what();
      EXPECT_TRUE(message.find("10") != std::string::npos && message.find("11") != std::string::npos)
          << what << ": the message should name both sizes: " << message;
    }
  };
  expect_sizes_named([&] { saxpy_on_cpu_grid(2.0f, a, b); }, "saxpy");
  expect_sizes_named([&] { expon_on_cpu_grid(a, b, c); }, "expon (x, y)");
  expect_sizes_named([&] { expon_on_cpu_grid(a, c, b); }, "expon (x, out)");
}
