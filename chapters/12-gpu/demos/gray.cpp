// Chapter 09's grayscale conversion as a GPU kernel: a 2-D grid of 16 x 16 thread blocks over the image,
// one thread per pixel (or, with a capped grid, a grid-stride loop in both directions), the lab's
// gray_body run on the CPU grid over the generated ship (1577 x 1118, the book's image size). The result is
// compared with the same integer formula in a plain loop (must be equal) and with OpenCV's cvtColor
// (its weights are rounded differently: off by at most one grey level). Where a CUDA device exists the
// kernel runs there too.
//
//   ch12_demo_gray                          the ship at the book's size
//   ch12_demo_gray --out ship-gray.png      also write the gray image as a PNG
//   ch12_demo_gray --quick                  a 320 x 200 ship (CI)
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <span>
#include <string>
#include <vector>

#include "gpu_demo.hpp"
#include "hpc/common/demo.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/gpu/cpu_grid.hpp"
#include "hpc/gpu_lab/device.hpp"
#include "hpc/gpu_lab/elementwise.hpp"

namespace demo = hpc::common::demo;
namespace gd = hpc::gpu_demo;
namespace lab = hpc::gpu_lab;

namespace {

// The lab's formula (LAB.md, task 1) as a plain loop: the answer every launch must reproduce exactly.
cv::Mat gray_serial(const cv::Mat& bgr) {
  cv::Mat gray(bgr.rows, bgr.cols, CV_8UC1);
  for (int r = 0; r < bgr.rows; ++r) {
    const std::uint8_t* in = bgr.ptr<std::uint8_t>(r);
    std::uint8_t* out = gray.ptr<std::uint8_t>(r);
    for (int c = 0; c < bgr.cols; ++c) {
      const unsigned b = in[3 * c], g = in[3 * c + 1], red = in[3 * c + 2];
      out[c] = static_cast<std::uint8_t>((29 * b + 150 * g + 77 * red + 128) >> 8);
    }
  }
  return gray;
}

struct Difference {
  long pixels = 0;
  int largest = 0;
};

Difference compare(const cv::Mat& a, const cv::Mat& b) {
  cv::Mat diff;
  cv::absdiff(a, b, diff);
  double largest = 0;
  cv::minMaxLoc(diff, nullptr, &largest);
  return {static_cast<long>(cv::countNonZero(diff)), static_cast<int>(largest)};
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  std::string out;
  demo::Args args(argv[0], "Grayscale as a 2-D GPU kernel on the ship image: CPU grid, OpenCV, GPU.");
  args.flag("quick", quick, "a 320 x 200 ship (CI)")
      .option("out", out, "write the CPU grid's gray image to this PNG file")
      .parse(argc, argv);

  const bool device = gd::print_machine_and_device();
  const cv::Mat ship = quick ? hpc::common::make_ship_image(200, 320) : hpc::common::make_ship_image();
  const cv::Mat expected = gray_serial(ship);
  cv::Mat opencv;
  cv::cvtColor(ship, opencv, cv::COLOR_BGR2GRAY);

  const std::span<const std::uint8_t> bgr(ship.data, ship.step[0] * static_cast<std::size_t>(ship.rows));
  struct Launch {
    std::string what;
    hpc::gpu::Dim3 block;
    unsigned max_blocks_per_axis;
  };
  const std::vector<Launch> launches{
      {"16 x 16 blocks, one thread per pixel", {16, 16, 1}, 0},
      {"32 x 8 blocks, one thread per pixel", {32, 8, 1}, 0},
      {"16 x 16 blocks, grid capped at 4 x 4 (grid-stride)", {16, 16, 1}, 4},
  };
  std::cout << "\nship " << ship.cols << " x " << ship.rows
            << ", gray = (29 B + 150 G + 77 R + 128) >> 8\n\n";
  demo::Table table({"way", "ms", "pixels unlike the formula's loop", "pixels unlike OpenCV (largest gap)"});
  bool ok = true;
  cv::Mat first;
  for (const Launch& l : launches) {
    cv::Mat gray(ship.rows, ship.cols, CV_8UC1, cv::Scalar(0));
    const std::span<std::uint8_t> dst(gray.data, gray.total());
    const double s = demo::best_seconds(
        [&] {
          lab::gray_on_cpu_grid(ship.cols, ship.rows, bgr, ship.step[0], dst, l.block, l.max_blocks_per_axis);
        },
        1);
    const auto exact = compare(gray, expected), cv_gap = compare(gray, opencv);
    ok = ok && exact.pixels == 0;
    table.row({"lab gray_body, CPU grid, " + l.what, demo::fixed(1e3 * s, 1), std::to_string(exact.pixels),
               std::to_string(cv_gap.pixels) + " (" + std::to_string(cv_gap.largest) + ")"});
    if (first.empty()) first = gray;
  }
  const double serial_s = demo::best_seconds([&] { demo::keep(gray_serial(ship).data); }, 5);
  table.row({"the formula in a plain loop", demo::fixed(1e3 * serial_s, 1), "0",
             std::to_string(compare(expected, opencv).pixels) + " (" +
                 std::to_string(compare(expected, opencv).largest) + ")"});
  if (device) {
    cv::Mat gray(ship.rows, ship.cols, CV_8UC1, cv::Scalar(0));
    const auto t =
        lab::gray_on_device(ship.cols, ship.rows, bgr, ship.step[0], std::span(gray.data, gray.total()));
    const auto exact = compare(gray, expected);
    ok = ok && exact.pixels == 0;
    table.row({"lab gray_body, GPU (kernel " + demo::fixed(1e3 * t.kernel_seconds, 3) + " ms)",
               demo::fixed(1e3 * t.total_seconds, 3), std::to_string(exact.pixels), "-"});
  } else {
    table.row({"GPU (not run: no CUDA device)", "-", "-", "-"});
  }
  table.print();

  if (!out.empty()) {
    // imwrite returns false for a folder that does not exist and throws for a name it has no encoder for
    // (no .png ending): both end the demo with one line naming the file.
    bool written = false;
    try {
      written = cv::imwrite(out, first);
    } catch (const cv::Exception& e) {
      std::cerr << "error: cannot write '" << out << "': " << e.err << '\n';
      return 1;
    }
    if (!written) {
      std::cerr << "error: cannot write '" << out << "'\n";
      return 1;
    }
    std::cout << "\nwrote " << out << " (the CPU grid's result)\n";
  }
  if (!ok) std::cout << "\nerror: a launch differs from the formula's loop\n";
  return ok ? 0 : 1;
}
