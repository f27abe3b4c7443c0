// Graded speed test, lab 08 task 5: the map-reduce word count on 2 threads against the tests' own serial
// count on 1 (tests/test_map_reduce_support.hpp: one map, no vector of words per document), interleaved
// and graded by the median ratio (DESIGN.md §5).
//
// Python's threads could not do this (the GIL); C++ threads on two cores can, but not twice as fast: the
// shuffle and the reducers' merges are work the serial count never does. The bar is about 75% of what the
// reference reaches (LAB.md, task 5, has the measurements). When the ratio is below it, the machine is
// checked (common's two_core_ratio): busy, the test is skipped with both numbers; free, your code is
// measured again and that is graded.
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/processes/map_reduce.hpp"
#include "test_map_reduce_support.hpp"

namespace {

using namespace hpc::processes::testing;

GRADED_TEST(MapReduceSpeed, TwoThreadsBeatOne, 3) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  // The reference measured 1.27-1.76x, median 1.66x, in 15 runs at load 2.5 (2026-11-30): 75% of 1.66
  // is 1.25.
  constexpr double bar = 1.25;
  // 400 documents of about 1,500 words from a vocabulary of 20,000: a few tens of ms per serial count.
  const std::vector<std::string> corpus = make_corpus(400, 1500, 20'000, 8);
  const hpc::processes::WordCounts expected = quick_serial_count(corpus);
  hpc::processes::WordCounts serial;
  hpc::processes::PartitionedCounts parallel;
  const auto measure = [&] {
    return hpc::common::compare_speed(
        "serial word count (the tests' own)", [&] { serial = quick_serial_count(corpus); },
        "word_count_map_reduce(2 threads)",
        [&] { parallel = hpc::processes::word_count_map_reduce(corpus, 2); });
  };
  const hpc::common::SpeedComparison first = measure();
  ASSERT_EQ(serial, expected);
  ASSERT_TRUE(parallel.merged() == expected) << "word_count_map_reduce(2 threads) counted wrong";
  hpc::common::expect_two_core_speedup(first, measure, bar, {.subject = "your map-reduce"});
}
HPC_TIME_LIMIT(MapReduceSpeed, TwoThreadsBeatOne, 90);

}  // namespace
