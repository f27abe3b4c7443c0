// Tasks 1 and 3, stretch (bonus tiers): your serial kernels against OpenCV's own, one thread each
// (cv::setNumThreads(1); each test runs in a process of its own, so the setting stays in it), measured
// interleaved in the same run. OpenCV picks AVX2 code at run time and its 8-bit blur works in 16-bit
// fixed point; a plain loop the compiler vectorizes can come close. Bars at about 75% of what the
// reference reached (LAB.md, "Stretch", has the measurements). One core, so the machine's load matters
// less; a comparison the load kept from finishing skips.
#include <gtest/gtest.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/kernels.hpp"

namespace {

using namespace hpc::images;

void keep(const cv::Mat& m) { asm volatile("" : : "g"(m.data) : "memory"); }

const cv::Mat& ship() {
  static const cv::Mat picture = hpc::common::make_ship_image();
  return picture;
}

void expect_gray_tier(double bar) {
  HPC_REQUIRE_SPEED_BUILD();
  cv::setNumThreads(1);
  cv::Mat opencv;
  const auto cmp = hpc::common::compare_speed(
      "cv::cvtColor (1 thread)",
      [&] {
        cv::cvtColor(ship(), opencv, cv::COLOR_BGR2GRAY);
        keep(opencv);
      },
      "to_gray", [&] { keep(to_gray(ship())); });
  EXPECT_SPEEDUP_AT_LEAST(cmp, bar);
}

void expect_blur_tier(double bar) {
  HPC_REQUIRE_SPEED_BUILD();
  cv::setNumThreads(1);
  cv::Mat opencv;
  const auto cmp = hpc::common::compare_speed(
      "cv::GaussianBlur 9x9 (1 thread)",
      [&] {
        cv::GaussianBlur(ship(), opencv, cv::Size(9, 9), 0, 0, cv::BORDER_REFLECT_101);
        keep(opencv);
      },
      "gaussian_blur 9x9", [&] { keep(gaussian_blur(ship(), 9, 0)); });
  // One core against one, yet the reference's ratio went from 0.18x to 0.11x as the machine's load rose
  // (its float blur streams 4 bytes per value through the cache that OpenCV's 16-bit one halves, and other
  // programs share that cache). A missed bar with more runnable programs than cores is not graded.
  double load = 0;
  if (cmp.ratio < bar && std::ifstream("/proc/loadavg") >> load && load > hpc::common::available_cores()) {
    std::cout << "[ speed    ] " << cmp.describe() << " (not graded: the machine is busy)" << std::endl;
    GTEST_SKIP() << "the machine is busy (1-minute load " << load << " on " << hpc::common::available_cores()
                 << " cores): your gaussian_blur measured " << std::fixed << std::setprecision(2) << cmp.ratio
                 << "x of OpenCV's against the bar of " << bar
                 << "x; rerun on a quiet machine: " << hpc::common::rerun_command();
  }
  EXPECT_SPEEDUP_AT_LEAST(cmp, bar);
}

// The reference's to_gray measured 1.12-1.20x of cv::cvtColor (2026-11-30, load 8-11), its float blur
// 0.19-0.32x of OpenCV's fixed-point one. No tier above what the reference reaches: a blur tier near
// OpenCV would need 16-bit fixed point and a strip-by-strip order (LAB.md, "Stretch").
BONUS_TEST(KernelStretch, GrayTier1NearOpenCv, 1) { expect_gray_tier(0.8); }
BONUS_TEST(KernelStretch, BlurTier1SixthOfOpenCv, 1) { expect_blur_tier(0.15); }

}  // namespace
