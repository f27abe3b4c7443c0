// The book's call-graph example (taylor.py, profiled with KCachegrind): Taylor coefficients built
// from a recursive factorial, so that a profiler has a deep, countable call tree to show.
// Lab task 3 (labs/01-profiling/src/taylor.cpp).
#pragma once

#include <cstdint>
#include <vector>

namespace hpc::profiling {

// n! as a double, computed recursively (factorial(n) calls factorial(n - 1), factorial(0) == 1).
// Every call, including the recursive ones, adds one to the counter below. For n >= 171 the result
// overflows to +infinity, as in Python.
double factorial(int n);

// The first n coefficients of exp(x): element i is 1 / i!.
std::vector<double> taylor_exp(int n);

// The first n coefficients of sin(x): 0 for even i, (-1)^((i - 1) / 2) / i! for odd i. Only odd
// indices call factorial.
std::vector<double> taylor_sin(int n);

// Calls of factorial since the last reset (not thread-safe; the example is single-threaded).
std::uint64_t factorial_calls();
void reset_factorial_calls();

}  // namespace hpc::profiling
