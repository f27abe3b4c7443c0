// Task 3: gaussian_blur against cv::GaussianBlur(..., BORDER_REFLECT_101 | BORDER_ISOLATED), within 1.
//
// The comparison runs OpenCV on a float copy of the image and rounds its result once. OpenCV's 8-bit
// path is not the exact Gaussian: it rounds every weight to a multiple of 1/256 (fixed point, for speed
// and bit-exactness across CPUs), and with kernels of 13 or more taps that moves some pixels 2 levels
// from the exact result (measured: ksize 13, sigma 3; ksize 15, sigma 2.5; ksize 21 on a 2x3 image).
// The float path uses the same kernel (cv::getGaussianKernel) and the same borders without that rounding.
#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/kernels.hpp"
#include "kernel_support.hpp"

namespace {

using hpc::images::gaussian_blur;
using namespace hpc::images::testing;

cv::Mat opencv_blur(const cv::Mat& src, int ksize, double sigma, int border = cv::BORDER_REFLECT_101) {
  cv::Mat as_float, blurred, out;
  src.convertTo(as_float, CV_32F);
  cv::GaussianBlur(as_float, blurred, cv::Size(ksize, ksize), sigma, sigma, border | cv::BORDER_ISOLATED);
  blurred.convertTo(out, src.depth());  // rounds to nearest, saturating
  return out;
}

std::string setting(int ksize, double sigma) {
  return "ksize " + std::to_string(ksize) + ", sigma " + std::to_string(sigma).substr(0, 4);
}

// What a wrong border rule looks like: the result matches OpenCV with another border instead.
std::string border_hint(const cv::Mat& src, const cv::Mat& ours, int ksize, double sigma) {
  if (within(ours, opencv_blur(src, ksize, sigma, cv::BORDER_REPLICATE), 1)) {
    return "; it matches BORDER_REPLICATE (the edge pixel repeated, clamp-to-edge): reflect-101 mirrors "
           "around the edge pixel without repeating it (... 2 1 | 0 1 2 ...)";
  }
  if (within(ours, opencv_blur(src, ksize, sigma, cv::BORDER_REFLECT), 1)) {
    return "; it matches BORDER_REFLECT (... 1 0 | 0 1 ..., the edge repeated): reflect-101 does not repeat "
           "the edge pixel (... 2 1 | 0 1 2 ...)";
  }
  return "";
}

void expect_like_opencv(const NamedImage& input, int ksize, double sigma) {
  const cv::Mat ours = keeping_input(
      input.image, [&](const cv::Mat& in) { return gaussian_blur(in, ksize, sigma); },
      "gaussian_blur on " + input.name);
  const ::testing::AssertionResult close = within(ours, opencv_blur(input.image, ksize, sigma), 1);
  EXPECT_TRUE(close) << input.name << ", " << setting(ksize, sigma)
                     << (close ? "" : border_hint(input.image, ours, ksize, sigma));
}

// "Within 1" lets two mistakes through that shift every pixel a little: truncating at the end instead of
// rounding (half a level dark on average), and rounding the row pass to 8 bits (many pixels a level off,
// either way). Over a whole noise image both show: the mean of ours - exact moves away from 0, or fewer
// values equal the exactly rounded blur. Only OpenCV's fixed tables (ksize 5 and 7, sigma 0) are used:
// their weights are multiples of 1/256, so a 16-bit fixed-point blur is as exact as a float one there
// (measured on this image: the reference 99.8% and 100% equal, OpenCV's own 8-bit path the same, the row
// pass rounded to 8 bits 87% and 90%; the values not equal in a right blur are ties at exactly .5).
std::string rounding_problem(const cv::Mat& src, int ksize, double sigma) {
  cv::Mat ours, exact, diff;
  gaussian_blur(src, ksize, sigma).convertTo(ours, CV_32F);
  opencv_blur(src, ksize, sigma).convertTo(exact, CV_32F);
  diff = ours - exact;
  const double mean = cv::mean(diff.reshape(1))[0];
  const double equal = 1.0 - static_cast<double>(cv::countNonZero(diff.reshape(1))) /
                                 static_cast<double>(diff.total() * diff.channels());
  std::ostringstream out;
  out << std::fixed << std::setprecision(3) << "mean of yours - the exact blur rounded " << mean
      << " levels, " << std::setprecision(1) << 100 * equal << "% of the values equal to it";
  std::cout << "[ rounding ] " << setting(ksize, sigma) << ": " << out.str() << std::endl;
  if (mean < -0.1) {
    return "the final value truncated, not rounded (add 0.5 before the conversion): darker by half a level "
           "on average, " +
           out.str();
  }
  if (mean > 0.1) return "brighter on average: 0.5 added more than once? " + out.str();
  if (equal < 0.97) {
    return "many values a level off although the average is right: is the row pass's result kept in 8 bits? "
           "Keep it in float (or 16-bit fixed point) and round once, at the end: " +
           out.str();
  }
  return "";
}

GRADED_TEST(Blur, OneChannelLikeOpenCv, 4) {
  for (const NamedImage& input : test_images(CV_8UC1)) {
    for (const auto& [ksize, sigma] :
         std::vector<std::pair<int, double>>{{3, 0}, {5, 1.2}, {7, 0}, {9, 0}, {15, 2.5}}) {
      expect_like_opencv(input, ksize, sigma);
    }
  }
  const cv::Mat noise = hpc::common::make_noise_image(300, 400, CV_8UC1, 21);
  for (const auto& [ksize, sigma] : std::vector<std::pair<int, double>>{{7, 0}, {5, 0}}) {
    const std::string problem = rounding_problem(noise, ksize, sigma);
    if (!problem.empty()) ADD_FAILURE() << problem << " (noise 300x400, " << setting(ksize, sigma) << ")";
  }
}

GRADED_TEST(Blur, ThreeInterleavedChannelsLikeOpenCv, 4) {
  for (const NamedImage& input : test_images(CV_8UC3)) {
    for (const auto& [ksize, sigma] :
         std::vector<std::pair<int, double>>{{3, 0.9}, {5, 0}, {11, 0}, {13, 3.0}}) {
      expect_like_opencv(input, ksize, sigma);
    }
  }
}

// Reflect-101 at every edge, seen on a small noise image where every output pixel is near an edge.
GRADED_TEST(Blur, BordersReflect101, 3) {
  for (int type : {CV_8UC1, CV_8UC3}) {
    const NamedImage input{"noise 9x12", hpc::common::make_noise_image(9, 12, type, 31)};
    expect_like_opencv(input, 5, 1.5);
  }
}

// A kernel longer than the image reflects more than once; a side of one pixel reflects onto itself.
GRADED_TEST(Blur, KernelLargerThanTheImage, 3) {
  for (const auto& [rows, cols] : std::vector<std::pair<int, int>>{{1, 1}, {2, 3}, {1, 9}, {9, 1}, {4, 4}}) {
    for (int type : {CV_8UC1, CV_8UC3}) {
      const NamedImage input{"noise " + std::to_string(rows) + "x" + std::to_string(cols) +
                                 (type == CV_8UC1 ? " CV_8UC1" : " CV_8UC3"),
                             hpc::common::make_noise_image(rows, cols, type, 40 + rows)};
      for (const auto& [ksize, sigma] : std::vector<std::pair<int, double>>{{7, 0}, {11, 2.0}, {21, 0}}) {
        expect_like_opencv(input, ksize, sigma);
      }
    }
  }
}

GRADED_TEST(Blur, KsizeOneIsACopy, 1) {
  const cv::Mat roi = roi_inside_noise(13, 17, CV_8UC3, 8);
  EXPECT_TRUE(within(gaussian_blur(roi, 1, 0), roi.clone(), 0)) << "ksize 1, sigma 0";
  EXPECT_TRUE(within(gaussian_blur(roi, 1, 5.0), roi.clone(), 0)) << "ksize 1, sigma 5";
}

// The weights sum to 1: a flat image stays flat.
GRADED_TEST(Blur, FlatImageStaysFlat, 1) {
  for (const auto& [ksize, sigma] : std::vector<std::pair<int, double>>{{9, 3.0}, {5, 0}, {15, 0}}) {
    const cv::Mat flat(20, 30, CV_8UC1, cv::Scalar(200));
    const cv::Mat ours = gaussian_blur(flat, ksize, sigma);
    double lo = 0, hi = 0;
    cv::minMaxLoc(ours, &lo, &hi);
    EXPECT_TRUE(lo >= 199 && hi <= 201)
        << "a flat image of 200 came out between " << lo << " and " << hi << " (" << setting(ksize, sigma)
        << "): the kernel's weights must be divided by their sum";
  }
}

// An ROI is blurred as an image of its own: its edges reflect, the pixels around it are never read.
GRADED_TEST(Blur, RoiIsolatedAndFollowingStep, 2) {
  for (int type : {CV_8UC1, CV_8UC3}) {
    const cv::Mat roi = roi_inside_noise(27, 33, type, 9);
    const cv::Mat ours = gaussian_blur(roi, 7, 1.5);
    const std::string rows = differing_rows(ours, gaussian_blur(roi.clone(), 7, 1.5));
    EXPECT_TRUE(rows.empty())
        << "an ROI and a continuous copy of it give different results (" << rows
        << "): each row of an ROI starts step bytes after the last (use mat.ptr(y)), and "
           "nothing outside the ROI may be read";
    expect_like_opencv({"ROI of noise", roi}, 7, 1.5);
  }
}

// Each pass on its own: rows that are flat along x blur only in the column pass, and the other way round.
// A column pass that reads rows it has already overwritten gets only the first one right.
GRADED_TEST(Blur, RowPassAndColumnPassEachRight, 2) {
  const cv::Mat noise = hpc::common::make_noise_image(40, 1, CV_8UC1, 12);
  cv::Mat varies_down, varies_across;
  cv::repeat(noise, 1, 30, varies_down);        // each row one value: only the column pass matters
  cv::repeat(noise.t(), 30, 1, varies_across);  // each column one value: only the row pass matters
  const auto check = [](const cv::Mat& image, const char* what) {
    const ::testing::AssertionResult close =
        within(gaussian_blur(image, 9, 2.0), opencv_blur(image, 9, 2.0), 1);
    return close ? std::string() : std::string(what) + ": " + close.message();
  };
  const std::string rows_only = check(varies_across, "the row pass");
  const std::string columns_only = check(varies_down, "the column pass");
  EXPECT_TRUE(rows_only.empty()) << rows_only;
  if (rows_only.empty() && !columns_only.empty()) {
    ADD_FAILURE() << "the column pass is wrong while the row pass alone is right: does it read rows it has "
                     "already written? It must read the row pass's result only. "
                  << columns_only;
  } else {
    EXPECT_TRUE(columns_only.empty()) << columns_only;
  }
}

GRADED_TEST(Blur, BadInputIsNamed, 1) {
  const cv::Mat gray(5, 5, CV_8UC1, cv::Scalar(3));
  EXPECT_TRUE(throws_naming([] { gaussian_blur(cv::Mat(), 3, 0); }, {"empty"})) << "an empty Mat";
  EXPECT_TRUE(throws_naming([&] { gaussian_blur(gray, 4, 0); }, {"ksize", "kernel size"})) << "ksize 4";
  EXPECT_TRUE(throws_naming([&] { gaussian_blur(gray, 0, 0); }, {"ksize", "kernel size"})) << "ksize 0";
  EXPECT_TRUE(throws_naming([&] { gaussian_blur(gray, -3, 0); }, {"ksize", "kernel size"})) << "ksize -3";
  EXPECT_TRUE(throws_naming([] { gaussian_blur(cv::Mat(4, 4, CV_8UC4, cv::Scalar::all(1)), 3, 0); },
                            {"channel", "type"}))
      << "a four-channel image";
  EXPECT_TRUE(throws_naming([] { gaussian_blur(cv::Mat(4, 4, CV_32FC1, cv::Scalar(1)), 3, 0); },
                            {"type", "depth", "CV_8U"}))
      << "a float image";
}

}  // namespace
