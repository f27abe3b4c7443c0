// What chapter 09's demos share: the input image (the generated ship, or a file named on the command
// line, with an error that names the file when it cannot be read), writing small result pictures for the
// notes, a scratch folder on a chosen file system, and the machine stamp (with OpenCV's version) printed
// above every table.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>
#include <string>
#include <system_error>

#include "hpc/common/demo.hpp"
#include "hpc/common/test_images.hpp"

namespace hpc::images::demo {

// The generated ship when `file` is empty, else the file, decoded as BGR. A file that is missing or that
// OpenCV cannot decode ends the demo with exit code 1 and a message naming it: cv::imread itself only
// returns an empty Mat, which would surface much later as a puzzling error inside some kernel.
inline cv::Mat load_input(const std::string& file) {
  if (file.empty()) return hpc::common::make_ship_image();
  std::error_code error;
  if (!std::filesystem::is_regular_file(file, error)) {
    std::cerr << "error: cannot read '" << file << "': no such file\n";
    std::exit(1);
  }
  cv::Mat image = cv::imread(file, cv::IMREAD_COLOR);
  if (image.empty()) {
    std::cerr << "error: cannot read '" << file
              << "': not an image OpenCV can decode (corrupt or truncated?)\n";
    std::exit(1);
  }
  return image;
}

// Writes `image` as dir/name.png, scaled down (area averaging, which keeps thin lines visible as grey)
// to at most max_width columns, so the pictures committed beside the notes stay small.
inline void write_picture(const std::filesystem::path& dir, const std::string& name, const cv::Mat& image,
                          int max_width) {
  cv::Mat shown = image;
  if (max_width > 0 && image.cols > max_width) {
    const double scale = static_cast<double>(max_width) / image.cols;
    cv::resize(image, shown, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  const auto path = dir / (name + ".png");
  if (!cv::imwrite(path.string(), shown, {cv::IMWRITE_PNG_COMPRESSION, 9})) {
    std::cerr << "error: cannot write '" << path.string() << "'\n";
    std::exit(1);
  }
}

// A fresh folder under `base` (e.g. /dev/shm for tmpfs, or a folder on disk), removed at the end.
class ScratchDir {
 public:
  ScratchDir(const std::filesystem::path& base, const std::string& prefix) {
    std::random_device seed;
    path_ = base / (prefix + "-" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;  // a leftover scratch folder is harmless; a throwing destructor is not
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// hpc::common::demo::print_machine_stamp with the OpenCV version: which machine measured a table, how
// busy it was, and the library whose kernels the tables compare against.
inline void print_machine_stamp() { hpc::common::demo::print_machine_stamp("OpenCV " CV_VERSION); }

}  // namespace hpc::images::demo
