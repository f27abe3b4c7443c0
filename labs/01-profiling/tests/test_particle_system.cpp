// Graded tests, lab 01 task 6: ParticleSystem, the simulator behind a public interface (open design).
// The tests judge behaviour only: the particles come back in order, and evolve follows the given
// ParticleSimulator::evolve to 1e-9.
//
// Mistakes students make here, and the test that names each one:
//   - y updated from the x of the same step (semi-implicit Euler)   -> MatchesGivenEvolve ("new x")
//   - 1000 steps for dt = 0.01 (rounding instead of nsteps_for)     -> MatchesGivenEvolve ("1000 steps")
//   - positions stored in float to double the vector width          -> MatchesGivenEvolve ("float")
//   - a wrong step size (kTimestep * ang_vel scaled by mistake)     -> MatchesGivenEvolve ("step size")
//   - padding particles returned, or the order lost when blocking   -> KeepsParticlesInOrder
//   - state reset between calls, or moved on evolve(0)               -> StateCarriesOverZeroStepsDoNothing
//   - a moved-from object sharing state with its target               -> MoveKeepsTheParticles
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/profiling/particle_system.hpp"

namespace {

using hpc::profiling::kTimestep;
using hpc::profiling::make_random_particles;
using hpc::profiling::nsteps_for;
using hpc::profiling::Particle;
using hpc::profiling::ParticleSimulator;
using hpc::profiling::ParticleSystem;

// Sizes that are not multiples of any vector width, so padding and tails are exercised.
constexpr std::size_t kSizes[] = {0, 1, 2, 3, 5, 7, 13, 1001};

// How one particle moves under a known mistake, to say which one a wrong answer matches.
enum class Mistake { none, uses_new_x, stored_as_float };

Particle euler(Particle p, int steps, Mistake mistake) {
  for (int s = 0; s < steps; ++s) {
    const double scale = kTimestep * p.ang_vel / std::sqrt(p.x * p.x + p.y * p.y);
    const double old_x = p.x;
    p.x -= scale * p.y;
    p.y += scale * (mistake == Mistake::uses_new_x ? p.x : old_x);
    if (mistake == Mistake::stored_as_float) {
      p.x = static_cast<float>(p.x);
      p.y = static_cast<float>(p.y);
    }
  }
  return p;
}

double distance(const Particle& a, const Particle& b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Names the mistake that explains `got` for a particle that started at `start` and should have taken
// `steps` Euler steps.
std::string diagnose(const Particle& start, const Particle& got, int steps) {
  if (distance(got, euler(start, steps, Mistake::uses_new_x)) < 1e-9)
    return "the y update uses the new x of the same step (semi-implicit Euler); both coordinates must "
           "come from the position before the step";
  for (const int other : {steps - 1, steps + 1})
    if (distance(got, euler(start, other, Mistake::none)) < 1e-9)
      return std::to_string(other) + " steps instead of " + std::to_string(steps) +
             " (nsteps_for truncates: 0.01 / 1e-5 is just below 1000)";
  if (distance(got, euler(start, steps, Mistake::stored_as_float)) < 1e-6)
    return "positions rounded to float after each step; float's 24-bit mantissa cannot keep 1e-9 over "
           "999 steps: store double";
  // Each exact Euler step adds (kTimestep * ang_vel)^2 to r^2, so r^2 tells how far the particle went.
  const double step_length = kTimestep * start.ang_vel;
  const double grown = (got.x * got.x + got.y * got.y) - (start.x * start.x + start.y * start.y);
  std::ostringstream out;
  out << "a wrong step size or step count? r^2 grew as after about " << grown / (step_length * step_length)
      << " steps of kTimestep * ang_vel, not " << steps;
  return out.str();
}

GRADED_TEST(ParticleSystem, KeepsParticlesInOrder, 1) {
  for (const std::size_t n : kSizes) {
    const auto start = make_random_particles(n, 17 + n);
    const ParticleSystem system(start);
    ASSERT_EQ(system.size(), n) << "size() of a system built from " << n << " particles";
    const auto back = system.particles();
    ASSERT_EQ(back.size(), n) << "particles() must return exactly the " << n
                              << " particles given, no padding";
    for (std::size_t i = 0; i < n; ++i) {
      ASSERT_TRUE(back[i].x == start[i].x && back[i].y == start[i].y && back[i].ang_vel == start[i].ang_vel)
          << "n = " << n << ": particle " << i << " came back as (" << back[i].x << ", " << back[i].y << ", "
          << back[i].ang_vel << "), was (" << start[i].x << ", " << start[i].y << ", " << start[i].ang_vel
          << "): order lost?";
    }
  }
}

GRADED_TEST(ParticleSystem, MatchesGivenEvolve, 3) {
  for (const std::size_t n : kSizes) {
    const auto start = make_random_particles(n, 2024 + n);
    ParticleSimulator given(start);
    ParticleSystem system(start);
    given.evolve(0.01);
    system.evolve(0.01);
    const auto got = system.particles();
    ASSERT_EQ(got.size(), n);
    std::size_t wrong = 0;
    std::size_t worst = 0;
    double worst_distance = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double d =
          std::max(std::abs(got[i].x - given.particles()[i].x), std::abs(got[i].y - given.particles()[i].y));
      if (!(d <= 1e-9)) ++wrong;  // NaN counts as wrong
      if (!(d <= worst_distance)) worst_distance = d, worst = i;
      ASSERT_EQ(got[i].ang_vel, start[i].ang_vel) << "n = " << n << ", particle " << i << ": ang_vel changed";
    }
    // The diagnosis first: the grade table shows only the start of the message.
    if (wrong > 0)
      FAIL() << diagnose(start[worst], got[worst], nsteps_for(0.01)) << " (n = " << n << ": " << wrong
             << " particles differ from the given evolve(0.01) by more than 1e-9, the worst, particle "
             << worst << ", by " << worst_distance << ")";
  }
}

// 999 steps, then 100 more in a second call; a zero-step call moves nothing, not even by rounding.
GRADED_TEST(ParticleSystem, StateCarriesOverZeroStepsDoNothing, 1) {
  const auto start = make_random_particles(37, 5);
  ParticleSystem system(start);
  system.evolve(0.0);
  system.evolve(kTimestep / 2);
  auto now = system.particles();
  for (std::size_t i = 0; i < start.size(); ++i)
    ASSERT_TRUE(now[i].x == start[i].x && now[i].y == start[i].y)
        << "particle " << i << " moved in evolve(0) or evolve(kTimestep / 2), which take 0 steps";
  system.evolve(0.01);
  system.evolve(0.001);
  now = system.particles();
  for (std::size_t i = 0; i < start.size(); ++i) {
    const Particle want = euler(euler(start[i], 999, Mistake::none), 100, Mistake::none);
    ASSERT_LE(distance(now[i], want), 1e-9)
        << diagnose(start[i], now[i], 1099) << " (particle " << i
        << " after evolve(0.01) then evolve(0.001), 999 + 100 steps: does each call start where the last "
        << "one ended?)";
  }
}

GRADED_TEST(ParticleSystem, MoveKeepsTheParticles, 1) {
  const auto start = make_random_particles(9, 8);
  ParticleSystem first(start);
  first.evolve(0.001);
  ParticleSystem second(std::move(first));
  ASSERT_EQ(second.size(), start.size());
  ParticleSystem third(make_random_particles(3, 1));
  third = std::move(second);
  ASSERT_EQ(third.size(), start.size()) << "move assignment must take the other system's particles";
  third.evolve(0.001);
  ParticleSimulator given(start);
  given.evolve(0.001);
  given.evolve(0.001);
  const auto got = third.particles();
  for (std::size_t i = 0; i < start.size(); ++i)
    ASSERT_LE(distance(got[i], given.particles()[i]), 1e-9) << "particle " << i << " after two moves";
}

}  // namespace
