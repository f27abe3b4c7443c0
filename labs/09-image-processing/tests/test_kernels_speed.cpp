// Tasks 1-3, speed: each parallel kernel against its own serial version on two cores, and the serial
// grayscale against OpenCV's single-threaded cv::cvtColor, interleaved in the same run (DESIGN.md §5).
// The parallel bars need two free cores: a missed bar on a busy machine skips with the measured ratio
// (hpc::common::expect_two_core_speedup, with a machine check of the same memory behaviour) instead of
// failing.
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/kernels.hpp"

namespace {

using namespace hpc::images;

// Keeps a result alive so that the compiler cannot drop the call that made it.
void keep(const cv::Mat& m) { asm volatile("" : : "g"(m.data) : "memory"); }

// The machine check, like with like: a threshold-like loop streaming 14 MB (in and out) on two threads,
// each call starting its helper thread, against one thread. The plain integer check of two_core_ratio()
// once read 1.9x while this lab's kernels, which wait on the cache and memory, ran at 0.8x: what two
// threads of memory-bound work get depends on what else uses the memory, not only on free cores.
double streaming_two_core_ratio() {
  static std::vector<unsigned char> in(14u << 20, 100), out(in.size());
  const auto part = [](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) out[i] = in[i] > 127 ? 255 : 0;
  };
  const std::size_t n = in.size();
  const auto machine = hpc::common::compare_speed(
      "streaming, one thread", [&] { part(0, n); }, "streaming, two threads",
      [&] {
        std::jthread helper(part, n / 2, n);
        part(0, n / 2);
      },
      {.pairs = 5, .warmup = 1});
  std::cout << "[ machine  ] " << machine.describe() << std::endl;
  return machine.ratio;
}

// Measured with two free cores (LAB.md, "Speed"): the reference reached 1.52-1.91x (2026-11-30, load
// 0.9-1.2; its memory-bound loops do not reach 2x here). Each bar, 1.3x, is about 75% of its typical
// ratio (1.25x for the threshold, 1.38-1.90x); the 1.5x first planned was never calibrated and failed the
// reference at 1.17-1.48x. Below 1.5x on the streaming check the machine is busy and nothing is graded.
void expect_kernel_speedup(double bar, const std::string& serial_name, const std::function<void()>& serial,
                           const std::string& parallel_name, const std::function<void()>& parallel) {
  HPC_REQUIRE_SPEED_BUILD();
  HPC_REQUIRE_CORES(2);
  const auto measure = [&] {
    return hpc::common::compare_speed(serial_name, serial, parallel_name, parallel);
  };
  hpc::common::expect_two_core_speedup(
      measure, bar,
      {.machine_ratio = streaming_two_core_ratio, .machine_bar = 1.5, .subject = "your " + parallel_name});
}

// The ship at twice the book's size in each direction: 21 MB of BGR. Every kernel here starts its threads
// per call (the reference does too), which costs tens of microseconds: at this size the grayscale takes
// about 1.5 ms and the blur 90 ms, so thread starts matter little.
const cv::Mat& big_ship() {
  static const cv::Mat ship = hpc::common::make_ship_image(2236, 3154, 1);
  return ship;
}

GRADED_TEST(Speed, ParallelGrayOnTwoCores, 2) {
  expect_kernel_speedup(
      1.3, "to_gray", [&] { keep(to_gray(big_ship())); }, "to_gray_parallel(2)",
      [&] { keep(to_gray_parallel(big_ship(), 2)); });
}

// The threshold is the cheapest kernel (a third of a millisecond on the gray big ship): at that size a
// thread's start-up and wake-up, and any other program's moment on the second core, decide the ratio
// (measured 0.77-1.25x with the machine check passing). Three times the book's size in each direction
// (15 MB of gray) and four calls per timed run make each side last milliseconds.
GRADED_TEST(Speed, ParallelThresholdOnTwoCores, 1) {
  static const cv::Mat gray = to_gray(hpc::common::make_ship_image(3354, 4731, 1));
  expect_kernel_speedup(
      1.25, "threshold_binary (4 calls)",
      [&] {
        for (int i = 0; i < 4; ++i) keep(threshold_binary(gray, 127, 255));
      },
      "threshold_binary_parallel(2) (4 calls)",
      [&] {
        for (int i = 0; i < 4; ++i) keep(threshold_binary_parallel(gray, 127, 255, 2));
      });
}

GRADED_TEST(Speed, ParallelBlurOnTwoCores, 2) {
  expect_kernel_speedup(
      1.3, "gaussian_blur", [&] { keep(gaussian_blur(big_ship(), 9, 0)); }, "gaussian_blur_parallel(2)",
      [&] { keep(gaussian_blur_parallel(big_ship(), 9, 0, 2)); });
}

// One core against one core: OpenCV limited to the calling thread for the whole test (each test runs in a
// process of its own, so no other test sees the setting).
GRADED_TEST(Speed, SerialGrayWithinTwiceOpenCv, 2) {
  HPC_REQUIRE_SPEED_BUILD();
  constexpr double bar = 0.5;
  cv::setNumThreads(1);
  // The book's size (5 MB of BGR, in this machine's 32 MB L3 cache): twice as large in each direction,
  // both sides wait on memory and the comparison says more about the machine's load than the loop.
  const cv::Mat ship = hpc::common::make_ship_image();
  cv::Mat opencv;
  const auto cmp = hpc::common::compare_speed(
      "cv::cvtColor (1 thread)",
      [&] {
        cv::cvtColor(ship, opencv, cv::COLOR_BGR2GRAY);
        keep(opencv);
      },
      "to_gray", [&] { keep(to_gray(ship)); });
  EXPECT_SPEEDUP_AT_LEAST(cmp, bar);
}

}  // namespace
