// Best results per test on the same code (issue 9): a busy machine can make a speed test skip or fail
// on one run and pass on the next, so `lab status` keeps, per test, the best result (passed > skipped >
// failed) over every run of the SAME student code. "The same" is a hash of the lab's folder — its src/
// (what the student edits), include/ and tests/ — stored with the results; a different hash starts over.
// Stored in <build>/results/labNN.best.json beside the last run's labNN.json:
//   {"lab": "06", "source_hash": "9f...", "runs": 3, "result": { the LabResult JSON of the best }}
#pragma once

#include <filesystem>
#include <hpc/common/report.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "labs.hpp"

namespace hpc::lab {

using hpc::common::LabResult;
using hpc::common::TestResult;

// The folders of a lab whose contents decide what a run grades.
inline constexpr const char* graded_source_folders[] = {"src", "include", "tests"};

// Hash of every file under the lab's src/, include/ and tests/ (names and contents), in name order.
std::string lab_source_hash(const Lab& lab);

// passed 2 > skipped 1 > failed 0
int status_rank(const std::string& status);

struct BestRecord {
  std::string lab;
  std::string source_hash;
  int runs = 0;  // runs of this code merged into `result`
  LabResult result;
};

std::filesystem::path best_file(const Trees& trees, const Lab& lab);
std::optional<BestRecord> load_best(const std::filesystem::path& path);  // nullopt: none or unreadable
bool store_best(const std::filesystem::path& path, const BestRecord& record);

struct MergedBest {
  BestRecord best;
  // Tests whose best on this code is better than this run: name -> "passed earlier on this code (2.41x)"
  std::map<std::string, std::string> better_earlier;
};

// The new best: this run's tests, each replaced by the previous best when that ranks higher and the
// previous record is of the same code. A test that no longer exists is dropped.
MergedBest merge_best(const std::optional<BestRecord>& previous, const LabResult& current,
                      const std::string& source_hash);

nlohmann::json best_summary_json(const MergedBest& merged);  // for `lab grade --json`

}  // namespace hpc::lab
