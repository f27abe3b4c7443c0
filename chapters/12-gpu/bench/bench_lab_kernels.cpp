// Lab 12's reference kernels measured: the CPU grid (what a simulated GPU thread costs, for scale), the
// textbook matmul loop against the lab's blocked OpenMP matmul in GFLOP/s, and — registered only when a
// CUDA device exists — saxpy, expon and the three GPU matmuls, each with its fraction of the device's
// peak (device_info(): memory GB/s for the element-wise kernels, fp32 GFLOP/s for the matmuls).
//
//   ch12_bench_lab_kernels
//   ch12_bench_lab_kernels --benchmark_filter=Matmul
//
// Without a device the program says why on stderr before the table ("no CUDA device: ...") and runs the
// CPU benchmarks only.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <span>
#include <vector>

#include "../demos/cpu_paths.hpp"
#include "hpc/gpu/device.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/elementwise.hpp"
#include "hpc/gpu_lab/matmul.hpp"

namespace demo = hpc::gpu_demo;
namespace lab = hpc::gpu_lab;

namespace {

std::vector<float> filled(std::size_t n, float step) {
  std::vector<float> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<float>(i % 1000) * step - 1.0f;
  return v;
}

void elementwise_counters(benchmark::State& state) {
  const auto elements = static_cast<double>(state.iterations()) * static_cast<double>(state.range(0));
  state.SetItemsProcessed(static_cast<std::int64_t>(elements));
  state.SetBytesProcessed(static_cast<std::int64_t>(elements * 12));
}

void matmul_counters(benchmark::State& state) {
  const double n = static_cast<double>(state.range(0));
  state.counters["GFLOP/s"] = benchmark::Counter(
      2 * n * n * n * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
}

// One simulated GPU thread per element, one at a time: the grid's cost per thread, not a speed to chase.
void BM_Saxpy_CpuGrid(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = filled(n, 0.002f);
  auto y = filled(n, 0.001f);
  for (auto _ : state) {
    lab::saxpy_on_cpu_grid(0.5f, x, y, {}, {hpc::gpu::Order::in_order, 0});
    benchmark::DoNotOptimize(y.data());
  }
  elementwise_counters(state);
}
BENCHMARK(BM_Saxpy_CpuGrid)->Arg(1 << 16)->Arg(1 << 20)->Unit(benchmark::kMillisecond);

template <class F>
void run_matmul(benchmark::State& state, F multiply) {
  const int n = static_cast<int>(state.range(0));
  const auto size = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  const auto a = filled(size, 0.002f), b = filled(size, 0.001f);
  std::vector<float> c(size);
  for (auto _ : state) {
    multiply(n, a, b, c);
    benchmark::DoNotOptimize(c.data());
  }
  matmul_counters(state);
}

void BM_Matmul_NaiveLoop(benchmark::State& state) { run_matmul(state, demo::matmul_naive_serial); }
void BM_Matmul_BlockedOpenMP(benchmark::State& state) { run_matmul(state, lab::matmul_cpu_blocked); }
BENCHMARK(BM_Matmul_NaiveLoop)->Arg(256)->Arg(512)->Arg(1024)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Matmul_BlockedOpenMP)
    ->Arg(256)
    ->Arg(512)
    ->Arg(1024)
    ->Arg(2048)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Device benchmarks take the kernel's own time (CUDA events: DeviceTiming::kernel_seconds) as the
// benchmark's manual time, and report the time with the copies beside it, per call.
struct DeviceRun {
  double total_seconds = 0;
  void add(benchmark::State& state, const lab::DeviceTiming& t) {
    state.SetIterationTime(t.kernel_seconds);
    total_seconds += t.total_seconds;
  }
  void report(benchmark::State& state) const {
    const auto calls = static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["with_copies_ms"] = 1e3 * total_seconds / calls;
  }
};

// The share of the device's peak memory bandwidth the kernel reached (12 bytes per element).
void bandwidth_fraction(benchmark::State& state) {
  const double bytes = 12.0 * static_cast<double>(state.range(0)) * static_cast<double>(state.iterations());
  state.counters["of_peak_GB/s"] = benchmark::Counter(
      bytes / 1e9 / hpc::gpu::device_info().peak_bandwidth_gb_s, benchmark::Counter::kIsRate);
}

void BM_Device_Saxpy(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = filled(n, 0.002f);
  auto y = filled(n, 0.001f);
  DeviceRun run;
  for (auto _ : state) run.add(state, lab::saxpy_on_device(0.5f, x, y));
  elementwise_counters(state);
  bandwidth_fraction(state);
  run.report(state);
}

void BM_Device_Expon(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto x = filled(n, 0.002f), y = filled(n, 0.001f);
  std::vector<float> out(n);
  DeviceRun run;
  for (auto _ : state) run.add(state, lab::expon_on_device(x, y, out));
  elementwise_counters(state);
  bandwidth_fraction(state);
  run.report(state);
}

template <class F>
void device_matmul(benchmark::State& state, F multiply) {
  const int n = static_cast<int>(state.range(0));
  const auto size = static_cast<std::size_t>(n) * static_cast<std::size_t>(n);
  const auto a = filled(size, 0.002f), b = filled(size, 0.001f);
  std::vector<float> c(size);
  DeviceRun run;
  for (auto _ : state) run.add(state, multiply(n, a, b, c));
  matmul_counters(state);
  const double nn = n;
  state.counters["of_peak_fp32"] =
      benchmark::Counter(2 * nn * nn * nn * static_cast<double>(state.iterations()) / 1e9 /
                             hpc::gpu::device_info().peak_fp32_gflop_s,
                         benchmark::Counter::kIsRate);
  run.report(state);
}

void BM_Device_MatmulNaive(benchmark::State& state) {
  device_matmul(state, [](int n, auto a, auto b, auto c) { return lab::matmul_naive_on_device(n, a, b, c); });
}
void BM_Device_MatmulTiled(benchmark::State& state) {
  device_matmul(state, [](int n, auto a, auto b, auto c) { return lab::matmul_tiled_on_device(n, a, b, c); });
}
void BM_Device_MatmulCublas(benchmark::State& state) {
  device_matmul(state,
                [](int n, auto a, auto b, auto c) { return lab::matmul_cublas_on_device(n, a, b, c); });
}

// Registered at start-up only where a device answers; elsewhere one line on stderr says why, so a reader
// of the table knows the GPU rows are missing, not forgotten.
const bool device_benchmarks_registered = [] {
  const auto& info = hpc::gpu::device_info();
  if (!info.available) {
    std::cerr << "no CUDA device: " << info.reason << "; the BM_Device_* benchmarks are not registered\n";
    return false;
  }
  std::cerr << "CUDA device: " << info.name << '\n';
  for (auto* b : {benchmark::RegisterBenchmark("BM_Device_Saxpy", BM_Device_Saxpy),
                  benchmark::RegisterBenchmark("BM_Device_Expon", BM_Device_Expon)}) {
    b->RangeMultiplier(16)->Range(1 << 16, 1 << 24)->UseManualTime()->Unit(benchmark::kMicrosecond);
  }
  for (auto* b : {benchmark::RegisterBenchmark("BM_Device_MatmulNaive", BM_Device_MatmulNaive),
                  benchmark::RegisterBenchmark("BM_Device_MatmulTiled", BM_Device_MatmulTiled),
                  benchmark::RegisterBenchmark("BM_Device_MatmulCublas", BM_Device_MatmulCublas)}) {
    b->Arg(1024)->Arg(2048)->Arg(5000)->UseManualTime()->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
