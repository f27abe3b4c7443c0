#include "grade.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "test_program.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

namespace {

struct LabGrade {
  LabResult result;
  bool graded = false;  // false: no test program to run
};

// Runs one lab's test program and returns its result, with every test it could not report (crash,
// timeout) counted as failed. Problems go to `notes` (stdout for the table, stderr with --json).
LabGrade grade_one(const Trees& trees, const Lab& lab, const GradeOptions& options, std::ostream& notes) {
  const fs::path program = trees.test_program(lab);
  if (!fs::exists(program)) {
    std::cerr << "lab: lab " << lab.number << " has no test program " << program.string()
              << (options.build ? " (the build defines no " + lab.test_target() + " target yet)"
                                : " (it is not built; run without --no-build)")
              << "\n";
    return {};
  }
  const GradedList declared = list_graded(program);
  if (!declared.error.empty()) notes << "Lab " << lab.number << ": warning: " << declared.error << "\n";

  const GradedRun run =
      run_for_results(program, trees.results_json(lab), trees.results_log(lab), options.timeout);
  std::string problem = run.problem;
  const LabResult result =
      complete_result(run.result, declared.tests, lab, HPC_LAB_IMPL, run.missing_reason());
  if (problem.empty() && run.result && result.tests.size() > run.result->tests.size()) {
    problem = "the results file lacks " + std::to_string(result.tests.size() - run.result->tests.size()) +
              " of the graded tests; the test program's output is in " + trees.results_log(lab).string();
  }
  if (!problem.empty()) {
    notes << "Lab " << lab.number << ": " << problem << ".\n"
          << "Every graded test without a result counts as failed.\n";
    // Store what we graded so `lab status` shows this run, not an older one.
    std::ofstream(trees.results_json(lab)) << hpc::common::to_json(result).dump(2) << "\n";
  }
  return {result, true};
}

}  // namespace

int grade_command(const Trees& trees, const std::vector<Lab>& labs, const GradeOptions& options) {
  if (std::string(HPC_LAB_IMPL) != "student") {
    std::cerr << "lab: note: this build tree (" << trees.binary.string() << ") grades the " << HPC_LAB_IMPL
              << " code, not labs/NN/src. Students grade with the grade preset: build/grade/bin/lab grade\n";
  }
  std::vector<Lab> selected = options.only ? std::vector<Lab>{*options.only} : labs;
  if (selected.empty()) {
    std::cerr << "lab: there are no labs in " << (trees.source / "labs").string() << "\n";
    return 1;
  }
  if (options.build && !build_target(trees, options.only ? options.only->test_target() : "labs")) return 1;

  std::ostream& notes = options.json ? std::cerr : std::cout;
  std::vector<LabResult> results;
  bool all_present = true;
  for (const Lab& lab : selected) {
    LabGrade grade = grade_one(trees, lab, options, notes);
    if (!grade.graded) {
      all_present = false;
      continue;
    }
    if (!options.json) {
      hpc::common::print_score_table(std::cout, grade.result, fs::absolute(trees.test_program(lab)).string());
      std::cout << "\n";
    }
    results.push_back(std::move(grade.result));
  }

  int earned = 0;
  int total = 0;
  int skipped = 0;
  for (const LabResult& result : results) {
    earned += result.points_earned();
    total += result.points_total();
    skipped += result.points_skipped();
  }
  if (options.json) {
    if (options.only && !results.empty()) {
      std::cout << hpc::common::to_json(results.front()).dump(2) << "\n";
    } else {
      nlohmann::json all = {
          {"labs", nlohmann::json::array()}, {"points_earned", earned}, {"points_total", total}};
      for (const LabResult& result : results) all["labs"].push_back(hpc::common::to_json(result));
      std::cout << all.dump(2) << "\n";
    }
  } else {
    std::cout << "Total: " << earned << " / " << total << " points";
    if (skipped > 0) std::cout << " (" << skipped << " points skipped on this machine)";
    std::cout << "\n";
  }
  // A single lab without a program is an error; for all labs, a lab not yet in the build is only noted.
  return options.only && !all_present ? 1 : 0;
}

}  // namespace hpc::lab
