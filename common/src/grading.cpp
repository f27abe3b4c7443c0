#include "hpc/common/grading.hpp"

#include <algorithm>

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

const std::vector<GradedTestInfo>& graded_tests() { return registry(); }

}  // namespace hpc::common
