#include "kernel_support.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <sstream>
#include <stdexcept>

#include "hpc/common/test_images.hpp"

namespace hpc::images::testing {

namespace {

std::string size_text(const cv::Mat& m) {
  return std::to_string(m.rows) + "x" + std::to_string(m.cols) +
         (m.channels() == 1 ? " CV_8UC1" : " CV_8UC3");
}

cv::Mat ship_of_type(int rows, int cols, int type, std::uint32_t seed) {
  cv::Mat ship = hpc::common::make_ship_image(rows, cols, seed);
  if (type == CV_8UC3) return ship;
  cv::Mat gray;
  cv::cvtColor(ship, gray, cv::COLOR_BGR2GRAY);
  return gray;
}

}  // namespace

cv::Mat roi_inside_noise(int rows, int cols, int type, std::uint32_t seed) {
  // A frame of 255 above and left, 0 below and right: reading outside the ROI shows as a large error.
  cv::Mat parent(rows + 9, cols + 13, type, cv::Scalar::all(0));
  parent(cv::Rect(0, 0, parent.cols, 4)).setTo(cv::Scalar::all(255));
  parent(cv::Rect(0, 0, 6, parent.rows)).setTo(cv::Scalar::all(255));
  const cv::Mat window = parent(cv::Rect(6, 4, cols, rows));
  hpc::common::make_noise_image(rows, cols, type, seed).copyTo(window);
  return window;
}

std::vector<NamedImage> test_images(int type) {
  std::vector<NamedImage> images;
  const auto add = [&](std::string what, cv::Mat m) {
    images.push_back({what + " " + size_text(m) + (m.isContinuous() ? "" : " (ROI, not continuous)"), m});
  };
  std::uint32_t seed = 11;
  for (const auto& [rows, cols] :
       std::vector<std::pair<int, int>>{{37, 53}, {1, 1}, {1, 200}, {200, 1}, {64, 64}, {2, 3}}) {
    add("noise seed " + std::to_string(seed), hpc::common::make_noise_image(rows, cols, type, seed));
    ++seed;
  }
  add("ship", ship_of_type(111, 157, type, 3));
  add("noise seed 21", roi_inside_noise(29, 41, type, 21));
  add("noise seed 22", roi_inside_noise(1, 17, type, 22));
  cv::Mat ship = ship_of_type(120, 160, type, 4);
  add("ship", ship(cv::Rect(7, 5, 91, 63)));
  return images;
}

::testing::AssertionResult within(const cv::Mat& actual, const cv::Mat& expected, int tolerance) {
  if (actual.size() != expected.size() || actual.type() != expected.type()) {
    return ::testing::AssertionFailure() << "the result is " << actual.rows << "x" << actual.cols << " "
                                         << cv::typeToString(actual.type()) << ", expected " << expected.rows
                                         << "x" << expected.cols << " " << cv::typeToString(expected.type());
  }
  const int cn = actual.channels();
  long long count = 0;
  int largest = 0, first_row = -1, first_col = -1, first_channel = -1, first_actual = 0, first_expected = 0;
  for (int y = 0; y < actual.rows; ++y) {
    const auto* a = actual.ptr<std::uint8_t>(y);
    const auto* e = expected.ptr<std::uint8_t>(y);
    for (int i = 0; i < actual.cols * cn; ++i) {
      const int diff = std::abs(int{a[i]} - int{e[i]});
      if (diff <= tolerance) continue;
      if (count++ == 0) {
        first_row = y, first_col = i / cn, first_channel = i % cn, first_actual = a[i], first_expected = e[i];
      }
      largest = std::max(largest, diff);
    }
  }
  if (count == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << count << " of " << actual.total() * static_cast<std::size_t>(cn) << " values differ by more than "
         << tolerance << " (largest " << largest << "); first at row " << first_row << ", col " << first_col
         << (cn > 1 ? ", channel " + std::to_string(first_channel) : std::string()) << ": " << first_actual
         << " instead of " << first_expected;
}

std::string differing_rows(const cv::Mat& a, const cv::Mat& b) {
  int first = -1, last = -1;
  for (int y = 0; y < a.rows; ++y) {
    if (cv::norm(a.row(y), b.row(y), cv::NORM_INF) != 0) {
      if (first < 0) first = y;
      last = y;
    }
  }
  if (first < 0) return "";
  return "rows " + std::to_string(first) + "-" + std::to_string(last) + " of " + std::to_string(a.rows);
}

::testing::AssertionResult throws_naming(const std::function<void()>& f,
                                         const std::vector<std::string>& words) {
  const auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
  };
  try {
    f();
  } catch (const std::invalid_argument& e) {
    const std::string message = lower(e.what());
    for (const std::string& word : words) {
      if (message.find(lower(word)) != std::string::npos) return ::testing::AssertionSuccess();
    }
    std::string list;
    for (const std::string& word : words) list += (list.empty() ? "'" : "' or '") + word;
    return ::testing::AssertionFailure() << "threw std::invalid_argument(\"" << e.what()
                                         << "\"), but the message does not name the cause (" << list << "')";
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw " << e.what() << ", not std::invalid_argument";
  } catch (...) {
    return ::testing::AssertionFailure() << "threw something other than std::invalid_argument";
  }
  return ::testing::AssertionFailure() << "returned normally instead of throwing std::invalid_argument";
}

cv::Mat keeping_input(const cv::Mat& input, const std::function<cv::Mat(const cv::Mat&)>& kernel,
                      const std::string& who) {
  const cv::Mat before = input.clone();
  cv::Mat result = kernel(input);
  const std::string rows = differing_rows(input, before);
  if (!rows.empty()) {
    ADD_FAILURE() << who << " changed its input (" << rows << "); the input is read-only: write into a new "
                  << "cv::Mat of the input's size (`cv::Mat out = in;` shares in's pixels, it copies none)";
  }
  return result;
}

}  // namespace hpc::images::testing
