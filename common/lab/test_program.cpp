#include "test_program.hpp"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

namespace hpc::lab {

namespace fs = std::filesystem;

bool build_target(const Trees& trees, const std::string& target) {
  std::cerr << "lab: building " << target << " (cmake --build " << trees.binary.string() << " --target "
            << target << ")\n";
  RunOptions options;
  options.stdout_to_stderr = true;
  const RunResult build =
      run_program({HPC_CMAKE_COMMAND, "--build", trees.binary.string(), "--target", target}, options);
  if (!build.succeeded()) {
    std::cerr << "\nlab: the build of " << target << " FAILED (cmake --build " << build.describe()
              << "). The compiler's messages are above: fix the first error, then run the command again.\n";
    return false;
  }
  return true;
}

GradedList parse_graded_list(const std::string& json_text) {
  GradedList list;
  try {
    const nlohmann::json json = nlohmann::json::parse(json_text);
    if (!json.is_array()) return {{}, "--hpc_list_graded did not print a JSON array"};
    for (const auto& item : json) {
      list.tests.push_back(GradedTestInfo{item.at("name").get<std::string>(), item.at("points").get<int>(),
                                          item.value("stub_may_pass", std::string{}),
                                          item.value("bonus", false)});
    }
  } catch (const nlohmann::json::exception& error) {
    return {{}, std::string("--hpc_list_graded printed invalid JSON: ") + error.what()};
  }
  return list;
}

GradedList list_graded(const fs::path& program) {
  const Captured captured =
      run_and_capture({program.string(), "--hpc_list_graded"}, std::chrono::seconds(60));
  if (!captured.run.succeeded()) {
    return {{}, program.string() + " --hpc_list_graded " + captured.run.describe()};
  }
  return parse_graded_list(captured.out);
}

GradedRun run_for_results(const fs::path& program, const fs::path& results_json, const fs::path& log,
                          std::optional<std::chrono::seconds> timeout) {
  std::error_code ignored;  // if these fail, the run below fails with a clearer message
  fs::create_directories(results_json.parent_path(), ignored);
  fs::remove(results_json, ignored);  // a results file left from an earlier run must not pass for this one
  RunOptions options;
  options.stdout_file = log;
  options.stderr_file = log;
  options.timeout = timeout;

  GradedRun graded;
  graded.run = run_program({program.string(), "--hpc_results=" + results_json.string()}, options);
  const std::string how = "the test program " + graded.run.describe() + "; its output is in " + log.string();
  if (!graded.run.exited_normally()) graded.problem = how;
  std::ifstream in(results_json);
  if (!in) {
    graded.problem = how + " (it wrote no results file)";
    return graded;
  }
  try {
    graded.result = hpc::common::lab_result_from_json(nlohmann::json::parse(in));
  } catch (const nlohmann::json::exception& error) {
    graded.problem = how + " (its results file is cut short or not valid JSON)";
  }
  return graded;
}

std::string GradedRun::missing_reason() const {
  if (!run.exited_normally()) return "no result: the test program " + run.describe();
  return "no result: the test program wrote none for this test";
}

LabResult complete_result(const std::optional<LabResult>& reported,
                          const std::vector<GradedTestInfo>& declared, const Lab& lab,
                          const std::string& implementation, const std::string& why_missing) {
  LabResult result;
  if (reported) {
    result = *reported;
  } else {
    result.lab = lab.number;
    result.topic = lab.topic;
    result.implementation = implementation;
  }
  std::set<std::string> present;
  for (const auto& test : result.tests) present.insert(test.name);
  for (const GradedTestInfo& test : declared) {
    if (present.count(test.name) != 0) continue;
    hpc::common::TestResult missing;
    missing.name = test.name;
    missing.points = test.points;
    missing.status = "failed";
    missing.reason = why_missing;
    missing.stub_may_pass = test.stub_may_pass;
    missing.bonus = test.bonus;
    result.tests.push_back(missing);
  }
  return result;
}

}  // namespace hpc::lab
