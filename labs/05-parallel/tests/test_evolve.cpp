// Task 3: chapter 01's evolve with the loops swapped, serial and in parallel, bit-identical.
#include <cstddef>
#include <cstring>
#include <functional>
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

std::vector<Particle> serial_result(std::size_t n, std::uint64_t seed, double dt) {
  ParticleSimulator simulator(make_random_particles(n, seed));
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
  // 1001 particles: an odd count that no thread count divides evenly; 3: fewer than the threads; 0: none.
  for (const std::size_t n : {std::size_t{1001}, std::size_t{3}, std::size_t{0}}) {
    const std::vector<Particle> expected = serial_result(n, 5, 0.01);
    for (int threads : kThreadCounts) {
      if (!vary_threads && threads != 1) continue;
      std::vector<Particle> particles = make_random_particles(n, 5);
      with_threads(threads, [&] { evolve(particles, 0.01); });
      const std::string difference = first_difference(particles, expected);
      if (!difference.empty()) {
        FAIL()
            << name << " with " << threads << " threads: not the serial evolve's bits. "
            << (vary_threads ? "Split the particles between the threads, never the time steps, and share no "
                               "scratch variable between them. "
                             : "")
            << "Keep evolve's arithmetic in its order (std::pow included: sqrt may differ in the last bit). "
            << n << " particles, dt 0.01 (" << hpc::profiling::nsteps_for(0.01) << " steps): " << difference;
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
    const std::vector<Particle> expected = serial_result(17, 9, dt);
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
