// `lab grade [NN] [--json] [--no-build]`: build, run the graded tests, print the score table(s).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "labs.hpp"

namespace hpc::lab {

struct GradeOptions {
  std::optional<Lab> only;  // one lab, or all of them
  bool json = false;        // print only JSON on stdout
  bool build = true;
  std::chrono::seconds timeout{900};
};

// Exit status: 0 whenever everything built and ran far enough to be graded (whatever the score), 1 when
// a build failed or a test program is missing.
int grade_command(const Trees& trees, const std::vector<Lab>& labs, const GradeOptions& options);

}  // namespace hpc::lab
