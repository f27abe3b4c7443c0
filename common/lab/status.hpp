// `lab status`: what the grade runs stored in <build>/results: labNN.json (the last run) and
// labNN.best.json (each test's best result on the same code, see best.hpp).
#pragma once

#include <hpc/common/report.hpp>
#include <optional>
#include <string>
#include <vector>

#include "best.hpp"
#include "labs.hpp"

namespace hpc::lab {

struct StoredResult {
  std::optional<hpc::common::LabResult> result;  // the last run; empty: never graded (or unreadable)
  std::string graded_at;                         // "2025-03-14 09:26", the results file's time
  std::string error;
  std::optional<BestRecord> best;  // each test's best on the code last graded
  bool code_changed = false;       // the lab's sources differ from the code `best` was graded on
  // What the student has earned: the best on the code last graded, else the last run.
  const hpc::common::LabResult* shown() const { return best ? &best->result : result ? &*result : nullptr; }
};
StoredResult load_stored_result(const Trees& trees, const Lab& lab);

// Done means every point that can be earned here is earned: skipped tests (a GPU on a machine without
// one) cannot be, so they do not keep a lab from being done.
bool is_done(const hpc::common::LabResult& result);

// "12 / 20", "20 / 20 done", "not graded yet — run: lab grade 01"
std::string progress_text(const StoredResult& stored, const Lab& lab);

int status_command(const Trees& trees, const std::vector<Lab>& labs);

}  // namespace hpc::lab
