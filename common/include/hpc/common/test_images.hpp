// Deterministic synthetic images for chapter 09 (and later chapters): tests, demos and benchmarks need no
// image files, and the same seed gives the same pixels on every machine (no std:: distributions, whose
// output the standard leaves to the library).
#pragma once

#include <cstdint>
#include <filesystem>
#include <opencv2/core/mat.hpp>
#include <string>
#include <vector>

namespace hpc::common {

// A BGR (CV_8UC3) "ship" scene: a sky gradient, a textured sea, a hull with a mast and a sail, and seeded
// noise. The default size is the book's ship.jpg (1118 x 1577), and the top-left pixel is the book's
// (199, 136, 86) at every size. Throws std::invalid_argument when rows or cols < 1.
cv::Mat make_ship_image(int rows = 1118, int cols = 1577, std::uint32_t seed = 1);

// Uniformly random pixels, every byte independent: the hard case for a kernel (no smooth areas where a
// wrong weight or border hides). type is CV_8UC1 or CV_8UC3; anything else, or rows or cols < 1, throws
// std::invalid_argument.
cv::Mat make_noise_image(int rows, int cols, int type, std::uint32_t seed);

// Cuts image into n x n tiles, as the book's generate_input.py does, and writes each to
// dir / "ship_<i>_<j><ext>" (i the tile's row, j its column; tile edges at k * rows / n, so every pixel is
// in exactly one tile). Creates dir if needed. Returns the paths sorted by name (ship_0_0, ship_0_1,
// ship_0_10, ...). Throws std::invalid_argument for an empty image or n < 1 or n larger than a side, and
// std::runtime_error naming the file when one cannot be written.
std::vector<std::filesystem::path> write_tiles(const cv::Mat& image, const std::filesystem::path& dir,
                                               int n = 20, const std::string& ext = ".png");

}  // namespace hpc::common
