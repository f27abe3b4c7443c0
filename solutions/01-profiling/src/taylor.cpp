// Reference solution, lab 01 task 3: the call-graph example.
#include "hpc/profiling/taylor.hpp"

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace hpc::profiling {

namespace {
std::uint64_t factorial_call_count = 0;
}  // namespace

// [[gnu::noinline]] keeps factorial a real function with real recursive calls. Without it, GCC at
// -O2/-O3 inlines factorial into taylor_exp/taylor_sin and unrolls some of the recursion into its own
// body, so gprof, perf and callgrind would show fewer calls (or no factorial at all) than the program
// makes, and the call graph the lab asks you to read would not be there.
[[gnu::noinline]] double factorial(int n) {
  if (n < 0) throw std::invalid_argument("factorial of a negative number");
  ++factorial_call_count;
  // double, not an integer type: 21! already overflows 64 bits, while a double reaches 170! and then
  // becomes +inf, exactly as Python's float does.
  return n == 0 ? 1.0 : n * factorial(n - 1);
}

// A negative n gives an empty vector, as Python's range(n) would.
std::vector<double> taylor_exp(int n) {
  std::vector<double> coefficients;
  for (int i = 0; i < n; ++i) coefficients.push_back(1.0 / factorial(i));
  return coefficients;
}

std::vector<double> taylor_sin(int n) {
  std::vector<double> coefficients;
  for (int i = 0; i < n; ++i) {
    if (i % 2 == 0) {
      coefficients.push_back(0.0);   // no factorial call: about half as many calls as taylor_exp
    } else {
      const double sign = ((i - 1) / 2) % 2 == 0 ? 1.0 : -1.0;
      coefficients.push_back(sign / factorial(i));
    }
  }
  return coefficients;
}

std::uint64_t factorial_calls() { return factorial_call_count; }
void reset_factorial_calls() { factorial_call_count = 0; }

}  // namespace hpc::profiling
