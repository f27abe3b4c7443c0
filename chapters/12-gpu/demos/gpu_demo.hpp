// What chapter 12's demos share: the lines every demo prints first (the machine stamp, then which path
// runs: a CUDA device by name, or "no CUDA device: <why>; CPU path only"), the launch options of the
// timed CPU-grid runs, and a comparison of two float arrays in units in the last place (a GPU's expf and
// glibc's may differ in the last bit or two, so "equal" means "within a stated number of ulps", not ==).
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <span>
#include <string>

#include "hpc/common/demo.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu/device.hpp"

namespace hpc::gpu_demo {

// Prints which path the demo's device rows take and returns whether a device exists. Every demo prints it
// first (print_machine_and_device), so its output never leaves a reader guessing whether a number came
// from a GPU.
inline bool report_device() {
  const auto& info = hpc::gpu::device_info();
  if (info.available) {
    std::cout << "CUDA device: " << info.name << " (compute capability " << info.compute_major << '.'
              << info.compute_minor << ", " << info.multiprocessors << " multiprocessors, peaks about "
              << static_cast<long>(info.peak_bandwidth_gb_s) << " GB/s and "
              << static_cast<long>(info.peak_fp32_gflop_s) << " GFLOP/s fp32)\n";
  } else {
    std::cout << "no CUDA device: " << info.reason << "; CPU path only\n";
  }
  return info.available;
}

// The two lines every demo prints first: the machine stamp (which CPU, how many cores, how busy) and
// which path the device rows take. Returns whether a CUDA device exists.
inline bool print_machine_and_device() {
  hpc::common::demo::print_machine_stamp();
  return report_device();
}

// Timed CPU-grid runs go in index order: the shuffled order (the default, for catching races) adds a
// permutation of millions of threads that says nothing about the kernel.
inline const hpc::gpu::LaunchOptions kTimedInOrder{hpc::gpu::Order::in_order, 0};

// Distance between two floats in units in the last place (0 when equal; huge when signs differ).
inline std::uint32_t ulps_apart(float a, float b) {
  if (a == b) return 0;
  if (std::isnan(a) || std::isnan(b)) return UINT32_MAX;
  // Map the sign-magnitude bit patterns onto one ordered integer line.
  const auto ordered = [](float v) {
    const auto bits = std::bit_cast<std::int32_t>(v);
    return bits < 0 ? static_cast<std::int64_t>(INT32_MIN) - bits : static_cast<std::int64_t>(bits);
  };
  const std::int64_t d = ordered(a) - ordered(b);
  return static_cast<std::uint32_t>(std::min<std::int64_t>(d < 0 ? -d : d, UINT32_MAX));
}

inline std::uint32_t max_ulps_apart(std::span<const float> a, std::span<const float> b) {
  std::uint32_t worst = a.size() == b.size() ? 0 : UINT32_MAX;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    worst = std::max(worst, ulps_apart(a[i], b[i]));
  return worst;
}

}  // namespace hpc::gpu_demo
