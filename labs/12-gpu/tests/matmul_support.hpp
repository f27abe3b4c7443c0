#pragma once
// Matrices for the matmul tests (task 4 and the device tests): random inputs, a double-precision reference
// and a comparison that names the classic mistakes instead of dumping n² numbers.
#include <cstddef>
#include <span>
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

// A read-only copy of a matrix between two unreadable pages: its first element starts right after one and
// its last ends right before the other, so a kernel that reads past either end (a tile load without its
// bounds check) dies with SIGSEGV at that read instead of multiplying whatever the heap holds there; a
// write into it dies the same way.
class FencedMatrix {
 public:
  explicit FencedMatrix(const std::vector<float>& values);
  ~FencedMatrix();
  FencedMatrix(const FencedMatrix&) = delete;
  FencedMatrix& operator=(const FencedMatrix&) = delete;
  std::span<const float> span() const { return {data_, size_}; }

 private:
  void* base_ = nullptr;
  std::size_t mapped_ = 0;
  const float* data_ = nullptr;
  std::size_t size_ = 0;
};

// A value no matmul produces, to fill C with before a call: an element left as this was never written.
inline constexpr float kPoison = -12345.0f;

}  // namespace hpc::gpu_lab::testing
