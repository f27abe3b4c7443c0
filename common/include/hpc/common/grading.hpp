// Graded tests: a GoogleTest test that carries points.
//
//   GRADED_TEST(Evolve, BookReference, 3) { ... }        // like TEST(Evolve, BookReference)
//   GRADED_TEST_F(QueueTest, CloseWakesAll, 2) { ... }   // like TEST_F
//   BONUS_TEST(MpmcQueue, BeatsTbb, 2) { ... }           // a stretch task: bonus points, apart from the score
//   STUB_MAY_PASS(Timeit, RepeatShape, "why this test cannot fail on the stubs");
//
// The points live next to the test, so the grade table, `lab list` and the instructors' rubric all read
// them from the same place. GoogleTest's own flags (--gtest_filter, --gtest_repeat, --gtest_output=json)
// keep working because the macros expand to plain TEST/TEST_F.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hpc::common {

struct GradedTestInfo {
  std::string name;             // "Suite.Name", as GoogleTest reports it
  int points = 0;
  std::string stub_may_pass;    // empty, or the reason this test is allowed to pass on the stubs
  bool bonus = false;           // a stretch task: its points are bonus points
};

bool register_graded_test(const char* suite, const char* name, int points, bool bonus = false);
bool register_stub_may_pass(const char* suite, const char* name, const char* reason);
bool register_time_limit(const char* suite, const char* name, double seconds);
bool register_race_points(const char* suite, const char* name, int points);

// True in a ThreadSanitizer build, where the program grades race-freedom (see RACE_POINTS).
bool thread_sanitizer_build();

// The time limit of a test ("Suite.Name"), graded or not: its HPC_TIME_LIMIT, or the default.
double time_limit_of(const std::string& name);

// Every graded test linked into this program, in registration order. In a ThreadSanitizer build: only
// the tests with RACE_POINTS, each worth its race points.
const std::vector<GradedTestInfo>& graded_tests();

}  // namespace hpc::common

#define HPC_GRADED_CONCAT_(a, b) a##b
#define HPC_GRADED_NAME_(suite, name) HPC_GRADED_CONCAT_(hpc_graded_, suite##_##name)

#define GRADED_TEST(Suite, Name, Points)                                                             \
  [[maybe_unused]] static const bool HPC_GRADED_NAME_(Suite, Name) =                                 \
      ::hpc::common::register_graded_test(#Suite, #Name, Points);                                    \
  TEST(Suite, Name)

#define GRADED_TEST_F(Fixture, Name, Points)                                                         \
  [[maybe_unused]] static const bool HPC_GRADED_NAME_(Fixture, Name) =                               \
      ::hpc::common::register_graded_test(#Fixture, #Name, Points);                                  \
  TEST_F(Fixture, Name)

#define BONUS_TEST(Suite, Name, Points)                                                              \
  [[maybe_unused]] static const bool HPC_GRADED_NAME_(Suite, Name) =                                 \
      ::hpc::common::register_graded_test(#Suite, #Name, Points, true);                              \
  TEST(Suite, Name)

#define BONUS_TEST_F(Fixture, Name, Points)                                                          \
  [[maybe_unused]] static const bool HPC_GRADED_NAME_(Fixture, Name) =                               \
      ::hpc::common::register_graded_test(#Fixture, #Name, Points, true);                            \
  TEST_F(Fixture, Name)

// Every test runs in a process of its own with a time limit (default 30 s, times HPC_WATCHDOG_SCALE;
// a watchdog inside the test extends it by its own limit). A test that needs longer says so:
//   HPC_TIME_LIMIT(Speed, PoolBeatsThreadPerTask, 120);
#define HPC_TIME_LIMIT(Suite, Name, Seconds)                                                         \
  [[maybe_unused]] static const bool HPC_GRADED_CONCAT_(hpc_time_limit_, Suite##_##Name) =           \
      ::hpc::common::register_time_limit(#Suite, #Name, Seconds)

// Race-freedom is graded (DESIGN.md §8 rule 4): a concurrency test also carries points for passing in a
// ThreadSanitizer build of the student's code (`lab grade NN --sanitize thread`). In such a build the
// program's graded tests are exactly those with RACE_POINTS, worth these points; a race that TSan
// reports fails the test there.
//   RACE_POINTS(BoundedQueue, SizeNeverExceedsCapacity, 1);
#define RACE_POINTS(Suite, Name, Points)                                                             \
  [[maybe_unused]] static const bool HPC_GRADED_CONCAT_(hpc_race_points_, Suite##_##Name) =          \
      ::hpc::common::register_race_points(#Suite, #Name, Points)

// Declares that a graded test cannot fail on the stubs, and why. The stub proof lists these exceptions.
#define STUB_MAY_PASS(Suite, Name, Reason)                                                           \
  [[maybe_unused]] static const bool HPC_GRADED_CONCAT_(hpc_stub_may_pass_, Suite##_##Name) =        \
      ::hpc::common::register_stub_may_pass(#Suite, #Name, Reason)
