// Task 3: chapter 01's evolve with the loops swapped, serial and in parallel, bit-identical.
#include <cmath>
#include <cstddef>
#include <cstring>
#include <functional>
#include <numbers>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/parallel/evolve.hpp"
#include "support.hpp"

using namespace hpc::parallel;
using hpc::parallel::testing::kThreadCounts;
using hpc::parallel::testing::with_threads;
using hpc::profiling::make_random_particles;
using hpc::profiling::ParticleSimulator;

namespace {

// make_random_particles(n, seed), and with `near_origin`, 200 more at radius 1e-5 to 1e-4. Far from the
// origin a one-ulp change of the norm (sqrt in place of pow(..., 0.5): they differ for about one norm in
// a thousand) moves a step of 1e-5 by 1e-21, far below the ulp of x; near it the step is as large as x,
// and about one particle in twenty ends with other bits after 999 steps (measured with glibc's pow).
std::vector<Particle> start(std::size_t n, std::uint64_t seed, bool near_origin) {
  std::vector<Particle> particles = make_random_particles(n, seed);
  if (!near_origin) return particles;
  std::mt19937_64 engine(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 200; ++i) {
    const double radius = std::pow(10.0, -5.0 + unit(engine));
    const double angle = 2 * std::numbers::pi * unit(engine);
    particles.push_back({radius * std::cos(angle), radius * std::sin(angle), 2 * unit(engine) - 1});
  }
  return particles;
}

std::vector<Particle> serial_result(const std::vector<Particle>& particles, double dt) {
  ParticleSimulator simulator(particles);
  simulator.evolve(dt);
  return {simulator.particles().begin(), simulator.particles().end()};
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// "" when every particle has exactly the serial bits; else the first difference and how many differ.
std::string first_difference(const std::vector<Particle>& got, const std::vector<Particle>& expected) {
  std::size_t differing = 0, first = 0;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const bool same = same_bits(got[i].x, expected[i].x) && same_bits(got[i].y, expected[i].y) &&
                      same_bits(got[i].ang_vel, expected[i].ang_vel);
    if (!same && differing++ == 0) first = i;
  }
  if (differing == 0) return "";
  std::ostringstream out;
  out.precision(17);
  out << differing << " of " << expected.size()
      << " particles differ from the serial evolve; first: particle " << first << " at (" << got[first].x
      << ", " << got[first].y << "), serial (" << expected[first].x << ", " << expected[first].y << ")";
  return out.str();
}

using EvolveFunction = std::function<void(std::span<Particle>, double)>;

void expect_bit_identical(const EvolveFunction& evolve, const char* name, bool vary_threads) {
  if (vary_threads) HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  // 1001 particles (and 200 near the origin): a count that no thread count divides evenly; 3: fewer than
  // the threads; 0: none.
  for (const std::size_t n : {std::size_t{1001}, std::size_t{3}, std::size_t{0}}) {
    const std::vector<Particle> initial = start(n, 5, n > 3);
    const std::vector<Particle> expected = serial_result(initial, 0.01);
    for (int threads : kThreadCounts) {
      if (!vary_threads && threads != 1) continue;
      std::vector<Particle> particles = initial;
      with_threads(threads, [&] { evolve(particles, 0.01); });
      const std::string difference = first_difference(particles, expected);
      if (!difference.empty()) {
        FAIL()
            << name << " with " << hpc::parallel::testing::threads_text(threads)
            << ": not the serial evolve's bits. "
            << (vary_threads ? "Split the particles between the threads, never the time steps, and share no "
                               "scratch variable between them. "
                             : "")
            << "Keep evolve's arithmetic in its order (std::pow included: sqrt may differ in the last bit). "
            << initial.size() << " particles, dt 0.01 (" << hpc::profiling::nsteps_for(0.01)
            << " steps): " << difference;
      }
    }
  }
}

}  // namespace

GRADED_TEST(Evolve, SwappedLoopsBitIdentical, 2) {
  expect_bit_identical(evolve_swapped, "evolve_swapped", false);
}

GRADED_TEST(Evolve, OpenMPBitIdenticalAnyThreadCount, 2) {
  expect_bit_identical(evolve_openmp, "evolve_openmp", true);
}

GRADED_TEST(Evolve, TbbBitIdenticalAnyThreadCount, 2) {
  expect_bit_identical(evolve_tbb, "evolve_tbb", true);
}

GRADED_TEST(Evolve, StepsFollowDt, 1) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  // nsteps_for truncates: dt = 0.01 takes 999 steps, dt = 0.00005 takes 5, dt = 0.000005 none at all.
  for (double dt : {0.00005, 0.000005, 0.0003}) {
    const std::vector<Particle> expected = serial_result(make_random_particles(17, 9), dt);
    for (const auto& [name, evolve] :
         std::vector<std::pair<const char*, EvolveFunction>>{{"evolve_swapped", evolve_swapped},
                                                             {"evolve_openmp", evolve_openmp},
                                                             {"evolve_tbb", evolve_tbb}}) {
      std::vector<Particle> particles = make_random_particles(17, 9);
      with_threads(2, [&] { evolve(particles, dt); });
      EXPECT_EQ(first_difference(particles, expected), "")
          << name << "(dt = " << dt << ", " << hpc::profiling::nsteps_for(dt) << " steps)";
    }
  }
}
