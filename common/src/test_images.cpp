#include "hpc/common/test_images.hpp"

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <random>
#include <stdexcept>

namespace hpc::common {
namespace {

std::uint8_t to_u8(int v) { return static_cast<std::uint8_t>(std::clamp(v, 0, 255)); }

void require_size(const char* who, int rows, int cols) {
  if (rows < 1 || cols < 1) {
    throw std::invalid_argument(std::string(who) + ": rows and cols must be >= 1, got " +
                                std::to_string(rows) + " x " + std::to_string(cols));
  }
}

// A triangle wave 0..period/2..0: the sea's ripples in integer arithmetic, so the picture is the same
// everywhere (no libm rounding differences).
int triangle(int v, int period) {
  const int m = v % period;
  return m < period / 2 ? m : period - m;
}

}  // namespace

cv::Mat make_ship_image(int rows, int cols, std::uint32_t seed) {
  require_size("make_ship_image", rows, cols);
  cv::Mat image(rows, cols, CV_8UC3);
  // std::mt19937's raw output is fixed by the standard; the distributions are not, so none is used.
  std::mt19937 rng(seed);
  const int horizon = std::max(1, rows * 11 / 20);
  const int sea_rows = std::max(1, rows - horizon);
  // The ship, in proportions of the picture: a hull across the horizon, a mast, a sail right of the mast.
  const int hull_top = horizon - rows / 14, hull_bottom = horizon + rows / 22;
  const int hull_left = cols * 3 / 10, hull_right = cols * 7 / 10;
  const int mast_x = cols / 2, mast_half_width = std::max(1, cols / 300), mast_top = rows / 8;
  const int ripple = std::max(4, cols / 40);

  for (int y = 0; y < rows; ++y) {
    auto* row = image.ptr<cv::Vec3b>(y);
    for (int x = 0; x < cols; ++x) {
      int b, g, r;
      if (y < horizon) {  // sky: light blue at the top, paler towards the horizon, a little darker right
        const int t = y * 256 / horizon;
        b = 199 + 40 * t / 256 - 10 * x / cols;
        g = 136 + 70 * t / 256 - 6 * x / cols;
        r = 86 + 90 * t / 256;
      } else {  // sea: darker with depth, ripples that lengthen towards the viewer
        const int depth = y - horizon;
        const int wave = triangle(x + depth * depth / 7 + 3 * depth, ripple + depth / 8) * 24 / ripple - 6;
        b = 140 - 60 * depth / sea_rows + wave;
        g = 95 - 40 * depth / sea_rows + wave / 2;
        r = 40 - 20 * depth / sea_rows + wave / 3;
      }
      // The hull narrows towards its keel (a trapezoid); the mast; a triangular sail.
      const int hull_inset =
          (y - hull_top) * (hull_right - hull_left) / 10 / std::max(1, hull_bottom - hull_top);
      if (y >= hull_top && y < hull_bottom && x >= hull_left + hull_inset && x < hull_right - hull_inset) {
        b = 40, g = 35, r = 60 + 30 * (y - hull_top) / std::max(1, hull_bottom - hull_top);
      } else if (y >= mast_top && y < hull_top && x >= mast_x - mast_half_width &&
                 x <= mast_x + mast_half_width) {
        b = 30, g = 50, r = 70;
      } else if (y >= mast_top + rows / 40 && y < hull_top - rows / 40 && x > mast_x + mast_half_width &&
                 (x - mast_x) * (hull_top - mast_top) < (y - mast_top) * (cols / 6)) {
        b = 225, g = 232, r = 238;
      }
      // Seeded noise on every channel, as a camera's sensor would add.
      const auto noise = [&rng] { return static_cast<int>(rng() % 9) - 4; };
      row[x] = cv::Vec3b(to_u8(b + noise()), to_u8(g + noise()), to_u8(r + noise()));
    }
  }
  image.at<cv::Vec3b>(0, 0) = cv::Vec3b(199, 136, 86);  // the book's example 1 prints this pixel
  return image;
}

cv::Mat make_noise_image(int rows, int cols, int type, std::uint32_t seed) {
  require_size("make_noise_image", rows, cols);
  if (type != CV_8UC1 && type != CV_8UC3) {
    throw std::invalid_argument("make_noise_image: type must be CV_8UC1 or CV_8UC3, got " +
                                cv::typeToString(type));
  }
  cv::Mat image(rows, cols, type);
  std::mt19937 rng(seed);
  for (int y = 0; y < rows; ++y) {
    std::uint8_t* row = image.ptr<std::uint8_t>(y);
    const std::size_t bytes = static_cast<std::size_t>(cols) * image.elemSize();
    for (std::size_t i = 0; i < bytes; ++i) row[i] = static_cast<std::uint8_t>(rng() >> 24);
  }
  return image;
}

std::vector<std::filesystem::path> write_tiles(const cv::Mat& image, const std::filesystem::path& dir, int n,
                                               const std::string& ext) {
  if (image.empty()) throw std::invalid_argument("write_tiles: the image is empty");
  if (n < 1 || n > image.rows || n > image.cols) {
    throw std::invalid_argument("write_tiles: n must be between 1 and the image's smaller side (" +
                                std::to_string(std::min(image.rows, image.cols)) + "), got " +
                                std::to_string(n));
  }
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> paths;
  paths.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      const cv::Range tile_rows(i * image.rows / n, (i + 1) * image.rows / n);
      const cv::Range tile_cols(j * image.cols / n, (j + 1) * image.cols / n);
      auto path = dir / ("ship_" + std::to_string(i) + "_" + std::to_string(j) + ext);
      bool written = false;
      try {
        written = cv::imwrite(path.string(), image(tile_rows, tile_cols));
      } catch (const cv::Exception& e) {
        throw std::runtime_error("write_tiles: cannot write " + path.string() + ": " + e.what());
      }
      if (!written) throw std::runtime_error("write_tiles: cannot write " + path.string());
      paths.push_back(std::move(path));
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

}  // namespace hpc::common
