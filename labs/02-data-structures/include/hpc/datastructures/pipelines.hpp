// Materialized containers against lazy C++20 views: the C++ side of list comprehensions against
// generators. Same answers, very different memory.
// Lab task 9 (labs/02-data-structures/src/pipelines.cpp).
#pragma once

#include <cstdint>

namespace hpc::datastructures {

// The sum of i * i for i = 0 .. n - 1 (0 when n <= 0), three ways:
std::int64_t sum_squares_loop(int n);     // push_back into a std::vector that was not reserved, then sum
std::int64_t sum_squares_reserve(int n);  // the same with reserve(n) first: exactly one allocation
std::int64_t sum_squares_lazy(int n);     // std::views::iota | std::views::transform, no container

// The book's map pipeline over the numbers 0 .. n - 1: a = 2 * i, b = a * a (exact, in 64-bit integers),
// c = pow(double(b), 0.33); returns the largest c. Throws std::invalid_argument when n < 1.
double map_materialized(int n);  // three std::vectors (a, b and c), each built in full before the next
double map_lazy(int n);          // one chain of views; allocates nothing

}  // namespace hpc::datastructures
