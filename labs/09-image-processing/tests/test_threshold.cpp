// Task 2: threshold_binary against cv::threshold(THRESH_BINARY), exactly.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/images/kernels.hpp"
#include "kernel_support.hpp"

namespace {

using hpc::images::threshold_binary;
using namespace hpc::images::testing;

cv::Mat opencv_threshold(const cv::Mat& gray, int thresh, int maxval) {
  cv::Mat out;
  cv::threshold(gray, out, thresh, maxval, cv::THRESH_BINARY);
  return out;
}

// Every value 0..255 once, in a 16 x 16 ROI (so step is checked too).
cv::Mat every_value() {
  static cv::Mat parent(20, 19, CV_8UC1, cv::Scalar(255));
  cv::Mat values = parent(cv::Rect(2, 3, 16, 16));
  for (int v = 0; v < 256; ++v) values.at<std::uint8_t>(v / 16, v % 16) = static_cast<std::uint8_t>(v);
  return values;
}

GRADED_TEST(Threshold, EveryThreshAndMaxvalExactly, 4) {
  const cv::Mat values = every_value();
  for (int maxval : {255, 1, 0, 128, 200}) {
    for (int thresh = 0; thresh < 256; ++thresh) {
      const cv::Mat ours =
          threshold_binary(values, static_cast<std::uint8_t>(thresh), static_cast<std::uint8_t>(maxval));
      const cv::Mat expected = opencv_threshold(values, thresh, maxval);
      const ::testing::AssertionResult same = within(ours, expected, 0);
      if (same) continue;
      // ">=" is named only when the result is exactly what ">=" gives (OpenCV with thresh - 1).
      const bool greater_or_equal = within(ours, opencv_threshold(values, thresh - 1, maxval), 0);
      // The values are an ROI: a result that changes when the ROI is copied out means step is not followed.
      const bool ignores_step = !within(ours,
                                        threshold_binary(values.clone(), static_cast<std::uint8_t>(thresh),
                                                         static_cast<std::uint8_t>(maxval)),
                                        0);
      std::string hint;
      if (greater_or_equal) {
        hint =
            "; the pixel equal to thresh became maxval: THRESH_BINARY keeps only pixels strictly greater "
            "than thresh (>, not >=)";
      } else if (ignores_step) {
        hint =
            "; the image is a 16x16 ROI of a wider one and a continuous copy of it gives another result: "
            "row y starts at mat.ptr(y), step bytes after the last";
      }
      ADD_FAILURE() << "thresh " << thresh << ", maxval " << maxval << ": " << same.message() << hint;
      return;  // one thresh is enough to say what is wrong
    }
  }
}

GRADED_TEST(Threshold, OddSizesNoiseShipAndRois, 3) {
  for (const NamedImage& input : test_images(CV_8UC1)) {
    for (int thresh : {127, 0, 254}) {
      const cv::Mat ours = keeping_input(
          input.image,
          [&](const cv::Mat& in) { return threshold_binary(in, static_cast<std::uint8_t>(thresh), 255); },
          "threshold_binary on " + input.name);
      EXPECT_TRUE(within(ours, opencv_threshold(input.image, thresh, 255), 0))
          << input.name << ", thresh " << thresh;
    }
  }
}

GRADED_TEST(Threshold, RoiRowsFollowStep, 1) {
  const cv::Mat roi = roi_inside_noise(23, 37, CV_8UC1, 6);
  const cv::Mat ours = threshold_binary(roi, 100, 255);
  const std::string rows = differing_rows(ours, threshold_binary(roi.clone(), 100, 255));
  EXPECT_TRUE(rows.empty()) << "the ROI and a continuous copy of it give different results (" << rows
                            << "): each row of an ROI starts step bytes (here " << roi.step
                            << ") after the last; use mat.ptr(y) for row y";
}

GRADED_TEST(Threshold, BadInputIsNamed, 1) {
  EXPECT_TRUE(throws_naming([] { threshold_binary(cv::Mat(), 1, 2); }, {"empty"})) << "an empty Mat";
  EXPECT_TRUE(throws_naming([] { threshold_binary(cv::Mat(3, 3, CV_8UC3, cv::Scalar::all(1)), 1, 2); },
                            {"channel", "type", "CV_8UC1"}))
      << "a three-channel image";
  EXPECT_TRUE(throws_naming([] { threshold_binary(cv::Mat(3, 3, CV_32FC1, cv::Scalar(1)), 1, 2); },
                            {"type", "CV_8UC1", "depth"}))
      << "a float image";
}

}  // namespace
