// Reference solution, lab 02 task 9: the same sums and maxima, with and without containers.
#include "hpc/datastructures/pipelines.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <ranges>
#include <stdexcept>
#include <vector>

namespace hpc::datastructures {

std::int64_t sum_squares_loop(int n) {
  std::vector<std::int64_t> squares;
  for (std::int64_t i = 0; i < n; ++i) squares.push_back(i * i);
  return std::accumulate(squares.begin(), squares.end(), std::int64_t{0});
}

std::int64_t sum_squares_reserve(int n) {
  std::vector<std::int64_t> squares;
  squares.reserve(static_cast<std::size_t>(std::max(n, 0)));
  for (std::int64_t i = 0; i < n; ++i) squares.push_back(i * i);
  return std::accumulate(squares.begin(), squares.end(), std::int64_t{0});
}

std::int64_t sum_squares_lazy(int n) {
  auto squares = std::views::iota(std::int64_t{0}, std::int64_t{std::max(n, 0)}) |
                 std::views::transform([](std::int64_t i) { return i * i; });
  std::int64_t sum = 0;
  for (const std::int64_t s : squares) sum += s;
  return sum;
}

namespace {

void require_positive(int n) {
  if (n < 1) throw std::invalid_argument("map pipeline: the maximum of no numbers (n < 1)");
}

}  // namespace

double map_materialized(int n) {
  require_positive(n);
  const auto count = static_cast<std::size_t>(n);
  std::vector<std::int64_t> a(count);
  for (std::size_t i = 0; i < count; ++i) a[i] = 2 * static_cast<std::int64_t>(i);
  std::vector<std::int64_t> b(count);
  for (std::size_t i = 0; i < count; ++i) b[i] = a[i] * a[i];
  std::vector<double> c(count);
  for (std::size_t i = 0; i < count; ++i) c[i] = std::pow(static_cast<double>(b[i]), 0.33);
  return *std::max_element(c.begin(), c.end());
}

double map_lazy(int n) {
  require_positive(n);
  auto c = std::views::iota(std::int64_t{0}, std::int64_t{n}) |
           std::views::transform([](std::int64_t i) { return 2 * i; }) |
           std::views::transform([](std::int64_t a) { return a * a; }) |
           std::views::transform([](std::int64_t b) { return std::pow(static_cast<double>(b), 0.33); });
  return std::ranges::max(c);
}

}  // namespace hpc::datastructures
