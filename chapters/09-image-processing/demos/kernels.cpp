// The kernel-vs-OpenCV table of the notes, measured in one run: the lab's reference kernels (gray,
// binary threshold, separable Gaussian blur), serial and parallel, against OpenCV's with one thread
// (cv::setNumThreads(1)) and with all of them, at several image sizes, in megapixels per second.
//
//   ch09_demo_kernels            64 x 64, 512 x 512, the book's 1118 x 1577 and 4096 x 4096
//   ch09_demo_kernels --quick    the two small sizes, fewer repeats (CI)
//
// The four ways are measured round by round (one timing of each, then again), so a change of load during
// the run touches all four alike; each cell is the fastest round.
#include "hpc/images/kernels.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/common/test_images.hpp"
#include "image_demo.hpp"

namespace demo = hpc::common::demo;
namespace images = hpc::images;

namespace {

constexpr int kBlurSize = 7;  // sigma 0: OpenCV's rule gives 1.4 for a 7-tap kernel

struct Kernel {
  std::string name;
  std::function<cv::Mat(const cv::Mat&)> ours, ours_parallel, opencv;
  bool colour_input;  // gray and blur read BGR; the threshold reads a gray image
};

std::vector<Kernel> kernels(unsigned threads) {
  return {
      {"gray (BGR to 1 channel)", [](const cv::Mat& m) { return images::to_gray(m); },
       [threads](const cv::Mat& m) { return images::to_gray_parallel(m, threads); },
       [](const cv::Mat& m) {
         cv::Mat out;
         cv::cvtColor(m, out, cv::COLOR_BGR2GRAY);
         return out;
       },
       true},
      {"threshold 127", [](const cv::Mat& m) { return images::threshold_binary(m, 127, 255); },
       [threads](const cv::Mat& m) { return images::threshold_binary_parallel(m, 127, 255, threads); },
       [](const cv::Mat& m) {
         cv::Mat out;
         cv::threshold(m, out, 127, 255, cv::THRESH_BINARY);
         return out;
       },
       false},
      {"blur 7x7 (BGR)", [](const cv::Mat& m) { return images::gaussian_blur(m, kBlurSize, 0); },
       [threads](const cv::Mat& m) { return images::gaussian_blur_parallel(m, kBlurSize, 0, threads); },
       [](const cv::Mat& m) {
         cv::Mat out;
         cv::GaussianBlur(m, out, cv::Size(kBlurSize, kBlurSize), 0, 0, cv::BORDER_REFLECT_101);
         return out;
       },
       true},
  };
}

// Seconds per call: enough calls per timing to last about 20 ms, so the clock's grain does not matter.
double seconds_per_call(const std::function<cv::Mat(const cv::Mat&)>& f, const cv::Mat& input) {
  const double once = demo::best_seconds([&] { demo::keep(f(input).data); }, 1);
  const int calls = std::clamp(static_cast<int>(0.02 / std::max(once, 1e-7)), 1, 10000);
  return demo::best_seconds_per_call([&] { demo::keep(f(input).data); }, calls, 1);
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long rounds = 7;
  demo::Args args(argv[0], "Our image kernels against OpenCV's, one and all threads: the notes' table.");
  args.flag("quick", quick, "two small sizes, three rounds (CI)")
      .option("rounds", rounds, "timings of each way per cell; the table shows the fastest")
      .parse(argc, argv);
  if (quick && !args.given("rounds")) rounds = 3;

  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<cv::Size> sizes{{64, 64}, {512, 512}};
  if (!quick) sizes.insert(sizes.end(), {{1577, 1118}, {4096, 4096}});
  hpc::images::demo::print_machine_stamp();
  std::cout << "ours parallel and OpenCV all threads: " << threads
            << " threads; MPixel/s = million pixels of the "
            << "image per second (more is faster); fastest of " << rounds << " rounds\n\n";

  demo::Table table({"kernel", "size (cols x rows)", "ours serial", "ours parallel", "OpenCV 1 thread",
                     "OpenCV all threads", "speed of ours serial / OpenCV 1 thread"});
  for (const Kernel& kernel : kernels(threads)) {
    for (const cv::Size size : sizes) {
      const cv::Mat colour = hpc::common::make_ship_image(size.height, size.width);
      cv::Mat gray;
      cv::cvtColor(colour, gray, cv::COLOR_BGR2GRAY);
      const cv::Mat& input = kernel.colour_input ? colour : gray;

      std::array<double, 4> best;
      best.fill(1e300);
      for (long r = 0; r < rounds; ++r) {
        best[0] = std::min(best[0], seconds_per_call(kernel.ours, input));
        best[1] = std::min(best[1], seconds_per_call(kernel.ours_parallel, input));
        cv::setNumThreads(1);
        best[2] = std::min(best[2], seconds_per_call(kernel.opencv, input));
        cv::setNumThreads(static_cast<int>(threads));
        best[3] = std::min(best[3], seconds_per_call(kernel.opencv, input));
      }
      const double pixels = static_cast<double>(size.area());
      std::vector<std::string> row{kernel.name,
                                   std::to_string(size.width) + " x " + std::to_string(size.height)};
      for (const double s : best) row.push_back(demo::fixed(pixels / s / 1e6, 0));
      row.push_back(demo::fixed(best[2] / best[0], 2) + "x");
      table.row(row);
    }
  }
  table.print();
  return 0;
}
