// Lab 09, task 2 — reference. A comparison and a select per pixel: the compiler turns the loop into
// byte-wide SIMD compares (sixteen pixels per SSE instruction), so the loop runs at memory speed.
#include <algorithm>
#include <cstdint>
#include <opencv2/core.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/images/kernels.hpp"

namespace hpc::images {
namespace {

void require_gray(const cv::Mat& gray, const char* who) {
  if (gray.empty()) throw std::invalid_argument(std::string(who) + ": the image is empty");
  if (gray.type() != CV_8UC1) {
    throw std::invalid_argument(std::string(who) + ": needs a CV_8UC1 (one channel) image, got " +
                                cv::typeToString(gray.type()) + " with " + std::to_string(gray.channels()) +
                                " channel(s)");
  }
}

void threshold_rows(const cv::Mat& gray, cv::Mat& out, std::uint8_t thresh, std::uint8_t maxval, int begin,
                    int end) {
  const int cols = gray.cols;
  for (int y = begin; y < end; ++y) {
    const std::uint8_t* __restrict in = gray.ptr<std::uint8_t>(y);
    std::uint8_t* __restrict to = out.ptr<std::uint8_t>(y);
    // Strictly greater, as THRESH_BINARY: a pixel equal to thresh becomes 0.
    for (int x = 0; x < cols; ++x) to[x] = in[x] > thresh ? maxval : std::uint8_t{0};
  }
}

}  // namespace

cv::Mat threshold_binary(const cv::Mat& gray, std::uint8_t thresh, std::uint8_t maxval) {
  require_gray(gray, "threshold_binary");
  cv::Mat out(gray.rows, gray.cols, CV_8UC1);
  threshold_rows(gray, out, thresh, maxval, 0, gray.rows);
  return out;
}

cv::Mat threshold_binary_parallel(const cv::Mat& gray, std::uint8_t thresh, std::uint8_t maxval,
                                  unsigned threads) {
  require_gray(gray, "threshold_binary_parallel");
  if (threads == 0)
    throw std::invalid_argument("threshold_binary_parallel: threads must be at least 1, got 0");
  cv::Mat out(gray.rows, gray.cols, CV_8UC1);
  // Bands of whole rows, one per thread, as in to_gray_parallel.
  const int rows = gray.rows;
  const unsigned workers = std::min<unsigned>(threads, static_cast<unsigned>(rows));
  {
    std::vector<std::jthread> team;
    team.reserve(workers - 1);
    for (unsigned t = 1; t < workers; ++t) {
      team.emplace_back([&, t] {
        threshold_rows(gray, out, thresh, maxval, static_cast<int>(rows * t / workers),
                       static_cast<int>(rows * (t + 1) / workers));
      });
    }
    threshold_rows(gray, out, thresh, maxval, 0, static_cast<int>(rows / workers));
  }
  return out;
}

}  // namespace hpc::images
