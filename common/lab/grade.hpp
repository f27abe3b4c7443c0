// `lab grade [NN] [--json] [--no-build] [--verbose] [--sanitize S]`: build, run the graded tests, print
// the score table(s) and a summary.
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "best.hpp"
#include "integrity.hpp"
#include "labs.hpp"
#include "sanitize.hpp"

namespace hpc::lab {

struct GradeOptions {
  std::optional<Lab> only;  // one lab, or all of them
  bool json = false;        // print only JSON on stdout
  bool build = true;
  bool verbose = false;  // every lab's full table, also for labs not started
  std::chrono::seconds timeout{900};
  std::optional<Sanitizer> sanitizer;  // grade a sanitizer build of the student's code instead
};

// One lab's run: this run's results, the best on the same code, and what the run did to the course.
struct LabGrade {
  bool graded = false;  // false: no test program to run
  LabResult result;     // this run
  std::optional<MergedBest> best;
  IntegrityReport integrity;
  std::string log_text;  // the test program's output, for the first failure's full message
};

// Runs one lab's (already built) test program. `source_hash` is the hash of the lab's sources taken
// before the build; the best results are kept only while it holds. Problems go to `notes`.
LabGrade grade_lab(const Trees& trees, const Lab& lab, const GradeOptions& options,
                   const std::string& source_hash, std::ostream& notes);

// The lab's full table (test, points, result, speed ratio and bar, reason, rerun command, a better
// result earlier on this code), then its integrity line.
void print_lab_table(std::ostream& out, const Trees& trees, const Lab& lab, const LabGrade& grade,
                     const GradeOptions& options);

// Exit status: 0 whenever everything built and ran far enough to be graded (whatever the score), 1 when
// a build failed or a test program is missing.
int grade_command(const Trees& trees, const std::vector<Lab>& labs, const GradeOptions& options);

}  // namespace hpc::lab
