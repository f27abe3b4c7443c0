// Lab 09, task 3 — reference. A separable Gaussian: a 2-D ksize x ksize blur is a 1-D blur along each
// row followed by a 1-D blur along each column, 2 * ksize multiply-adds per value instead of ksize^2.
// The row pass writes floats into an intermediate image (no rounding between the passes); the column
// pass reads it and rounds once. Both inner loops run over a whole row of contiguous floats with one
// weight, which the compiler vectorizes.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <opencv2/core.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/images/kernels.hpp"

namespace hpc::images {
namespace {

void require_input(const cv::Mat& src, int ksize, const char* who) {
  if (src.empty()) throw std::invalid_argument(std::string(who) + ": the image is empty");
  if (src.type() != CV_8UC1 && src.type() != CV_8UC3) {
    throw std::invalid_argument(std::string(who) + ": needs a CV_8UC1 or CV_8UC3 image, got " +
                                cv::typeToString(src.type()) + " with " + std::to_string(src.channels()) +
                                " channel(s)");
  }
  if (ksize < 1 || ksize % 2 == 0) {
    throw std::invalid_argument(std::string(who) + ": ksize must be odd and at least 1, got " +
                                std::to_string(ksize));
  }
}

// cv::getGaussianKernel's weights. For ksize 3, 5 and 7 with no sigma given, OpenCV uses fixed tables
// (binomial-like, not the formula); every other case samples exp(-x^2 / (2 sigma^2)) and normalises.
std::vector<float> gaussian_weights(int ksize, double sigma) {
  if (sigma <= 0 && ksize <= 7) {
    switch (ksize) {
      case 1:
        return {1.0f};
      case 3:
        return {0.25f, 0.5f, 0.25f};
      case 5:
        return {0.0625f, 0.25f, 0.375f, 0.25f, 0.0625f};
      default:
        return {0.03125f, 0.109375f, 0.21875f, 0.28125f, 0.21875f, 0.109375f, 0.03125f};
    }
  }
  if (sigma <= 0) sigma = 0.3 * ((ksize - 1) * 0.5 - 1) + 0.8;  // OpenCV's rule
  const int radius = ksize / 2;
  std::vector<double> exact(static_cast<std::size_t>(ksize));
  double sum = 0;
  for (int i = 0; i < ksize; ++i) {
    const double x = i - radius;
    exact[static_cast<std::size_t>(i)] = std::exp(-x * x / (2 * sigma * sigma));
    sum += exact[static_cast<std::size_t>(i)];
  }
  std::vector<float> weights(exact.size());
  // Normalised so the weights sum to 1: a flat image stays flat instead of getting darker or brighter.
  for (std::size_t i = 0; i < exact.size(); ++i) weights[i] = static_cast<float>(exact[i] / sum);
  return weights;
}

// BORDER_REFLECT_101: the pixel at -1 is the pixel at 1 (the edge is not repeated). A kernel wider than
// the image reflects more than once (n = 3: ... 2 1 | 0 1 2 | 1 0 1 ...); a one-pixel side has only
// that pixel.
int reflect_101(int p, int n) {
  if (n == 1) return 0;
  while (p < 0 || p >= n) p = p < 0 ? -p : 2 * n - 2 - p;
  return p;
}

// Eight floats per instruction instead of four where the CPU has AVX2: two copies of each pass are
// compiled and the program picks one when it starts (as in gray.cpp). Both copies compute the same sums
// in the same order, so the result does not depend on the CPU.
// Not in sanitizer builds: the function that picks the copy runs while the program is being loaded,
// before the sanitizer's runtime is ready, and its instrumented code crashes there.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__) && \
    !defined(__SANITIZE_ADDRESS__)
#define HPC_IMAGES_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define HPC_IMAGES_CLONES
#endif

std::uint8_t to_byte(float v) { return static_cast<std::uint8_t>(std::min(v + 0.5f, 255.0f)); }

// Row pass over rows [begin, end) of src into the float image tmp. `padded` is this caller's own copy of
// one source row with its reflected borders, so the inner loop needs no edge test.
HPC_IMAGES_CLONES void blur_rows(const cv::Mat& src, cv::Mat& tmp, const std::vector<float>& w, int begin,
                                 int end) {
  const int cn = src.channels(), cols = src.cols, radius = static_cast<int>(w.size()) / 2;
  const int width = cols * cn;
  std::vector<float> padded(static_cast<std::size_t>((cols + 2 * radius) * cn));
  for (int y = begin; y < end; ++y) {
    const std::uint8_t* __restrict in = src.ptr<std::uint8_t>(y);
    float* __restrict middle = padded.data() + radius * cn;
    for (int i = 0; i < width; ++i) middle[i] = in[i];
    // Only the borders need the reflection (a kernel wider than the row reflects more than once).
    for (int x = -radius; x < 0; ++x) {
      for (int c = 0; c < cn; ++c) middle[x * cn + c] = in[reflect_101(x, cols) * cn + c];
    }
    for (int x = cols; x < cols + radius; ++x) {
      for (int c = 0; c < cn; ++c) middle[x * cn + c] = in[reflect_101(x, cols) * cn + c];
    }
    float* __restrict out = tmp.ptr<float>(y);
    std::fill(out, out + width, 0.0f);
    for (std::size_t k = 0; k < w.size(); ++k) {
      const float* __restrict shifted = padded.data() + k * static_cast<std::size_t>(cn);
      const float weight = w[k];
      for (int i = 0; i < width; ++i) out[i] += weight * shifted[i];
    }
  }
}

// Column pass over rows [begin, end) of tmp into dst. `sums` holds one output row before rounding; it
// must belong to the caller alone.
HPC_IMAGES_CLONES void blur_columns(const cv::Mat& tmp, cv::Mat& dst, const std::vector<float>& w, int begin,
                                    int end, std::vector<float>& sums) {
  const int rows = tmp.rows, width = tmp.cols * tmp.channels(), radius = static_cast<int>(w.size()) / 2;
  sums.resize(static_cast<std::size_t>(width));
  float* __restrict acc = sums.data();
  for (int y = begin; y < end; ++y) {
    std::fill(acc, acc + width, 0.0f);
    for (int k = 0; k < static_cast<int>(w.size()); ++k) {
      const float* __restrict in = tmp.ptr<float>(reflect_101(y + k - radius, rows));
      const float weight = w[static_cast<std::size_t>(k)];
      for (int i = 0; i < width; ++i) acc[i] += weight * in[i];
    }
    std::uint8_t* out = dst.ptr<std::uint8_t>(y);
    for (int i = 0; i < width; ++i) out[i] = to_byte(acc[i]);
  }
}

}  // namespace

cv::Mat gaussian_blur(const cv::Mat& src, int ksize, double sigma) {
  require_input(src, ksize, "gaussian_blur");
  const std::vector<float> w = gaussian_weights(ksize, sigma);
  cv::Mat tmp(src.rows, src.cols, CV_32FC(src.channels()));
  cv::Mat dst(src.rows, src.cols, src.type());
  blur_rows(src, tmp, w, 0, src.rows);
  std::vector<float> sums;
  blur_columns(tmp, dst, w, 0, src.rows, sums);
  return dst;
}

cv::Mat gaussian_blur_parallel(const cv::Mat& src, int ksize, double sigma, unsigned threads) {
  require_input(src, ksize, "gaussian_blur_parallel");
  if (threads == 0) throw std::invalid_argument("gaussian_blur_parallel: threads must be at least 1, got 0");
  const std::vector<float> w = gaussian_weights(ksize, sigma);
  cv::Mat tmp(src.rows, src.cols, CV_32FC(src.channels()));
  cv::Mat dst(src.rows, src.cols, src.type());
  const int rows = src.rows;
  const unsigned workers = std::min<unsigned>(threads, static_cast<unsigned>(rows));
  // Two rounds of bands: a column pass reads rows of tmp above and below its band, which other threads
  // write in the row pass, so every row pass must end (the join) before any column pass starts.
  {
    std::vector<std::jthread> team;
    team.reserve(workers - 1);
    for (unsigned t = 1; t < workers; ++t) {
      team.emplace_back([&, t] {
        blur_rows(src, tmp, w, static_cast<int>(rows * t / workers),
                  static_cast<int>(rows * (t + 1) / workers));
      });
    }
    blur_rows(src, tmp, w, 0, static_cast<int>(rows / workers));
  }
  {
    std::vector<float> row_sums;  // the calling thread's
    std::vector<std::jthread> team;
    team.reserve(workers - 1);
    for (unsigned t = 1; t < workers; ++t) {
      team.emplace_back([&, t] {
        std::vector<float> own_sums;  // each thread rounds its rows in a buffer of its own
        blur_columns(tmp, dst, w, static_cast<int>(rows * t / workers),
                     static_cast<int>(rows * (t + 1) / workers), own_sums);
      });
    }
    blur_columns(tmp, dst, w, 0, static_cast<int>(rows / workers), row_sums);
  }
  return dst;
}

}  // namespace hpc::images
