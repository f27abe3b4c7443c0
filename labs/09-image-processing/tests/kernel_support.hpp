// What lab 09's kernel tests share: the images they run on, comparisons of two images that name the
// first difference (never a dump of pixels), and "throws invalid_argument naming X".
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

namespace hpc::images::testing {

// An image to run a kernel on, with a name for the messages ("noise 37x53 CV_8UC3, ROI (3,5) 20x30").
struct NamedImage {
  std::string name;
  cv::Mat image;
};

// Odd sizes (37x53, 1x1, 1x200, 200x1, 64x64, a ship picture), noise and the ship, whole and as ROIs that
// are not continuous (a window inside a larger image, so each row starts `step` bytes after the last).
// type: CV_8UC1 or CV_8UC3 (the ship is converted with cv::cvtColor for CV_8UC1).
std::vector<NamedImage> test_images(int type);

// An ROI of a larger noise image whose surroundings are very different from the ROI (all 0 or 255), so
// code that reads outside the ROI, or walks it as if it were continuous, cannot come out right by luck.
cv::Mat roi_inside_noise(int rows, int cols, int type, std::uint32_t seed);

// Where two images of the same size and type differ by more than `tolerance`: success, or a message with
// the count of such values, the largest difference and the first (row, col, channel) with both values.
::testing::AssertionResult within(const cv::Mat& actual, const cv::Mat& expected, int tolerance);

// Passes when f throws std::invalid_argument whose message contains one of `words` (case-insensitive).
::testing::AssertionResult throws_naming(const std::function<void()>& f,
                                         const std::vector<std::string>& words);

// The row numbers (first and last) where two same-size images differ, as "rows 35-36 of 37", or "".
std::string differing_rows(const cv::Mat& a, const cv::Mat& b);

// Runs kernel(input) and returns its result, adding a test failure when the kernel changed the input's
// pixels: a kernel must never write into its input (`cv::Mat out = in;` shares in's pixels, it does not
// copy them). `who` names the call in the message.
cv::Mat keeping_input(const cv::Mat& input, const std::function<cv::Mat(const cv::Mat&)>& kernel,
                      const std::string& who);

}  // namespace hpc::images::testing
