// The canvas writes a real PNG and refuses an unwritable path with a clear error.
#include <gtest/gtest.h>

#include "hpc/common/image.hpp"
#include "hpc/common/temp_dir.hpp"

TEST(Canvas, WritesAPng) {
  hpc::common::Canvas canvas(16, 8);
  canvas.dot(4, 4, 2, {255, 0, 0});
  EXPECT_EQ(canvas.at(4, 4).r, 255);
  EXPECT_EQ(canvas.at(15, 0).g, 255);  // background untouched
  const hpc::common::TempDir dir("hpc-canvas");
  canvas.write_png(dir.path() / "dot.png");
  EXPECT_EQ(hpc::common::read_file(dir.path() / "dot.png").substr(1, 3), "PNG");
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
