#pragma once
// Matrices for the matmul tests (task 4 and the device tests): random inputs, a double-precision reference
// and a comparison that names the classic mistakes instead of dumping n² numbers.
#include <string>
#include <vector>

namespace hpc::gpu_lab::testing {

// n×n values in [-1, 1), row-major, the same for the same (n, seed).
std::vector<float> random_matrix(int n, unsigned seed);

// "" when every element of c is within `relative` of A·B computed in double, relative to the size of the
// element's terms (sum over k of |a_ik·b_kj|, so sums that cancel to about 0 are judged fairly); else the
// first wrong element, how many are wrong, and what the result looks like instead: A·Bᵀ or Aᵀ·B (row and
// column swapped), NaN (an unwritten element or a tile slot nobody wrote), untouched poison.
std::string matmul_problem(int n, const std::vector<float>& a, const std::vector<float>& b,
                           const std::vector<float>& c, double relative);

// A value no matmul produces, to fill C with before a call: an element left as this was never written.
inline constexpr float kPoison = -12345.0f;

}  // namespace hpc::gpu_lab::testing
