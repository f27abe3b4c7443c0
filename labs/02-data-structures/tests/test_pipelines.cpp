// Graded tests, lab 02 task 9: materialized against lazy pipelines.
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "hpc/common/alloc_counter.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/datastructures/pipelines.hpp"

namespace {

using namespace hpc::datastructures;

std::int64_t closed_form(std::int64_t n) { return n <= 0 ? 0 : (n - 1) * n * (2 * n - 1) / 6; }

GRADED_TEST(Pipelines, SumOfSquaresBookValue, 1) {
  EXPECT_EQ(sum_squares_loop(100'000), 333'328'333'350'000);  // the book's result
  EXPECT_EQ(sum_squares_reserve(100'000), 333'328'333'350'000);
  EXPECT_EQ(sum_squares_lazy(100'000), 333'328'333'350'000);
  for (const int n : {-5, 0, 1, 2, 7, 1000, 1'000'000}) {
    EXPECT_EQ(sum_squares_loop(n), closed_form(n)) << "n = " << n;
    EXPECT_EQ(sum_squares_reserve(n), closed_form(n)) << "n = " << n;
    EXPECT_EQ(sum_squares_lazy(n), closed_form(n)) << "n = " << n;
  }
}

// The book's map pipeline over range(1000000): the largest value comes from the last number.
GRADED_TEST(Pipelines, MapLazyEqualsMaterialized, 1) {
  constexpr int n = 1'000'000;
  const double b = static_cast<double>(std::int64_t{2 * (n - 1)} * std::int64_t{2 * (n - 1)});
  EXPECT_DOUBLE_EQ(map_lazy(n), std::pow(b, 0.33));
  EXPECT_DOUBLE_EQ(map_materialized(n), map_lazy(n));
  EXPECT_NEAR(map_lazy(n), 14410.515288, 1e-6);  // what Python prints for the book's code
  EXPECT_EQ(map_lazy(1), 0.0);
  EXPECT_EQ(map_materialized(2), std::pow(4.0, 0.33));
  EXPECT_THROW(map_lazy(0), std::invalid_argument);
  EXPECT_THROW(map_materialized(0), std::invalid_argument);
}

// The book's %memit in C++: heap bytes counted by replacing operator new, exact on every machine.
GRADED_TEST(Pipelines, AllocationCounts, 1) {
  constexpr int n = 1'000'000;
  double lazy = 0;
  double materialized = 0;
  const auto lazy_cost = hpc::common::count_allocations([&] { lazy = map_lazy(n); });
  const auto materialized_cost = hpc::common::count_allocations([&] { materialized = map_materialized(n); });
  EXPECT_EQ(lazy_cost.bytes, 0u) << "a view pipeline needs no heap memory";
  EXPECT_GE(materialized_cost.bytes, 3u * 8u * n) << "three vectors of n 8-byte numbers";
  EXPECT_EQ(lazy, materialized);

  constexpr int m = 100'000;
  std::int64_t sums[3] = {};
  const auto loop_cost = hpc::common::count_allocations([&] { sums[0] = sum_squares_loop(m); });
  const auto reserve_cost = hpc::common::count_allocations([&] { sums[1] = sum_squares_reserve(m); });
  const auto view_cost = hpc::common::count_allocations([&] { sums[2] = sum_squares_lazy(m); });
  EXPECT_GT(loop_cost.count, 10u) << "push_back without reserve regrows the vector many times";
  EXPECT_EQ(reserve_cost.count, 1u) << "reserve(n) allocates once";
  EXPECT_EQ(reserve_cost.bytes, 8u * m);
  EXPECT_EQ(view_cost.bytes, 0u);
  EXPECT_EQ(sums[0], sums[1]);
  EXPECT_EQ(sums[1], sums[2]);
}

}  // namespace
