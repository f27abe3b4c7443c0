// `lab status`: what the last grade runs stored in <build>/results/labNN.json.
#pragma once

#include <hpc/common/report.hpp>
#include <optional>
#include <string>
#include <vector>

#include "labs.hpp"

namespace hpc::lab {

struct StoredResult {
  std::optional<hpc::common::LabResult> result;  // empty: never graded (or unreadable, see error)
  std::string graded_at;                         // "2025-03-14 09:26", the results file's time
  std::string error;
};
StoredResult load_stored_result(const Trees& trees, const Lab& lab);

// Done means every point that can be earned here is earned: skipped tests (a GPU on a machine without
// one) cannot be, so they do not keep a lab from being done.
bool is_done(const hpc::common::LabResult& result);

// "12 / 20", "20 / 20 done", "not graded yet — run: lab grade 01"
std::string progress_text(const StoredResult& stored, const Lab& lab);

int status_command(const Trees& trees, const std::vector<Lab>& labs);

}  // namespace hpc::lab
