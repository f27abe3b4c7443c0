// Lab 09, task 1 — reference. Fixed-point grayscale: the weights 0.114, 0.587, 0.299 scaled by 256 and
// rounded (29, 150, 77, summing to exactly 256), so a pixel is a few integer multiply-adds and one shift,
// and the whole sum fits in 16 bits (255 * 256 + 128 < 65536) — which lets the compiler vectorize the
// loop with eight 16-bit lanes per SSE register. The result is within 1 of OpenCV's own fixed point.
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

constexpr unsigned kBlue = 29, kGreen = 150, kRed = 77;  // 0.114, 0.587, 0.299 in 1/256ths
static_assert(kBlue + kGreen + kRed == 256);

void require_bgr(const cv::Mat& bgr, const char* who) {
  if (bgr.empty()) throw std::invalid_argument(std::string(who) + ": the image is empty");
  if (bgr.type() != CV_8UC3) {
    throw std::invalid_argument(std::string(who) + ": needs a CV_8UC3 (BGR) image, got " +
                                cv::typeToString(bgr.type()) + " with " + std::to_string(bgr.channels()) +
                                " channel(s)");
  }
}

// Reading every third byte (B, G, R apart) needs byte shuffles that x86-64's baseline SSE2 lacks, so the
// compiler vectorizes this loop only for a newer CPU: two copies are compiled, one for AVX2 and one for
// any x86-64, and the program picks one when it starts (GCC's target_clones, an ifunc). The default copy
// stays correct everywhere, just slower; -march=native would instead make a program that crashes on an
// older CPU.
// Not in sanitizer builds: the function that picks the copy runs while the program is being loaded,
// before the sanitizer's runtime is ready, and its instrumented code crashes there.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__) && \
    !defined(__SANITIZE_ADDRESS__)
#define HPC_IMAGES_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define HPC_IMAGES_CLONES
#endif

// Rows [begin, end) of the picture. Each row is found through step (ptr), never as cols * 3 bytes after
// the previous one: in an ROI the rows of the parent image lie in between.
HPC_IMAGES_CLONES void gray_rows(const cv::Mat& bgr, cv::Mat& gray, int begin, int end) {
  const int cols = bgr.cols;
  for (int y = begin; y < end; ++y) {
    const std::uint8_t* __restrict in = bgr.ptr<std::uint8_t>(y);
    std::uint8_t* __restrict out = gray.ptr<std::uint8_t>(y);
    for (int x = 0; x < cols; ++x) {
      const unsigned sum = kBlue * in[3 * x] + kGreen * in[3 * x + 1] + kRed * in[3 * x + 2] + 128;
      out[x] = static_cast<std::uint8_t>(sum >> 8);
    }
  }
}

}  // namespace

cv::Mat to_gray(const cv::Mat& bgr) {
  require_bgr(bgr, "to_gray");
  cv::Mat gray(bgr.rows, bgr.cols, CV_8UC1);
  gray_rows(bgr, gray, 0, bgr.rows);
  return gray;
}

cv::Mat to_gray_parallel(const cv::Mat& bgr, unsigned threads) {
  require_bgr(bgr, "to_gray_parallel");
  if (threads == 0) throw std::invalid_argument("to_gray_parallel: threads must be at least 1, got 0");
  cv::Mat gray(bgr.rows, bgr.cols, CV_8UC1);
  // One band of whole rows per thread: no two threads ever write the same row, so they share nothing
  // but the read-only input. More threads than rows would leave some with nothing to do.
  const int rows = bgr.rows;
  const unsigned workers = std::min<unsigned>(threads, static_cast<unsigned>(rows));
  {
    std::vector<std::jthread> team;
    team.reserve(workers - 1);
    for (unsigned t = 1; t < workers; ++t) {
      team.emplace_back([&, t] {
        gray_rows(bgr, gray, static_cast<int>(rows * t / workers),
                  static_cast<int>(rows * (t + 1) / workers));
      });
    }
    gray_rows(bgr, gray, 0, static_cast<int>(rows / workers));  // the calling thread takes band 0
  }                                                             // the jthreads join here
  return gray;
}

}  // namespace hpc::images
