// `lab list`: every lab with its title, graded tests, points and last grade.
#pragma once

#include <vector>

#include "labs.hpp"

namespace hpc::lab {

// Builds the test programs that are missing, to ask them for their graded tests.
int list_command(const Trees& trees, const std::vector<Lab>& labs);

}  // namespace hpc::lab
