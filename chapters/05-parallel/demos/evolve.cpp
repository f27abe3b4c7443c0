// The book's Cython + OpenMP particle simulator (ch. 7): c_evolve with its loops swapped (particles
// outside, time steps inside) and the particle loop run by prange: 599 ms against 1.35 s serial for
// 10,000 particles on 4 processors. Here chapter 01's evolve against: the book's swapped loop, one
// particle at a time, serially and with std::execution::par; the wrong way round, OpenMP on the inner
// loop of the steps-outer version (one fork and join per time step); and lab 05's task 3 (reference
// solution), which steps small groups of particles together, serially, with OpenMP and with oneTBB.
// Every result must be bit-identical to chapter 01's.
//
//   ch05_demo_evolve           the book's 10,000 particles, evolve(0.01): 999 steps
//   ch05_demo_evolve --dt 0.1  9,999 steps (ten times as long)
//   ch05_demo_evolve --quick   1,000 particles, evolve(0.005) (CI)
#include "hpc/parallel/evolve.hpp"

#include <omp.h>

#include <algorithm>
#include <cstring>
#include <execution>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "kernels.hpp"

namespace {

using hpc::parallel::demos::evolve_one;
using hpc::profiling::Particle;
using Particles = std::vector<Particle>;

void swapped_serial(Particles& ps, int nsteps) {
  for (auto& p : ps) evolve_one(p, nsteps);
}

// [snippet:evolve-parallel]
// C++17: the loop as a standard algorithm, one particle per element; libstdc++ hands std::execution::par
// to oneTBB, which cuts the range into tasks.
void swapped_std_par(Particles& ps, int nsteps) {
  std::for_each(std::execution::par, ps.begin(), ps.end(), [nsteps](Particle& p) { evolve_one(p, nsteps); });
}

// The wrong way round: steps outside, so every step opens and closes a parallel region, and each
// region has only one step of each particle to share out.
void steps_outer_openmp(Particles& ps, int nsteps) {
  const auto n = static_cast<std::ptrdiff_t>(ps.size());
  for (int step = 0; step < nsteps; ++step) {
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t i = 0; i < n; ++i) evolve_one(ps[i], 1);
  }
}
// [/snippet:evolve-parallel]

// Lab 05's task 3 (reference solution) takes dt, like chapter 01's evolve.
template <void (*Evolve)(std::span<Particle>, double)>
void lab(Particles& ps, int nsteps) {
  Evolve(ps, static_cast<double>(nsteps) * hpc::profiling::kTimestep);
}

bool same_bits(const Particles& a, const Particles& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(Particle)) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  bool quick = false;
  long particles = 10'000;
  double dt = 0.01;
  Args args(argv[0],
            "The particle simulator with its loops swapped: serial, OpenMP, oneTBB, std::execution.");
  args.flag("quick", quick, "a small, fast run (what CI runs)")
      .option("particles", particles, "particles (the book: 10,000)")
      .option("dt", dt, "simulated time; steps = dt / 1e-5");
  args.parse(argc, argv);
  if (quick && !args.given("particles")) particles = 1'000;
  if (quick && !args.given("dt")) dt = 0.005;
  const int nsteps = hpc::profiling::nsteps_for(dt);
  const int repeats = quick ? 2 : 3;
  const Particles start = hpc::profiling::make_random_particles(static_cast<std::size_t>(particles), 1);

  // Chapter 01's evolve, the steps-outer loop exactly as the book wrote it, is the reference.
  hpc::profiling::ParticleSimulator reference(start);
  const double base = best_seconds(
      [&] {
        reference = hpc::profiling::ParticleSimulator(start);
        reference.evolve(dt);
      },
      repeats);
  const Particles expected(reference.particles().begin(), reference.particles().end());

  Table table({"way", "wall (s)", "vs chapter 01", "bit-identical", "book"});
  table.row({"chapter 01's evolve (steps outer), serial", fixed(base, 3), "1.00x", "-", "1.35 s (Cython)"});
  bool all_same = true;
  auto add = [&](const std::string& way, void (*run)(Particles&, int), const std::string& book) {
    Particles ps;
    const double seconds = best_seconds(
        [&] {
          ps = start;
          run(ps, nsteps);
        },
        repeats);
    const bool same = same_bits(ps, expected);
    all_same = all_same && same;
    table.row({way, fixed(seconds, 3), fixed(base / seconds, 2) + "x", same ? "yes" : "NO", book});
  };
  add("loops swapped, one particle at a time, serial", swapped_serial, "-");
  add("loops swapped, one particle at a time, std::for_each(par)", swapped_std_par, "-");
  add("steps outer, OpenMP on the inner loop", steps_outer_openmp, "-");
  add("lab 05 evolve_swapped (groups of particles), serial", lab<hpc::parallel::evolve_swapped>, "-");
  add("lab 05 evolve_openmp", lab<hpc::parallel::evolve_openmp>, "0.599 s (prange, 4 processors)");
  add("lab 05 evolve_tbb", lab<hpc::parallel::evolve_tbb>, "-");
  table.print();
  std::cout << "\n"
            << grouped(particles) << " particles, " << grouped(nsteps) << " steps, best of " << repeats
            << ", " << std::thread::hardware_concurrency() << " cores, " << omp_get_max_threads()
            << " OpenMP threads. Bit-identical: every coordinate equals chapter 01's to the last bit\n"
               "(each particle sees the same operations in the same order, whoever runs it).\n";
  return all_same ? 0 : 1;
}
