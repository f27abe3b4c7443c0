// The element-wise kernels of chapter 12 on the CPU, three ways each — a serial loop, the same loop with
// OpenMP on every core, Thrust's transform on its OpenMP backend — from 1 Ki to 16 Mi floats per array.
//
//   ch12_bench_elementwise
//   ch12_bench_elementwise --benchmark_filter=Expon
//
// Counters: bytes_per_second counts the 12 bytes each element moves (two floats read, one written);
// items_per_second is elements; GFLOP/s counts 2 flops per saxpy element (a multiply and an add); expon
// has none, its two expf calls being library code of some tens of instructions each. The notes' figure
// is GB/s against the array length: saxpy falls from cache speed to memory speed once the three arrays
// outgrow the caches (on this 2-core slice of a server chip a second core still doubles it there: each
// core's own share of the memory system is the limit); expon is bound by arithmetic at every size, so
// its GB/s stay flat and two cores double them. That is the roofline in two curves, measured.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

#include "../demos/cpu_paths.hpp"

namespace demo = hpc::gpu_demo;

namespace {

constexpr double kBytesPerElement = 3 * sizeof(float);

struct Arrays {
  std::vector<float> x, y, out;
  explicit Arrays(std::size_t n) : x(n), y(n), out(n) {
    // Values in [-1, 1): expf of them is finite and the same work at every element.
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = static_cast<float>(i % 1000) / 500.0f - 1.0f;
      y[i] = static_cast<float>((i * 7) % 1000) / 500.0f - 1.0f;
    }
  }
};

void count(benchmark::State& state, double flops_per_element) {
  const auto elements = static_cast<double>(state.iterations()) * static_cast<double>(state.range(0));
  state.SetItemsProcessed(static_cast<std::int64_t>(elements));
  state.SetBytesProcessed(static_cast<std::int64_t>(elements * kBytesPerElement));
  if (flops_per_element > 0) {  // expf is library code: no honest flop count to report
    state.counters["GFLOP/s"] =
        benchmark::Counter(elements * flops_per_element / 1e9, benchmark::Counter::kIsRate);
  }
}

template <void (*Saxpy)(float, std::span<const float>, std::span<float>)>
void BM_Saxpy(benchmark::State& state) {
  Arrays arrays(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Saxpy(0.5f, arrays.x, arrays.y);
    benchmark::DoNotOptimize(arrays.y.data());
    benchmark::ClobberMemory();
  }
  count(state, 2);
}

template <void (*Expon)(std::span<const float>, std::span<const float>, std::span<float>)>
void BM_Expon(benchmark::State& state) {
  Arrays arrays(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    Expon(arrays.x, arrays.y, arrays.out);
    benchmark::DoNotOptimize(arrays.out.data());
    benchmark::ClobberMemory();
  }
  count(state, 0);
}

// 1 Ki to 16 Mi elements: 12 KiB (the L1 cache) to 192 MiB (far beyond the last-level cache).
void sizes(benchmark::internal::Benchmark* b) {
  b->RangeMultiplier(4)->Range(1 << 10, 1 << 24)->UseRealTime();
}

}  // namespace

BENCHMARK(BM_Saxpy<demo::saxpy_serial>)->Name("BM_Saxpy/serial")->Apply(sizes);
BENCHMARK(BM_Saxpy<demo::saxpy_openmp>)->Name("BM_Saxpy/openmp")->Apply(sizes);
BENCHMARK(BM_Saxpy<demo::saxpy_thrust>)->Name("BM_Saxpy/thrust_omp")->Apply(sizes);
BENCHMARK(BM_Expon<demo::expon_serial>)->Name("BM_Expon/serial")->Apply(sizes);
BENCHMARK(BM_Expon<demo::expon_openmp>)->Name("BM_Expon/openmp")->Apply(sizes);
BENCHMARK(BM_Expon<demo::expon_thrust>)->Name("BM_Expon/thrust_omp")->Apply(sizes);

// The book's size, 10^6 elements, 100 calls per timing (its Numba example: CPU 2.476 s, GPU 0.867 s for
// the 100): the notes' table multiplies the time per call by 100.
void book(benchmark::internal::Benchmark* b) {
  b->Arg(1'000'000)->Iterations(100)->UseRealTime()->Unit(benchmark::kMillisecond);
}
BENCHMARK(BM_Expon<demo::expon_serial>)->Name("BM_ExponBook/serial")->Apply(book);
BENCHMARK(BM_Expon<demo::expon_openmp>)->Name("BM_ExponBook/openmp")->Apply(book);
BENCHMARK(BM_Expon<demo::expon_thrust>)->Name("BM_ExponBook/thrust_omp")->Apply(book);
