// `lab prove NN --binary PATH`: the maintainers' proof that a lab's graded tests are honest — built
// against the student stubs, every graded test must fail (a test that passes on stubs grades nothing).
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "labs.hpp"
#include "test_program.hpp"

namespace hpc::lab {

struct ProofRow {
  std::string test;
  int points = 0;
  std::string on_stubs;  // "FAIL", "PASS", "SKIP" or "missing"
  std::string verdict;   // "ok: fails on the stubs", "NOT PROVEN: ...", ...
  bool ok = true;
};

struct Proof {
  std::vector<ProofRow> rows;
  bool proven = false;
  std::string summary;  // "Stub proof for lab 01: all 7 graded tests fail on the stubs", or what is wrong
};

// The verdict from the tests the program declares (--hpc_list_graded) and its results on the stubs.
Proof judge_stub_run(const std::string& lab_number, const std::vector<GradedTestInfo>& declared,
                     const LabResult& on_stubs);

int prove_command(const Trees& trees, const Lab& lab, const std::filesystem::path& binary,
                  std::chrono::seconds timeout);

}  // namespace hpc::lab
