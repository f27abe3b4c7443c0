// The canvas writes a real PNG and refuses an unwritable path with a clear error.
#include "hpc/common/image.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

TEST(Canvas, WritesAPng) {
  hpc::common::Canvas canvas(16, 8);
  canvas.dot(4, 4, 2, {255, 0, 0});
  EXPECT_EQ(canvas.at(4, 4).r, 255);
  EXPECT_EQ(canvas.at(15, 0).g, 255);   // background untouched
  const auto dir = std::filesystem::temp_directory_path() / ("hpc_canvas_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "dot.png";
  canvas.write_png(file);
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  in.read(magic, 4);
  EXPECT_EQ(std::string(magic + 1, 3), "PNG");
  std::filesystem::remove_all(dir);
}

TEST(Canvas, UnwritablePathIsAClearError) {
  hpc::common::Canvas canvas(4, 4);
  try {
    canvas.write_png("/nonexistent-dir/x.png");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x.png"), std::string::npos);
  }
}

TEST(Canvas, RejectsEmptySize) { EXPECT_THROW(hpc::common::Canvas(0, 3), std::invalid_argument); }
