// Google Benchmark for the simulator's variants on n random particles, evolve(0.1) (10,000 steps).
//
//   build/bench/bin/ch01_bench_simulator
//   build/bench/bin/ch01_bench_simulator --benchmark_filter=Evolve/1000 --benchmark_repetitions=34
//
// With repetitions, each case also reports min, as pytest-benchmark's table does.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "../demos/book_evolve_fast.hpp"
#include "hpc/profiling/simulator.hpp"

namespace {

using hpc::profiling::Particle;
using hpc::profiling::ParticleSimulator;

constexpr double kDt = 0.1;

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

// Runs one evolve-like call per iteration on a fresh copy of the same particles. The copy is made
// while the timer is paused, so only the evolution is measured.
template <class Evolve>
void run(benchmark::State& state, Evolve evolve) {
  const auto start = hpc::profiling::make_random_particles(static_cast<std::size_t>(state.range(0)), 42);
  // [snippet:bench-loop]
  for (auto _ : state) {
    state.PauseTiming();
    ParticleSimulator simulator(start);
    state.ResumeTiming();
    evolve(simulator);
    benchmark::DoNotOptimize(simulator.particles().data());
    benchmark::ClobberMemory();  // the stores to the particles count as done here
  }
  // [/snippet:bench-loop]
  state.SetItemsProcessed(state.iterations() * state.range(0) * hpc::profiling::nsteps_for(kDt));
}

void BM_Evolve(benchmark::State& state) {
  run(state, [](ParticleSimulator& s) { s.evolve(kDt); });
}
void BM_EvolveFast(benchmark::State& state) {
  run(state, [](ParticleSimulator& s) { s.evolve_fast(kDt); });
}
void BM_EvolveClosedForm(benchmark::State& state) {
  run(state, [](ParticleSimulator& s) { s.evolve_closed_form(kDt); });
}
// The book's Python tuning (loops swapped, step factor hoisted), once with pow and once with sqrt.
void BM_EvolveParticlesOuterPow(benchmark::State& state) {
  run(state,
      [](ParticleSimulator& s) { hpc::profiling::demo::evolve_particles_outer<false>(s.particles(), kDt); });
}
void BM_EvolveParticlesOuterSqrt(benchmark::State& state) {
  run(state,
      [](ParticleSimulator& s) { hpc::profiling::demo::evolve_particles_outer<true>(s.particles(), kDt); });
}

}  // namespace

// [snippet:bench-register]
BENCHMARK(BM_Evolve)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->ComputeStatistics("min", min_of);
// [/snippet:bench-register]
BENCHMARK(BM_EvolveFast)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", min_of);
BENCHMARK(BM_EvolveClosedForm)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", min_of);
BENCHMARK(BM_EvolveParticlesOuterPow)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", min_of);
BENCHMARK(BM_EvolveParticlesOuterSqrt)
    ->Arg(100)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->ComputeStatistics("min", min_of);
