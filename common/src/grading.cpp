#include "hpc/common/grading.hpp"
#include "hpc/common/isolation.hpp"

#include <algorithm>
#include <map>

namespace hpc::common {
namespace {

// A function-local static: registrations run during static initialization of other translation units,
// so the registry must exist before the first of them, whatever the link order.
std::vector<GradedTestInfo>& registry() {
  static std::vector<GradedTestInfo> tests;
  return tests;
}

GradedTestInfo& entry(const std::string& name) {
  auto& tests = registry();
  auto it = std::find_if(tests.begin(), tests.end(), [&](const auto& t) { return t.name == name; });
  if (it != tests.end()) return *it;
  tests.push_back(GradedTestInfo{name, 0, "", false});
  return tests.back();
}

}  // namespace

bool register_graded_test(const char* suite, const char* name, int points, bool bonus) {
  auto& test = entry(std::string(suite) + "." + name);
  test.points = points;
  test.bonus = bonus;
  return true;
}

bool register_stub_may_pass(const char* suite, const char* name, const char* reason) {
  entry(std::string(suite) + "." + name).stub_may_pass = reason;
  return true;
}

// Kept apart from the graded registry: any test, graded or not, may declare a limit.
std::map<std::string, double>& time_limits() {
  static std::map<std::string, double> limits;
  return limits;
}

bool register_time_limit(const char* suite, const char* name, double seconds) {
  time_limits()[std::string(suite) + "." + name] = seconds;
  return true;
}

double time_limit_of(const std::string& name) {
  const auto it = time_limits().find(name);
  return it != time_limits().end() && it->second > 0 ? it->second : kDefaultTestLimitSeconds;
}

// Race-freedom points, kept apart: they replace the points only in a ThreadSanitizer build.
std::map<std::string, int>& race_points() {
  static std::map<std::string, int> points;
  return points;
}

bool register_race_points(const char* suite, const char* name, int points) {
  race_points()[std::string(suite) + "." + name] = points;
  return true;
}

bool thread_sanitizer_build() {
#if defined(__SANITIZE_THREAD__)
  return true;
#else
  return false;
#endif
}

const std::vector<GradedTestInfo>& graded_tests() {
  if (!thread_sanitizer_build()) return registry();
  // Under ThreadSanitizer the program grades race-freedom: only the tests with race points, worth those.
  static const std::vector<GradedTestInfo> race_graded = [] {
    std::vector<GradedTestInfo> tests;
    for (const GradedTestInfo& test : registry()) {
      const auto it = race_points().find(test.name);
      if (it == race_points().end()) continue;
      GradedTestInfo race = test;
      race.points = it->second;
      race.bonus = false;
      tests.push_back(race);
    }
    return tests;
  }();
  return race_graded;
}

}  // namespace hpc::common
