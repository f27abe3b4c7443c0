// The book's chapter 15, examples 1-4, in C++: read an image and look at it as an array (shape, type,
// the top-left pixel in BGR order, the row stride), make it gray, threshold it at 127, threshold it
// adaptively (mean and Gaussian, block 11, C 2), and blur it. Every result is written as a PNG.
//
//   ch09_demo_basics                       the generated ship (the book's ship.jpg is not available)
//   ch09_demo_basics --input FILE          any photo, e.g. Debian's opencv-doc sample fruits.jpg
//   ch09_demo_basics --out DIR --width 360 the pictures in the notes (scaled down to 360 columns)
#include <filesystem>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>

#include "hpc/common/demo.hpp"
#include "hpc/images/kernels.hpp"
#include "image_demo.hpp"

namespace demo = hpc::common::demo;
namespace images = hpc::images;

namespace {

// Wide enough that the blur still shows in a picture scaled down four times for the notes.
constexpr int kBlurSize = 21;
constexpr double kBlurSigma = 5.0;

std::string shape_of(const cv::Mat& m) {
  return "(" + std::to_string(m.rows) + ", " + std::to_string(m.cols) + ", " + std::to_string(m.channels()) +
         ")";
}

void describe(const cv::Mat& ship, bool generated) {
  // [snippet:array-view]
  const cv::Vec3b top_left = ship.at<cv::Vec3b>(0, 0);  // row 0, column 0: (y, x), not (x, y)
  std::cout << "shape (rows, cols, channels): " << shape_of(ship) << "  type: CV_8UC" << ship.channels()
            << "  bytes per row (step): " << ship.step[0] << "  continuous: " << ship.isContinuous() << '\n'
            << "top-left pixel [B G R]: [" << int{top_left[0]} << ' ' << int{top_left[1]} << ' '
            << int{top_left[2]} << "]\n";
  // [/snippet:array-view]
  if (generated) std::cout << "the book's ship.jpg:           (1118, 1577, 3), top-left [199 136 86]\n";

  // A region of interest is a view: same pixels, the parent's stride, so it is not continuous; writing
  // through it changes the parent. clone() makes an independent, continuous copy.
  // [snippet:roi]
  cv::Mat parent = ship.clone();
  cv::Mat roi = parent(cv::Rect(/*x=*/10, /*y=*/20, /*width=*/100, /*height=*/50));
  roi.setTo(cv::Scalar(0, 0, 255));  // paints the parent's pixels red
  const bool shared = parent.at<cv::Vec3b>(20, 10) == cv::Vec3b(0, 0, 255);
  cv::Mat copy = roi.clone();  // its own buffer, rows packed back to back
  // [/snippet:roi]
  std::cout << "ROI 100x50 at (x 10, y 20): continuous " << roi.isContinuous() << ", step " << roi.step[0]
            << " bytes, writes reach the parent: " << shared << "; its clone: continuous "
            << copy.isContinuous() << ", step " << copy.step[0] << " bytes\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string input, out = "ch09_basics_output";
  long width = 0;
  demo::Args args(argv[0],
                  "The book's chapter 15 examples 1-4 (and a blur) on the generated ship or a photo.");
  args.flag("quick", quick, "the CI run: the same work, pictures written 360 columns wide")
      .option("input", input, "an image file to use instead of the generated ship")
      .option("out", out, "folder for the result PNGs (created; default ch09_basics_output)")
      .option("width", width, "scale the written pictures down to at most this many columns (0: full size)",
              0)
      .parse(argc, argv);
  if (quick && !args.given("width")) width = 360;  // PNG-compressing the full-size pictures takes seconds

  const cv::Mat image = hpc::images::demo::load_input(input);
  std::filesystem::create_directories(out);
  const std::string stem = input.empty() ? "ship" : std::filesystem::path(input).stem().string();
  std::cout << "input: " << (input.empty() ? "the generated ship (make_ship_image)" : input) << '\n';
  describe(image, input.empty());

  // [snippet:book-examples]
  cv::Mat gray, binary, mean_adaptive, gauss_adaptive;
  cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);             // example 2
  cv::threshold(gray, binary, 127, 255, cv::THRESH_BINARY);  // example 3: > 127 -> 255
  cv::adaptiveThreshold(gray, mean_adaptive, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY,
                        /*blockSize=*/11, /*C=*/2);  // example 4
  cv::adaptiveThreshold(gray, gauss_adaptive, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY, 11, 2);
  // [/snippet:book-examples]

  // The lab's hand-written kernels beside OpenCV's: they must agree (within 1 for gray and blur).
  const cv::Mat our_gray = images::to_gray(image);
  const cv::Mat our_binary = images::threshold_binary(gray, 127, 255);
  const cv::Mat our_blur = images::gaussian_blur(image, kBlurSize, kBlurSigma);
  cv::Mat cv_blur;
  cv::GaussianBlur(image, cv_blur, cv::Size(kBlurSize, kBlurSize), kBlurSigma, kBlurSigma,
                   cv::BORDER_REFLECT_101);
  const auto max_diff = [](const cv::Mat& a, const cv::Mat& b) { return cv::norm(a, b, cv::NORM_INF); };

  std::cout << "first gray row starts [" << int{gray.at<uchar>(0, 0)} << ' ' << int{gray.at<uchar>(0, 1)}
            << ' ' << int{gray.at<uchar>(0, 2)} << " ...]; the book's: [128 128 128 ...]\n\n";
  demo::Table table(
      {"step", "OpenCV call", "result shape", "white pixels", "lab kernel vs OpenCV (max diff)", "written"});
  const auto white = [](const cv::Mat& m) { return std::to_string(cv::countNonZero(m)); };
  const auto file = [&](const std::string& what) { return stem + "-" + what + ".png"; };
  table.row({"input", "imread / make_ship_image", shape_of(image), "", "", file("input")});
  table.row({"gray (ex. 2)", "cvtColor BGR2GRAY", shape_of(gray), "",
             "to_gray: " + demo::fixed(max_diff(gray, our_gray), 0), file("gray")});
  table.row({"threshold 127 (ex. 3)", "threshold BINARY", shape_of(binary), white(binary),
             "threshold_binary: " + demo::fixed(max_diff(binary, our_binary), 0), file("threshold")});
  table.row({"adaptive mean (ex. 4)", "adaptiveThreshold MEAN_C 11 2", shape_of(mean_adaptive),
             white(mean_adaptive), "", file("adaptive-mean")});
  table.row({"adaptive Gaussian (ex. 4)", "adaptiveThreshold GAUSSIAN_C 11 2", shape_of(gauss_adaptive),
             white(gauss_adaptive), "", file("adaptive-gaussian")});
  table.row({"blur 21x21, sigma 5", "GaussianBlur REFLECT_101", shape_of(cv_blur), "",
             "gaussian_blur: " + demo::fixed(max_diff(cv_blur, our_blur), 0), file("blur")});
  table.print();

  const int w = static_cast<int>(width);
  namespace d = hpc::images::demo;
  d::write_picture(out, stem + "-input", image, w);
  d::write_picture(out, stem + "-gray", our_gray, w);
  d::write_picture(out, stem + "-threshold", our_binary, w);
  d::write_picture(out, stem + "-adaptive-mean", mean_adaptive, w);
  d::write_picture(out, stem + "-adaptive-gaussian", gauss_adaptive, w);
  d::write_picture(out, stem + "-blur", our_blur, w);
  std::cout << "\nwrote the pictures to " << out << "/ (PNG: lossless, so a threshold stays 0 or 255)\n";
  return 0;
}
