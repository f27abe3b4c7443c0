// How `lab grade` shows its results: a lab whose stubs are untouched in one line, a lab in progress in
// its full table, and a summary of every lab graded at the end.
#pragma once

#include <hpc/common/report.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "integrity.hpp"

namespace hpc::lab {

using hpc::common::LabResult;

// The text every stub throws (hpc/common/not_implemented.hpp): "not implemented yet: <function> ...".
inline constexpr const char* not_implemented_text = "not implemented yet";

// Not started: nothing passed, and every failure is a stub's "not implemented yet" (skips are allowed:
// a speed test can skip on a small machine before it reaches the stub).
bool is_not_started(const LabResult& result);

// "Lab 02 (data-structures): not started, 0/50, 39 tests" (", bonus 0/6" when the lab has bonus tests)
std::string not_started_line(const LabResult& result);

struct SummaryRow {
  LabResult result;
  std::string note;  // "not started", "best 40 / 48 on this code", "integrity FAILED", ...
};

// The closing table of a run over several labs: lab, topic, points, bonus, passed/failed/skipped, note;
// then the totals.
void print_summary(std::ostream& out, const std::vector<SummaryRow>& rows,
                   const std::string& title = "Summary");

// The full output of one test in a test program's log: from its "[ RUN      ] <name>" line up to the
// next test's, at most max_lines lines. Empty when the log has no such test.
std::string test_output_from_log(const std::string& log_text, const std::string& test_name,
                                 std::size_t max_lines = 60);

}  // namespace hpc::lab
