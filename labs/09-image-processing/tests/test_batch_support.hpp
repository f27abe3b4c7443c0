// Helpers shared by the graded tests of lab 09 tasks 4 and 5: folders of small images, files cut short,
// and comparisons that name the first file that differs.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "hpc/common/temp_dir.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/batch.hpp"

namespace hpc::images::testing {

namespace fs = std::filesystem;

// The bytes of `data` in a file (the tests' own writer, independent of write_image).
inline void write_bytes(const fs::path& file, const std::string& data) {
  std::ofstream out(file, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

// `image` encoded as `extension` (".png", ".jpg") by OpenCV itself.
inline std::string encoded(const cv::Mat& image, const std::string& extension) {
  std::vector<unsigned char> bytes;
  cv::imencode(extension, image, bytes);
  return {bytes.begin(), bytes.end()};
}

// A noise image whose pixel (0,0) blue value is `id`, so an op can tell which input it was given.
inline cv::Mat marked_image(int rows, int cols, int id, std::uint32_t seed = 7) {
  cv::Mat image = hpc::common::make_noise_image(rows, cols, CV_8UC3, seed + static_cast<std::uint32_t>(id));
  image.at<cv::Vec3b>(0, 0)[0] = static_cast<unsigned char>(id);
  return image;
}

inline int mark_of(const cv::Mat& image) { return image.at<cv::Vec3b>(0, 0)[0]; }

// Writes `count` marked PNGs named img_00.png, img_01.png, ... (ids 0..count-1) into dir.
inline std::vector<fs::path> write_marked_folder(const fs::path& dir, int count, int rows = 40,
                                                 int cols = 56) {
  fs::create_directories(dir);
  std::vector<fs::path> files;
  for (int i = 0; i < count; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "img_%02d.png", i);
    files.push_back(dir / name);
    write_bytes(files.back(), encoded(marked_image(rows, cols, i), ".png"));
  }
  return files;
}

// The names of everything in dir, sorted.
inline std::vector<std::string> file_names_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// The whole folder as name -> bytes.
inline std::map<std::string, std::string> folder_bytes(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir))
    files[entry.path().filename()] = hpc::common::read_file(entry.path());
  return files;
}

// Equal sizes and types and every pixel equal.
inline bool same_pixels(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return false;
  return a.empty() || cv::countNonZero(a.reshape(1) != b.reshape(1)) == 0;
}

// "a, b, c" (at most `limit` names, then "... (N in all)").
inline std::string list_names(const std::vector<std::string>& names, std::size_t limit = 6) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < limit; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > limit) text += ", ... (" + std::to_string(names.size()) + " in all)";
  return text.empty() ? "none" : text;
}

inline std::vector<std::string> names_of(const std::vector<fs::path>& paths) {
  std::vector<std::string> names;
  for (const fs::path& path : paths) names.push_back(path.filename());
  return names;
}

inline std::vector<std::string> failed_names(const BatchReport& report) {
  std::vector<std::string> names;
  for (const BatchFailure& failure : report.failures) names.push_back(failure.file.filename());
  return names;
}

}  // namespace hpc::images::testing
