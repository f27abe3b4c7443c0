// Task 1: BGR to gray over a 2-D grid. Odd sizes, non-square images (x and y swapped shows), rows with
// padding (row_stride > 3 * width), grids smaller than the image on either axis, every launch order.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "guarded.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/gpu_lab/elementwise.hpp"

using namespace hpc::gpu_lab;
using namespace hpc::gpu_lab::testing;

namespace {

constexpr std::uint8_t kPoison = 0xA5;  // gray's initial value; a correct pixel of this value is fine
// Different canaries around input and output: the gray of three equal bytes is that byte, so a thread
// that reads the input's canary and writes past the output's end must write something else.
constexpr std::uint8_t kInputCanary = 0x11;
constexpr std::uint8_t kOutputCanary = 0xEE;

struct Image {
  int width, height;
  std::size_t row_stride;
};

std::string image_text(Image im, hpc::gpu::Dim3 block, unsigned cap, const hpc::gpu::LaunchOptions& options) {
  return std::to_string(im.width) + "x" + std::to_string(im.height) + ", row_stride " +
         std::to_string(im.row_stride) + ", blocks of " + std::to_string(block.x) + "x" +
         std::to_string(block.y) +
         (cap != 0 ? ", at most " + std::to_string(cap) + " blocks per axis" : std::string()) + ", " +
         hpc::gpu::to_string(options);
}

std::uint8_t gray_of(const std::uint8_t* p) {
  return static_cast<std::uint8_t>((29 * p[0] + 150 * p[1] + 77 * p[2] + 128) >> 8);
}

// The right pixels at the wrong places: "" or the output index the body used instead of row * width + col.
// Read through the canary zone too (kGuard bytes after the end), where such a body writes its last rows.
std::string wrong_output_index(Image im, const std::vector<std::uint8_t>& bgr0,
                               const Guarded<std::uint8_t>& gray) {
  const std::size_t w = static_cast<std::size_t>(im.width), h = static_cast<std::size_t>(im.height);
  struct Layout {
    const char* text;
    std::size_t (*index)(std::size_t row, std::size_t col, std::size_t w, std::size_t h, std::size_t stride);
  };
  const Layout layouts[] = {
      {"row * (row_stride / 3) + col: the output has no padding, its rows are width bytes apart",
       [](std::size_t r, std::size_t c, std::size_t, std::size_t, std::size_t s) { return r * (s / 3) + c; }},
      {"row * row_stride + col: row_stride is the input's row length in bytes, the output's rows are width "
       "bytes apart",
       [](std::size_t r, std::size_t c, std::size_t, std::size_t, std::size_t s) { return r * s + c; }},
      {"row * 3 * width + col: the output has one byte per pixel, its rows are width bytes apart",
       [](std::size_t r, std::size_t c, std::size_t w_, std::size_t, std::size_t) { return r * 3 * w_ + c; }},
      {"col * height + row: the output is row-major, row * width + col",
       [](std::size_t r, std::size_t c, std::size_t, std::size_t h_, std::size_t) { return c * h_ + r; }},
  };
  for (const Layout& layout : layouts) {
    if (layout.index(h - 1, w - 1, w, h, im.row_stride) == (h - 1) * w + (w - 1) &&
        layout.index(1 % h, 0, w, h, im.row_stride) == (1 % h) * w)
      continue;  // the same index as the right one for this image: nothing to tell apart
    bool all = true;
    for (std::size_t row = 0; row < h && all; ++row) {
      for (std::size_t col = 0; col < w && all; ++col) {
        const std::size_t at = layout.index(row, col, w, h, im.row_stride);
        all = at < w * h + kGuard && gray[at] == gray_of(bgr0.data() + row * im.row_stride + 3 * col);
      }
    }
    if (all) return std::string("the right values at the wrong places: the output index is ") + layout.text;
  }
  return "";
}

std::string check_gray(Image im, hpc::gpu::Dim3 block, unsigned cap, const hpc::gpu::LaunchOptions& options) {
  const std::size_t w = static_cast<std::size_t>(im.width), h = static_cast<std::size_t>(im.height);
  const std::vector<std::uint8_t> bgr0 = random_bytes(h * im.row_stride, w * 131 + h);
  Guarded<std::uint8_t> bgr(bgr0, kInputCanary);
  Guarded<std::uint8_t> gray(w * h, kPoison, kOutputCanary);
  const std::string where = " (" + image_text(im, block, cap, options) + ")";
  gray_on_cpu_grid(im.width, im.height, bgr.cspan(), im.row_stride, gray.span(), block, cap, options);
  const std::string wrote = gray.out_of_range_writes("gray");
  if (!wrote.empty()) {
    const std::string layout = wrong_output_index(im, bgr0, gray);
    if (!layout.empty()) return wrote + ": " + layout + where;
    return wrote + ": a missing bounds check on a column or a row" + where;
  }
  for (std::size_t i = 0; i < bgr0.size(); ++i) {
    if (bgr[i] != bgr0[i]) return "gray changed its input at byte " + std::to_string(i) + where;
  }
  for (std::size_t row = 0; row < h; ++row) {
    for (std::size_t col = 0; col < w; ++col) {
      const std::uint8_t* p = bgr0.data() + row * im.row_stride + 3 * col;
      const std::uint8_t expected = gray_of(p);
      const std::uint8_t got = gray[row * w + col];
      if (got == expected) continue;
      const std::string at = "pixel (col " + std::to_string(col) + ", row " + std::to_string(row) + ")";
      if (got == kPoison) {
        return "gray never wrote " + at +
               ": x of the grid runs over columns and y over rows, each with a grid-stride loop "
               "(col += blockDim.x * gridDim.x, row += blockDim.y * gridDim.y)" +
               where;
      }
      const std::uint8_t* unpadded = bgr0.data() + (row * w + col) * 3;
      if (im.row_stride != 3 * w &&
          got == ((29 * unpadded[0] + 150 * unpadded[1] + 77 * unpadded[2] + 128) >> 8)) {
        return "gray at " + at +
               " read the pixel at byte (row * width + col) * 3: rows start every row_stride bytes" + where;
      }
      const std::string layout = wrong_output_index(im, bgr0, gray);
      if (!layout.empty()) return "gray at " + at + ": " + layout + where;
      return "gray at " + at + " = " + std::to_string(got) +
             ", expected (29*B + 150*G + 77*R + 128) >> 8 = " + std::to_string(expected) + where;
    }
  }
  return "";
}

void check_all(const std::vector<Image>& images, const std::vector<hpc::gpu::Dim3>& blocks, unsigned cap) {
  for (Image im : images) {
    for (hpc::gpu::Dim3 block : blocks) {
      for (const auto& options : every_order()) {
        const std::string problem = check_gray(im, block, cap, options);
        if (!problem.empty()) FAIL() << problem;
      }
    }
  }
}

}  // namespace

GRADED_TEST(Gray, OddSizes, 3) {
  check_all({{1, 1, 3}, {17, 13, 51}, {33, 1, 99}, {1, 40, 3}, {100, 37, 300}, {0, 5, 0}, {5, 0, 15}},
            {{16, 16, 1}, {8, 4, 1}, {32, 1, 1}, {1, 32, 1}}, 0);
}

GRADED_TEST(Gray, RowPadding, 2) {
  check_all({{17, 13, 56}, {64, 9, 200}, {3, 30, 16}}, {{16, 16, 1}, {8, 4, 1}}, 0);
}

GRADED_TEST(Gray, GridSmallerThanTheImage, 2) {
  check_all({{100, 37, 300}, {37, 100, 120}, {257, 3, 777}}, {{16, 16, 1}, {8, 4, 1}, {32, 1, 1}}, 1);
  check_all({{100, 37, 300}, {37, 100, 120}}, {{8, 8, 1}}, 2);
}
