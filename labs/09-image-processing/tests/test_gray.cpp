// Task 1: to_gray against cv::cvtColor(COLOR_BGR2GRAY).
#include <gtest/gtest.h>

#include <cmath>
#include <iomanip>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "hpc/common/grading.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/kernels.hpp"
#include "kernel_support.hpp"

namespace {

using hpc::images::to_gray;
using namespace hpc::images::testing;

cv::Mat opencv_gray(const cv::Mat& bgr) {
  cv::Mat gray;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

// All 2^24 colours once: a 4096 x 4096 image whose pixel (y, x) is blue = x % 256, green = y % 256,
// red = (y / 256) * 16 + x / 256.
cv::Mat every_colour() {
  cv::Mat image(4096, 4096, CV_8UC3);
  for (int y = 0; y < image.rows; ++y) {
    auto* row = image.ptr<cv::Vec3b>(y);
    for (int x = 0; x < image.cols; ++x) {
      row[x] = cv::Vec3b(static_cast<std::uint8_t>(x % 256), static_cast<std::uint8_t>(y % 256),
                         static_cast<std::uint8_t>((y / 256) * 16 + x / 256));
    }
  }
  return image;
}

GRADED_TEST(Gray, WithinOneOfOpenCvOnEveryColour, 4) {
  const cv::Mat colours = every_colour();
  const cv::Mat ours = to_gray(colours);
  EXPECT_TRUE(within(ours, opencv_gray(colours), 1)) << "all 2^24 BGR colours";
}

// A plain mistake: weights applied in RGB order. Pure blue must be dark (0.114 * 255 = 29), pure red
// brighter (0.299 * 255 = 76).
GRADED_TEST(Gray, WeightsInBgrOrder, 1) {
  cv::Mat pixels(1, 3, CV_8UC3);
  pixels.at<cv::Vec3b>(0, 0) = {255, 0, 0};  // blue
  pixels.at<cv::Vec3b>(0, 1) = {0, 255, 0};  // green
  pixels.at<cv::Vec3b>(0, 2) = {0, 0, 255};  // red
  const cv::Mat ours = to_gray(pixels);
  const int blue = ours.at<std::uint8_t>(0, 0), red = ours.at<std::uint8_t>(0, 2);
  EXPECT_TRUE(std::abs(blue - 29) <= 1 && std::abs(red - 76) <= 1)
      << "pure blue gave " << blue << " (expected 29) and pure red " << red << " (expected 76)"
      << (blue > red
              ? ": the weights are applied in RGB order, but OpenCV's images are BGR (channel 0 is blue)"
              : "");
}

// Truncating the weighted sum instead of rounding stays within 1 of OpenCV on every pixel, but is half
// a level too dark on average: the mean difference over all colours shows it.
GRADED_TEST(Gray, RoundsInsteadOfTruncating, 2) {
  const cv::Mat colours = every_colour();
  cv::Mat diff;
  cv::subtract(to_gray(colours), opencv_gray(colours), diff, cv::noArray(), CV_32S);
  const double mean = cv::mean(diff)[0];
  // Weights that sum to less than one (255/256 in fixed point) also darken, brightest colours most: white
  // then comes out below 255, which no rounding mistake does.
  const int white = to_gray(cv::Mat(1, 1, CV_8UC3, cv::Scalar::all(255))).at<std::uint8_t>(0, 0);
  EXPECT_LT(std::abs(mean), 0.2) << "over all 2^24 colours your gray is on average " << std::fixed
                                 << std::setprecision(2) << mean << " levels from cv::cvtColor's"
                                 << (mean >= 0 ? ""
                                     : white < 255
                                         ? ": white (255, 255, 255) gave " + std::to_string(white) +
                                               ": do the weights sum to less than 1 (256 in 1/256ths)?"
                                         : std::string(
                                               ": the weighted sum is truncated, not rounded (add half a "
                                               "level before the shift or the cast)"));
}

GRADED_TEST(Gray, OddSizesNoiseShipAndRois, 3) {
  for (const NamedImage& input : test_images(CV_8UC3)) {
    const cv::Mat ours = keeping_input(
        input.image, [](const cv::Mat& in) { return to_gray(in); }, "to_gray on " + input.name);
    EXPECT_TRUE(within(ours, opencv_gray(input.image), 1)) << input.name;
  }
}

// Rows of an ROI are step bytes apart, not cols * 3: walking it as one continuous block reads the
// parent image's pixels between the ROI's rows.
GRADED_TEST(Gray, RoiRowsFollowStep, 2) {
  const cv::Mat roi = roi_inside_noise(31, 45, CV_8UC3, 5);
  ASSERT_FALSE(roi.isContinuous());
  const cv::Mat ours = to_gray(roi);
  const cv::Mat of_a_copy = to_gray(roi.clone());
  EXPECT_TRUE(within(of_a_copy, opencv_gray(roi), 1)) << "a continuous copy of the ROI";
  const std::string rows = differing_rows(ours, of_a_copy);
  EXPECT_TRUE(rows.empty()) << "the ROI and a continuous copy of it give different results (" << rows
                            << "): each row of an ROI starts step bytes (here " << roi.step
                            << ") after the last, not cols * 3 (" << roi.cols * 3
                            << "); use mat.ptr(y) for row y";
  EXPECT_TRUE(ours.isContinuous()) << "the result must be a new, continuous image";
}

GRADED_TEST(Gray, BooksShipPicture, 1) {
  const cv::Mat ship = hpc::common::make_ship_image();
  const cv::Mat ours = to_gray(ship);
  ASSERT_EQ(ours.type(), CV_8UC1);
  ASSERT_EQ(ours.rows, 1118);
  ASSERT_EQ(ours.cols, 1577);
  EXPECT_TRUE(within(ours, opencv_gray(ship), 1));
}

GRADED_TEST(Gray, BadInputIsNamed, 1) {
  EXPECT_TRUE(throws_naming([] { to_gray(cv::Mat()); }, {"empty"})) << "an empty Mat";
  EXPECT_TRUE(
      throws_naming([] { to_gray(cv::Mat(4, 4, CV_8UC1, cv::Scalar(1))); }, {"channel", "type", "CV_8UC3"}))
      << "a one-channel image";
  EXPECT_TRUE(throws_naming([] { to_gray(cv::Mat(4, 4, CV_8UC4, cv::Scalar::all(1))); },
                            {"channel", "type", "CV_8UC3"}))
      << "a four-channel image";
  EXPECT_TRUE(throws_naming([] { to_gray(cv::Mat(4, 4, CV_16UC3, cv::Scalar::all(1))); },
                            {"type", "CV_8UC3", "depth"}))
      << "a 16-bit image";
}

}  // namespace
