// Talking to a lab's graded test program (labNN_tests): building it, asking it for its graded tests
// (--hpc_list_graded) and running it for a results file (--hpc_results=FILE).
#pragma once

#include <chrono>
#include <filesystem>
#include <hpc/common/grading.hpp>
#include <hpc/common/report.hpp>
#include <optional>
#include <string>
#include <vector>

#include "labs.hpp"
#include "process.hpp"

namespace hpc::lab {

using hpc::common::GradedTestInfo;
using hpc::common::LabResult;

// cmake --build <build tree> --target <target>, its output on our stderr. On failure says so on stderr.
bool build_target(const Trees& trees, const std::string& target);

// The graded tests a program declares, parsed from its --hpc_list_graded output.
struct GradedList {
  std::vector<GradedTestInfo> tests;
  std::string error;  // empty when the program answered with a valid list
};
GradedList parse_graded_list(const std::string& json_text);  // pure: the JSON array -> tests or error
GradedList list_graded(const std::filesystem::path& program);

// One run of a test program for its results.
struct GradedRun {
  RunResult run;
  std::optional<LabResult> result;  // the results file, when it was written and could be read
  std::string problem;              // why there is no (complete) result, with the log's path; empty if none
  // The short reason given to each test without a result: "no result: the test program was killed by ..."
  std::string missing_reason() const;
};
GradedRun run_for_results(const std::filesystem::path& program, const std::filesystem::path& results_json,
                          const std::filesystem::path& log, std::optional<std::chrono::seconds> timeout);

// The result to grade by: the program's own results, plus every declared graded test that is missing
// from them, counted as failed with `why_missing` as its reason (a crash loses the tests it did not
// reach). Without results at all, every declared test fails.
// `implementation` names the code when there are no results to take it from ("student", "reference").
LabResult complete_result(const std::optional<LabResult>& reported,
                          const std::vector<GradedTestInfo>& declared, const Lab& lab,
                          const std::string& implementation, const std::string& why_missing);

}  // namespace hpc::lab
