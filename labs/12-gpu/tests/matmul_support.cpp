#include "matmul_support.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>

namespace hpc::gpu_lab::testing {

FencedMatrix::FencedMatrix(const std::vector<float>& values) : size_(values.size()) {
  const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
  const std::size_t bytes = values.size() * sizeof(float);
  const std::size_t data_pages = (bytes + page - 1) / page;
  mapped_ = (data_pages + 2) * page;
  base_ = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base_ == MAP_FAILED) throw std::runtime_error("FencedMatrix: mmap failed");
  auto* first_page = static_cast<char*>(base_) + page;
  auto* data = reinterpret_cast<float*>(first_page + data_pages * page - bytes);  // ends at the fence
  if (bytes > 0) std::memcpy(data, values.data(), bytes);
  data_ = data;
  if (::mprotect(base_, page, PROT_NONE) != 0 || ::mprotect(first_page, data_pages * page, PROT_READ) != 0 ||
      ::mprotect(first_page + data_pages * page, page, PROT_NONE) != 0)
    throw std::runtime_error("FencedMatrix: mprotect failed");
}

FencedMatrix::~FencedMatrix() { ::munmap(base_, mapped_); }

std::vector<float> random_matrix(int n, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> value(-1.0f, 1.0f);
  std::vector<float> m(std::size_t(n) * std::size_t(n));
  for (float& v : m) v = value(gen);
  return m;
}

namespace {

struct Reference {
  std::vector<double> value, scale;  // scale: sum of |terms|, what float rounding is relative to
};

// C = A·B, or A·Bᵀ / Aᵀ·B with the flags (the products a swapped row and column index give).
Reference multiply(int n, const std::vector<float>& a, const std::vector<float>& b, bool a_transposed,
                   bool b_transposed) {
  const std::size_t size = std::size_t(n);
  Reference r{std::vector<double>(size * size), std::vector<double>(size * size)};
  for (std::size_t i = 0; i < size; ++i) {
    for (std::size_t j = 0; j < size; ++j) {
      double sum = 0, scale = 0;
      for (std::size_t k = 0; k < size; ++k) {
        const double term = double(a_transposed ? a[k * size + i] : a[i * size + k]) *
                            double(b_transposed ? b[j * size + k] : b[k * size + j]);
        sum += term;
        scale += std::abs(term);
      }
      r.value[i * size + j] = sum;
      r.scale[i * size + j] = scale;
    }
  }
  return r;
}

bool close(double got, double want, double scale, double relative) {
  return std::abs(got - want) <= relative * std::max(scale, 1e-30);
}

std::size_t wrong_count(const Reference& r, const std::vector<float>& c, double relative) {
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < c.size(); ++i) wrong += !close(c[i], r.value[i], r.scale[i], relative);
  return wrong;
}

}  // namespace

std::string matmul_problem(int n, const std::vector<float>& a, const std::vector<float>& b,
                           const std::vector<float>& c, double relative) {
  const Reference want = multiply(n, a, b, false, false);
  const std::size_t wrong = wrong_count(want, c, relative);
  if (wrong == 0) return "";
  std::size_t first = 0, nans = 0, poison = 0;
  bool found = false;
  for (std::size_t i = 0; i < c.size(); ++i) {
    nans += std::isnan(c[i]);
    poison += c[i] == kPoison;
    if (!found && !close(c[i], want.value[i], want.scale[i], relative)) first = i, found = true;
  }
  std::string diagnosis;
  if (poison == c.size()) {
    diagnosis = "C never written (is the body still the stub?)";
  } else if (poison > 0) {
    diagnosis =
        std::to_string(poison) + " elements never written (do the threads cover every row and column?)";
  } else if (nans > 0) {
    diagnosis = std::to_string(nans) +
                " NaN: a product with a shared-memory slot nobody wrote (0xFF bytes): pad "
                "the edge tiles with zeros";
  } else if (n > 1 && wrong_count(multiply(n, a, b, false, true), c, relative) == 0) {
    diagnosis = "this is A·Bᵀ: row and column swapped in B's index";
  } else if (n > 1 && wrong_count(multiply(n, a, b, true, false), c, relative) == 0) {
    diagnosis = "this is Aᵀ·B: row and column swapped in A's index";
  } else {
    diagnosis = "wrong values";
  }
  std::ostringstream out;
  out.precision(9);
  out << diagnosis << "; n = " << n << ": " << wrong << " of " << c.size() << " elements wrong, the first C["
      << first / n << "][" << first % n << "] = " << c[first] << " instead of " << want.value[first];
  return out.str();
}

}  // namespace hpc::gpu_lab::testing
