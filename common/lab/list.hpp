// `lab list`: every lab with its title, graded tests, points and last grade.
#pragma once

#include <vector>

#include "labs.hpp"

namespace hpc::lab {

// A lab whose test program is not built yet is built first to count its tests (it says so), unless
// `build` is false; then its tests and points show as "?".
int list_command(const Trees& trees, const std::vector<Lab>& labs, bool build = true);

}  // namespace hpc::lab
