// The counting operator new: exact byte counts, nothing counted outside a scope.
#include "hpc/common/alloc_counter.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

using hpc::common::count_allocations;

TEST(AllocationCounter, CountsExactBytes) {
  const auto stats = count_allocations([] {
    std::vector<double> v(1000);
    v[10] = 1;
    EXPECT_EQ(v[10], 1);
  });
  EXPECT_EQ(stats.bytes, 8000u);
  EXPECT_EQ(stats.count, 1u);
}

TEST(AllocationCounter, CountsEveryCall) {
  const auto stats = count_allocations([] {
    std::vector<std::unique_ptr<int>> v;
    v.reserve(100);
    for (int i = 0; i < 100; ++i) v.push_back(std::make_unique<int>(i));
    EXPECT_EQ(*v[99], 99);
  });
  EXPECT_EQ(stats.count, 101u);
  EXPECT_EQ(stats.bytes, 100 * sizeof(std::unique_ptr<int>) + 100 * sizeof(int));
}

TEST(AllocationCounter, StopsCounting) {
  hpc::common::AllocationScope scope;
  const auto stats = scope.stop();
  auto after = std::make_unique<std::vector<int>>(100);
  EXPECT_EQ(stats.bytes, 0u);
  EXPECT_EQ(scope.stop().bytes, 0u);
  EXPECT_EQ(after->size(), 100u);
}

TEST(AllocationCounter, ScopesDoNotNest) {
  hpc::common::AllocationScope outer;
  EXPECT_THROW(hpc::common::AllocationScope inner, std::logic_error);
}
