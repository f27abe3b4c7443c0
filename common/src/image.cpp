#include "hpc/common/image.hpp"

#include <stb/stb_image_write.h>

#include <stdexcept>

namespace hpc::common {

Canvas::Canvas(int width, int height, Rgb background) : width_(width), height_(height) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("Canvas: width and height must be positive");
  pixels_.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
  for (std::size_t i = 0; i < pixels_.size(); i += 3) {
    pixels_[i] = background.r;
    pixels_[i + 1] = background.g;
    pixels_[i + 2] = background.b;
  }
}

void Canvas::set(int x, int y, Rgb colour) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + x) * 3;
  pixels_[i] = colour.r;
  pixels_[i + 1] = colour.g;
  pixels_[i + 2] = colour.b;
}

void Canvas::dot(int x, int y, int radius, Rgb colour) {
  for (int dy = -radius; dy <= radius; ++dy)
    for (int dx = -radius; dx <= radius; ++dx)
      if (dx * dx + dy * dy <= radius * radius) set(x + dx, y + dy, colour);
}

Rgb Canvas::at(int x, int y) const {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) throw std::out_of_range("Canvas::at: outside the canvas");
  const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) + x) * 3;
  return {pixels_[i], pixels_[i + 1], pixels_[i + 2]};
}

void Canvas::write_png(const std::filesystem::path& path) const {
  if (stbi_write_png(path.c_str(), width_, height_, 3, pixels_.data(), width_ * 3) == 0)
    throw std::runtime_error("could not write the PNG file " + path.string());
}

}  // namespace hpc::common
