#include "proof.hpp"

#include <iostream>
#include <map>

#include "table.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

}  // namespace

Proof judge_stub_run(const std::string& lab_number, const std::vector<GradedTestInfo>& declared,
                     const LabResult& on_stubs) {
  // Judge the declared tests in their order, then any graded test that only the results name.
  std::vector<GradedTestInfo> tests = declared;
  std::map<std::string, const hpc::common::TestResult*> reported;
  for (const auto& test : on_stubs.tests) {
    reported[test.name] = &test;
    bool known = false;
    for (const auto& d : declared) known = known || d.name == test.name;
    if (!known) tests.push_back(GradedTestInfo{test.name, test.points, test.stub_may_pass, test.bonus});
  }

  Proof proof;
  std::vector<std::string> failing, exceptions, skipped, passing, missing;
  for (const GradedTestInfo& test : tests) {
    ProofRow row{test.name, test.points, "missing", "", true};
    const auto found = reported.find(test.name);
    if (found == reported.end()) {
      row.verdict = "NOT PROVEN: no result for this test";
      row.ok = false;
      missing.push_back(test.name);
    } else if (const auto& result = *found->second; result.status == "skipped") {
      row.on_stubs = "SKIP";
      row.verdict = "not proven on this machine (skipped: " + result.reason + ")";
      skipped.push_back(test.name);
    } else if (!result.passed()) {
      row.on_stubs = "FAIL";
      row.verdict = "ok: fails on the stubs";
      failing.push_back(test.name);
    } else {
      row.on_stubs = "PASS";
      const std::string reason = !result.stub_may_pass.empty() ? result.stub_may_pass : test.stub_may_pass;
      if (!reason.empty()) {
        row.verdict = "ok: declared exception (STUB_MAY_PASS: " + reason + ")";
        exceptions.push_back(test.name);
      } else {
        row.verdict = "NOT PROVEN: passes on the stubs and has no STUB_MAY_PASS";
        row.ok = false;
        passing.push_back(test.name);
      }
    }
    proof.rows.push_back(row);
  }

  const std::string head = "Stub proof for lab " + lab_number;
  std::vector<std::string> problems;
  if (tests.empty()) problems.push_back("the program declares no graded tests");
  if (on_stubs.lab != lab_number) {
    problems.push_back("the results are for lab '" + on_stubs.lab + "', not lab " + lab_number);
  }
  if (!passing.empty()) {
    problems.push_back(std::to_string(passing.size()) + " passing on the stubs without STUB_MAY_PASS (" +
                       join(passing) + ")");
  }
  if (!missing.empty()) {
    problems.push_back(std::to_string(missing.size()) + " missing from the results (" + join(missing) + ")");
  }
  proof.proven = problems.empty();
  if (!proof.proven) {
    std::string text;
    for (const std::string& problem : problems) text += (text.empty() ? "" : "; ") + problem;
    proof.summary = head + " FAILED: " + text;
    return proof;
  }
  const auto count = [](std::size_t n) {
    return std::to_string(n) + (n == 1 ? " graded test" : " graded tests");
  };
  if (exceptions.empty() && skipped.empty()) {
    proof.summary = head + ": all " + count(failing.size()) + " fail on the stubs";
    return proof;
  }
  proof.summary = head + ": " + std::to_string(failing.size()) + " of " + count(proof.rows.size()) +
                  (failing.size() == 1 ? " fails" : " fail") + " on the stubs";
  if (!exceptions.empty()) proof.summary += "; declared exceptions (may pass): " + join(exceptions);
  if (!skipped.empty()) proof.summary += "; not proven on this machine (skipped): " + join(skipped);
  return proof;
}

int prove_command(const Trees& trees, const Lab& lab, const fs::path& binary, std::chrono::seconds timeout) {
  const std::string head = "Stub proof for lab " + lab.number;
  if (!fs::exists(binary)) {
    std::cerr << head << " FAILED: no program " << binary.string() << "\n";
    return 1;
  }
  const GradedList declared = list_graded(binary);
  if (!declared.error.empty()) {
    std::cout << head << " FAILED: " << declared.error << "\n";
    return 1;
  }
  const fs::path results = trees.results_dir() / ("lab" + lab.number + "-stubs.json");
  const fs::path log = trees.results_dir() / ("lab" + lab.number + "-stubs.log");
  const GradedRun run = run_for_results(binary, results, log, timeout);
  // A crash or hang on the stubs is itself a failed proof: graded tests must fail, not take the run down.
  if (!run.problem.empty()) {
    std::cout << head << " FAILED: on the stubs, " << run.problem << "\n";
    return 1;
  }
  const Proof proof = judge_stub_run(lab.number, declared.tests, *run.result);
  TextTable table({"Test", "Points", "On stubs", "Verdict"});
  table.right_align(1);
  for (const ProofRow& row : proof.rows) {
    table.add_row({row.test, std::to_string(row.points), row.on_stubs, row.verdict});
  }
  std::cout << "Lab " << lab.number << " graded tests built against the stubs (" << binary.string()
            << "):\n\n";
  table.print(std::cout);
  std::cout << "\n" << proof.summary << "\n";
  return proof.proven ? 0 : 1;
}

}  // namespace hpc::lab
