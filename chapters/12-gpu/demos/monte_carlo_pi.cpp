// Monte Carlo pi the GPU way: thousands of threads, each with its own random stream, each counting its
// hits, and one sum at the end. Two designs side by side:
//   - the lab's pi_body on the CPU grid: a stream per thread (derived from the seed and the thread's
//     global index), so the answer depends on the launch shape but not on the order threads run in;
//   - Thrust transform_reduce over sample numbers with a counter-based generator: sample i's point is a
//     pure function of (seed, i), so any split of the work, on any backend, gives the same count.
// Where a CUDA device exists, the lab's kernel runs there too and must equal the CPU grid's count.
//
//   ch12_demo_pi                   10^6 samples (the book's serial run) and 10^8
//   ch12_demo_pi --quick           10^5 (CI)
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/system/omp/execution_policy.h>
#include <thrust/transform_reduce.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <numbers>
#include <string>
#include <vector>

#include "gpu_demo.hpp"
#include "hpc/common/demo.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/launch.hpp"
#include "hpc/gpu_lab/monte_carlo.hpp"

namespace demo = hpc::common::demo;
namespace gd = hpc::gpu_demo;
namespace lab = hpc::gpu_lab;

namespace {

// One sample from its number alone: a 64-bit mix (the finaliser of splitmix64) of seed and index gives
// 64 random bits, 24 of them for x and 24 for y in [0, 1). No state, so no stream to share or to split.
// [snippet:counter-based-sample]
struct IsHit {
  std::uint64_t seed;
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t operator()(std::uint64_t i) const {
    const std::uint64_t bits = mix(seed + 0x9e3779b97f4a7c15ULL * (i + 1));
    const float x = static_cast<float>(bits >> 40) * 0x1p-24f;
    const float y = static_cast<float>((bits >> 16) & 0xFFFFFF) * 0x1p-24f;
    return x * x + y * y <= 1.0f ? 1 : 0;
  }
};
// [/snippet:counter-based-sample]

std::uint64_t thrust_hits(std::uint64_t samples, std::uint64_t seed) {
  return thrust::transform_reduce(thrust::omp::par, thrust::counting_iterator<std::uint64_t>(0),
                                  thrust::counting_iterator<std::uint64_t>(samples), IsHit{seed},
                                  std::uint64_t{0}, thrust::plus<std::uint64_t>());
}

// How far an estimate is from pi, in standard deviations of the hit count (p = pi / 4 per sample).
double sigmas_off(double estimate, std::uint64_t samples) {
  const double p = std::numbers::pi / 4;
  const double sigma = 4 * std::sqrt(p * (1 - p) / static_cast<double>(samples));
  return std::abs(estimate - std::numbers::pi) / sigma;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long seed = 2026;
  demo::Args args(argv[0], "Monte Carlo pi with a random stream per GPU thread: CPU grid, Thrust, GPU.");
  args.flag("quick", quick, "10^5 samples only (CI)")
      .option("seed", seed, "the seed every way uses", 0)
      .parse(argc, argv);

  const bool device = gd::print_machine_and_device();
  const std::vector<std::uint64_t> sizes =
      quick ? std::vector<std::uint64_t>{100'000} : std::vector<std::uint64_t>{1'000'000, 100'000'000};
  const lab::Launch launch{64, 128};  // 8192 threads, as a small GPU grid would have
  const auto useed = static_cast<std::uint64_t>(seed);

  demo::Table table({"samples", "way", "estimate", "sigmas from pi", "seconds", "book (serial Python)"});
  bool ok = true;
  std::string spread;
  for (const std::uint64_t samples : sizes) {
    const std::string book = samples == 1'000'000 ? "0.734 s" : "";
    lab::PiResult grid;
    const double grid_s = demo::best_seconds(
        [&] { grid = lab::estimate_pi_on_cpu_grid(samples, useed, launch); }, quick ? 1 : 3);
    table.row({demo::grouped(samples), "lab pi_body, CPU grid, 64 x 128 threads",
               demo::fixed(grid.estimate, 6), demo::fixed(sigmas_off(grid.estimate, samples), 2),
               demo::fixed(grid_s, 3), book});
    ok = ok && grid.samples == samples && sigmas_off(grid.estimate, samples) < 5;

    // The same launch in reversed order: per-thread streams make the order irrelevant.
    const auto reversed =
        lab::estimate_pi_on_cpu_grid(samples, useed, launch, {hpc::gpu::Order::reversed, 0});
    ok = ok && reversed.hits == grid.hits;

    std::uint64_t hits = 0;
    const double thrust_s = demo::best_seconds([&] { hits = thrust_hits(samples, useed); }, quick ? 1 : 3);
    const double thrust_pi = 4.0 * static_cast<double>(hits) / static_cast<double>(samples);
    table.row({demo::grouped(samples), "Thrust transform_reduce, OpenMP backend", demo::fixed(thrust_pi, 6),
               demo::fixed(sigmas_off(thrust_pi, samples), 2), demo::fixed(thrust_s, 3), ""});
    ok = ok && sigmas_off(thrust_pi, samples) < 5;

    if (device) {
      lab::PiResult gpu;
      const double gpu_s =
          demo::best_seconds([&] { gpu = lab::estimate_pi_on_device(samples, useed, launch); }, 3);
      table.row({demo::grouped(samples), "lab pi_body, GPU, 64 x 128 threads", demo::fixed(gpu.estimate, 6),
                 demo::fixed(sigmas_off(gpu.estimate, samples), 2), demo::fixed(gpu_s, 3), ""});
      ok = ok && gpu.hits == grid.hits;
    }
    if (!grid.hits_per_thread.empty()) {
      const auto [lo, hi] = std::minmax_element(grid.hits_per_thread.begin(), grid.hits_per_thread.end());
      spread = "hits per thread at " + demo::grouped(samples) + " samples: " + demo::grouped(*lo) + " to " +
               demo::grouped(*hi) + " over " + std::to_string(grid.hits_per_thread.size()) +
               " threads (equal streams would give equal counts)";
    }
  }
  if (!device) table.row({"-", "GPU (not run: no CUDA device)", "-", "-", "-", ""});
  std::cout << "\nseed " << seed << "; a correct estimate is within 5 sigmas of pi nearly always\n\n";
  table.print();
  if (!spread.empty()) std::cout << '\n' << spread << '\n';
  if (!ok)
    std::cout
        << "\nerror: an estimate is more than 5 sigmas off, or an order or the device changed the count\n";
  return ok ? 0 : 1;
}
