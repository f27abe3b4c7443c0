// Self-test of the synthetic images (hpc::test_images): deterministic, the book's shape and pixel, and
// tiles that cover the picture exactly once.
#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <stdexcept>

#include "hpc/common/temp_dir.hpp"
#include "hpc/common/test_images.hpp"

namespace {

using hpc::common::make_noise_image;
using hpc::common::make_ship_image;

bool identical(const cv::Mat& a, const cv::Mat& b) {
  return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

TEST(TestImages, ShipHasTheBooksShapeAndTopLeftPixel) {
  const cv::Mat ship = make_ship_image();
  EXPECT_EQ(ship.rows, 1118);
  EXPECT_EQ(ship.cols, 1577);
  EXPECT_EQ(ship.type(), CV_8UC3);
  EXPECT_EQ(ship.at<cv::Vec3b>(0, 0), cv::Vec3b(199, 136, 86));
}

TEST(TestImages, SameSeedSamePixelsOtherSeedOtherPixels) {
  EXPECT_TRUE(identical(make_ship_image(37, 53, 7), make_ship_image(37, 53, 7)));
  EXPECT_FALSE(identical(make_ship_image(37, 53, 7), make_ship_image(37, 53, 8)));
  EXPECT_TRUE(identical(make_noise_image(5, 9, CV_8UC3, 3), make_noise_image(5, 9, CV_8UC3, 3)));
  EXPECT_FALSE(identical(make_noise_image(5, 9, CV_8UC1, 3), make_noise_image(5, 9, CV_8UC1, 4)));
}

TEST(TestImages, TinyShipsAndNoiseOfBothTypes) {
  EXPECT_EQ(make_ship_image(1, 1).at<cv::Vec3b>(0, 0), cv::Vec3b(199, 136, 86));
  EXPECT_EQ(make_ship_image(1, 200).cols, 200);
  EXPECT_EQ(make_ship_image(200, 1).rows, 200);
  EXPECT_EQ(make_noise_image(3, 4, CV_8UC1, 1).type(), CV_8UC1);
  // Noise uses the whole byte range: a 64 x 64 noise image that missed 0 or 255 would be suspicious.
  double lo = 0, hi = 0;
  cv::minMaxLoc(make_noise_image(64, 64, CV_8UC1, 1), &lo, &hi);
  EXPECT_EQ(lo, 0);
  EXPECT_EQ(hi, 255);
}

TEST(TestImages, BadArgumentsAreNamed) {
  EXPECT_THROW(make_ship_image(0, 10), std::invalid_argument);
  EXPECT_THROW(make_noise_image(4, 4, CV_16UC1, 1), std::invalid_argument);
  EXPECT_THROW(hpc::common::write_tiles(cv::Mat(), "unused"), std::invalid_argument);
  EXPECT_THROW(hpc::common::write_tiles(make_ship_image(10, 10), "unused", 11), std::invalid_argument);
}

TEST(TestImages, TilesCoverThePictureOnceInNameOrder) {
  hpc::common::TempDir dir;
  const cv::Mat ship = make_ship_image(61, 83, 2);
  const auto paths = hpc::common::write_tiles(ship, dir.path() / "tiles", 4);
  ASSERT_EQ(paths.size(), 16u);
  EXPECT_EQ(paths.front().filename(), "ship_0_0.png");
  EXPECT_EQ(paths.back().filename(), "ship_3_3.png");
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
  // Put the tiles back together: PNG is lossless, so the picture must come back exactly.
  cv::Mat rebuilt(ship.size(), ship.type(), cv::Scalar::all(0));
  for (int i = 0; i < 4; ++i) {
    for (int j = 0; j < 4; ++j) {
      const cv::Mat tile = cv::imread(
          (dir.path() / "tiles" / ("ship_" + std::to_string(i) + "_" + std::to_string(j) + ".png")).string());
      ASSERT_FALSE(tile.empty()) << "tile " << i << "," << j;
      tile.copyTo(rebuilt(cv::Rect(j * 83 / 4, i * 61 / 4, tile.cols, tile.rows)));
    }
  }
  EXPECT_TRUE(identical(rebuilt, ship));
}

}  // namespace
