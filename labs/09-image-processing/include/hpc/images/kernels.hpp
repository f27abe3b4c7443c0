// Lab 09, tasks 1-3: image kernels written by hand (no OpenCV call inside), each serial and parallel.
//
// Every function takes any cv::Mat of the stated type, continuous or not (an ROI of a larger image: rows
// are `step` bytes apart, not cols * channels), and returns a new, continuous Mat of the same size.
// Bad input throws std::invalid_argument with a message naming what is wrong: an empty Mat, the wrong
// type or channel count, an even or < 1 kernel size, zero threads.
// The parallel versions return exactly the serial version's pixels, for any thread count (also more
// threads than rows).
#pragma once

#include <cstdint>
#include <opencv2/core/mat.hpp>

namespace hpc::images {

// Task 1. BGR (CV_8UC3, OpenCV's channel order) to gray (CV_8UC1): 0.299 R + 0.587 G + 0.114 B, within 1
// of cv::cvtColor(..., cv::COLOR_BGR2GRAY) on every pixel.
cv::Mat to_gray(const cv::Mat& bgr);
cv::Mat to_gray_parallel(const cv::Mat& bgr, unsigned threads);

// Task 2. Binary threshold of a CV_8UC1 image: maxval where the pixel is strictly greater than thresh,
// else 0 — exactly cv::threshold(..., thresh, maxval, cv::THRESH_BINARY).
cv::Mat threshold_binary(const cv::Mat& gray, std::uint8_t thresh, std::uint8_t maxval);
cv::Mat threshold_binary_parallel(const cv::Mat& gray, std::uint8_t thresh, std::uint8_t maxval,
                                  unsigned threads);

// Task 3. Separable Gaussian blur of a CV_8UC1 or CV_8UC3 image (channels interleaved, each blurred on
// its own): a ksize x 1 kernel from the Gaussian formula, normalised to sum 1 (cv::getGaussianKernel's
// kernel; sigma <= 0 means OpenCV's rule 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8), applied along each row,
// then along each column. Pixels beyond the image's own edges are reflected without repeating the edge
// (BORDER_REFLECT_101: ... 2 1 | 0 1 2 ... n-1 | n-2 n-3 ...); an ROI is blurred as a whole image of its
// own, never reading the pixels around it. Within 1 on every pixel of
// cv::GaussianBlur(src, dst, {ksize, ksize}, sigma, sigma, cv::BORDER_REFLECT_101 | cv::BORDER_ISOLATED).
// ksize is odd and >= 1 (1 returns a copy); it may be larger than the image (LAB.md, task 3).
cv::Mat gaussian_blur(const cv::Mat& src, int ksize, double sigma);
cv::Mat gaussian_blur_parallel(const cv::Mat& src, int ksize, double sigma, unsigned threads);

}  // namespace hpc::images
