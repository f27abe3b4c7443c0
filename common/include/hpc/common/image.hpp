// Writing small pictures from demos (trajectories, plots) without a GUI.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace hpc::common {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
};

// A width x height canvas of RGB pixels, (0,0) at the top left.
class Canvas {
 public:
  Canvas(int width, int height, Rgb background = {255, 255, 255});
  int width() const { return width_; }
  int height() const { return height_; }
  void set(int x, int y, Rgb colour);           // ignores points outside the canvas
  void dot(int x, int y, int radius, Rgb colour);
  Rgb at(int x, int y) const;
  // Writes a PNG file; throws std::runtime_error naming the path when it cannot.
  void write_png(const std::filesystem::path& path) const;

 private:
  int width_, height_;
  std::vector<std::uint8_t> pixels_;   // RGB, row-major
};

}  // namespace hpc::common
