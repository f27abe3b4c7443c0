// Matrix multiplication, the book's GPU showcase (5000 x 5000 floats): the textbook triple loop, the
// lab's cache-blocked OpenMP version (the CPU's best in this course), the lab's naive and tiled kernel
// bodies on the CPU grid (small sizes only: they check the kernels, they do not race), and, where a CUDA
// device exists, the naive kernel, the shared-memory tiled kernel and cuBLAS on it.
//
//   ch12_demo_matmul                  n = 256, 512, 1024 every way that finishes in seconds, 5000 blocked
//   ch12_demo_matmul --quick          n = 64 and 128 (CI)
//   ch12_demo_matmul --largest 2048   the blocked (and GPU) rows at 2048 instead of 5000
#include "hpc/gpu_lab/matmul.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "cpu_paths.hpp"
#include "gpu_demo.hpp"
#include "hpc/common/demo.hpp"
#include "hpc/gpu_lab/device.hpp"

namespace demo = hpc::common::demo;
namespace gd = hpc::gpu_demo;
namespace lab = hpc::gpu_lab;

namespace {

using Span = std::span<const float>;
using Matmul = std::function<void(int, Span, Span, std::span<float>)>;

std::vector<float> matrix(int n, std::uint32_t salt) {
  std::vector<float> m(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  std::uint32_t state = 12345u + salt;
  for (float& v : m) {  // a small LCG: values in [-1, 1), the same on every machine
    state = state * 1664525u + 1013904223u;
    v = static_cast<float>(state >> 8) * 0x1p-23f - 1.0f;
  }
  return m;
}

// The worst error of 256 sampled entries against a double-precision dot product, relative to the sum of
// the products' sizes (so it measures float rounding, not how large an entry happens to be).
double sampled_error(int n, Span a, Span b, Span c) {
  double worst = 0;
  std::uint32_t state = 99;
  for (int s = 0; s < 256; ++s) {
    state = state * 1664525u + 1013904223u;
    const auto i = static_cast<std::size_t>(state % static_cast<std::uint32_t>(n));
    state = state * 1664525u + 1013904223u;
    const auto j = static_cast<std::size_t>(state % static_cast<std::uint32_t>(n));
    double exact = 0, scale = 0;
    for (std::size_t k = 0; k < static_cast<std::size_t>(n); ++k) {
      const double p = static_cast<double>(a[i * n + k]) * b[k * n + j];
      exact += p;
      scale += std::abs(p);
    }
    const double error = std::abs(c[i * n + j] - exact) / std::max(scale, 1e-30);
    if (std::isnan(error)) return INFINITY;  // an entry never written (still NaN) is the worst error
    worst = std::max(worst, error);
  }
  return worst;
}

std::string book_for(int n, const std::string& way) {
  if (n != 5000) return "";
  if (way.find("blocked") != std::string::npos) return "CPU: 2.962 s (Theano), 2.965 s (TensorFlow)";
  if (way.find("cuBLAS") != std::string::npos) return "GPU: 0.418 s (Theano), 1.417 s (TensorFlow)";
  return "";
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long largest = 5000, grid_n = 64;
  demo::Args args(
      argv[0], "Matrix multiplication: naive loop, blocked OpenMP, CPU-grid kernels, GPU kernels, cuBLAS.");
  args.flag("quick", quick, "n = 64 and 128 only (CI)")
      .option("largest", largest, "the size only the fast ways run at (the book: 5000)", 2)
      .option("grid-n", grid_n, "the size the kernel bodies run at on the CPU grid (slow: 64)", 1)
      .parse(argc, argv);

  const bool device = gd::print_machine_and_device();
  std::vector<int> sizes = quick ? std::vector<int>{64, 128} : std::vector<int>{256, 512, 1024};
  if (!quick) sizes.push_back(static_cast<int>(largest));

  struct Way {
    std::string name;
    Matmul run;
    bool only_small;   // the naive loop: minutes at 5000
    bool only_grid_n;  // the CPU grid: a check of the kernel, not a speed
    bool needs_device;
  };
  std::vector<Way> ways{
      {"naive triple loop, 1 core", gd::matmul_naive_serial, true, false, false},
      {"lab blocked + OpenMP, all cores", lab::matmul_cpu_blocked, false, false, false},
      {"lab naive kernel body, CPU grid",
       [](int n, Span a, Span b, std::span<float> c) { lab::matmul_naive_on_cpu_grid(n, a, b, c); }, false,
       true, false},
      {"lab tiled kernel body, CPU grid (barriers)",
       [](int n, Span a, Span b, std::span<float> c) { lab::matmul_tiled_on_cpu_grid(n, a, b, c); }, false,
       true, false},
  };
  // The device rows keep the kernel-only time: the copies (3 n^2 floats) are reported beside.
  lab::DeviceTiming last{};
  if (device) {
    ways.push_back(
        {"GPU naive kernel",
         [&](int n, Span a, Span b, std::span<float> c) { last = lab::matmul_naive_on_device(n, a, b, c); },
         false, false, true});
    ways.push_back(
        {"GPU tiled kernel (shared memory)",
         [&](int n, Span a, Span b, std::span<float> c) { last = lab::matmul_tiled_on_device(n, a, b, c); },
         false, false, true});
    ways.push_back(
        {"GPU cuBLAS sgemm",
         [&](int n, Span a, Span b, std::span<float> c) { last = lab::matmul_cublas_on_device(n, a, b, c); },
         false, false, true});
  }

  demo::Table table({"n", "way", "seconds", "GFLOP/s", "with copies (s)", "max relative error", "book"});
  bool ok = true;
  std::vector<int> all_sizes = sizes;
  if (std::find(all_sizes.begin(), all_sizes.end(), static_cast<int>(grid_n)) == all_sizes.end()) {
    all_sizes.insert(all_sizes.begin(), static_cast<int>(grid_n));
  }
  for (const int n : all_sizes) {
    const bool grid_size = n == grid_n;
    const bool listed = std::find(sizes.begin(), sizes.end(), n) != sizes.end();
    const auto a = matrix(n, 1), b = matrix(n, 2);
    std::vector<float> c(a.size());
    for (const Way& way : ways) {
      if (way.only_grid_n ? !grid_size : !listed) continue;
      if (way.only_small && n > 1024) continue;
      std::fill(c.begin(), c.end(),
                NAN);  // a way that skips an entry shows as an error, not as a stale value
      last = {};
      const double s =
          demo::best_seconds([&] { way.run(n, a, b, c); }, quick || n > 1024 || way.only_grid_n ? 1 : 3);
      const double seconds = way.needs_device ? last.kernel_seconds : s;
      const double error = sampled_error(n, a, b, c);
      ok = ok && error < 1e-4;
      const double flops = 2.0 * n * static_cast<double>(n) * n;
      table.row({std::to_string(n), way.name, demo::fixed(seconds, 4), demo::fixed(flops / seconds / 1e9, 2),
                 way.needs_device ? demo::fixed(last.total_seconds, 4) : "-", demo::fixed(error, 8),
                 book_for(n, way.name)});
    }
    if (!device && listed && n == sizes.back()) {
      table.row({std::to_string(n), "GPU naive / tiled / cuBLAS (not run: no CUDA device)", "-", "-", "-",
                 "-", n == 5000 ? "GPU: 0.418 s (Theano), 1.417 s (TensorFlow)" : ""});
    }
  }
  std::cout << "\nC = A B, n x n floats, 2 n^3 flops; error: worst of 256 sampled entries against double\n\n";
  table.print();
  if (!ok) std::cout << "\nerror: a way's result is off by more than float rounding\n";
  return ok ? 0 : 1;
}
