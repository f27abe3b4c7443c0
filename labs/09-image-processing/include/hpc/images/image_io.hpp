// Reading and writing image files with errors that say which file and what is wrong with it.
// Lab task 4 (labs/09-image-processing/src/image_io.cpp).
//
// cv::imread answers every problem the same way, with an empty cv::Mat (and sometimes a libpng/libjpeg
// warning on stderr): a missing file, a folder, a text file, a corrupt one. Worse, a JPEG cut short
// decodes "successfully": libjpeg fills the missing rows with grey and only warns. A batch of 400 files
// needs better than that: each failure names its file and its cause, and a failed write never leaves a
// half-written file under the name a later step will trust.
#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <stdexcept>
#include <string>
#include <utility>

namespace hpc::images {

// Why a read or a write failed. The tests check the cause, and that what() names the file.
enum class ImageErrorCause {
  missing,            // read: no such file (or a folder that does not exist)
  is_a_directory,     // read: the path is a folder, not a file
  empty,              // read: the file has 0 bytes; write: the cv::Mat has no pixels
  not_an_image,       // read: no decoder recognises the bytes, or the decoder rejects them (corrupt)
  truncated,          // read: a PNG or JPEG whose end is missing (no IEND chunk / no EOI marker FF D9)
  unknown_extension,  // write: no encoder for the file name's extension (".png", ".jpg", ".bmp", ... work)
  unwritable,         // write: the folder to write into is missing, is not a folder, or refuses the file
  write_failed,       // write: the encoder or the disk failed on the way (e.g. disk full, file too large)
};

// GIVEN: the words each cause puts in an ImageError's message.
inline const char* describe(ImageErrorCause cause) {
  switch (cause) {
    case ImageErrorCause::missing:
      return "no such file";
    case ImageErrorCause::is_a_directory:
      return "is a directory, not an image file";
    case ImageErrorCause::empty:
      return "empty image";
    case ImageErrorCause::not_an_image:
      return "not an image (no decoder accepts it)";
    case ImageErrorCause::truncated:
      return "truncated image file (its end is missing)";
    case ImageErrorCause::unknown_extension:
      return "unknown image extension";
    case ImageErrorCause::unwritable:
      return "cannot write into its folder";
    case ImageErrorCause::write_failed:
      return "writing failed";
  }
  return "unknown image error";
}

// GIVEN: what read_image and write_image throw. what() is "<file>: <describe(cause)>" followed by
// ": <detail>" when a detail is given (e.g. the system's error text, or the decoder's).
class ImageError : public std::runtime_error {
 public:
  ImageError(std::filesystem::path file, ImageErrorCause cause, const std::string& detail = "")
      : std::runtime_error(file.string() + ": " + describe(cause) + (detail.empty() ? "" : ": " + detail)),
        file_(std::move(file)),
        cause_(cause) {}

  const std::filesystem::path& file() const noexcept { return file_; }
  ImageErrorCause cause() const noexcept { return cause_; }

 private:
  std::filesystem::path file_;
  ImageErrorCause cause_;
};

// The image in `file`, decoded as an 8-bit BGR image (cv::IMREAD_COLOR: a grey PNG comes back with three
// equal channels), never empty. What the bytes are decides the format, not the file's extension.
// Throws ImageError: missing, is_a_directory, empty (0 bytes), truncated (a PNG or JPEG that does not end
// the way its format ends), not_an_image (anything else OpenCV cannot decode).
cv::Mat read_image(const std::filesystem::path& file);

// Writes `image` to `file` in the format its extension names (".png", ".jpg", ...; OpenCV's encoders).
// The bytes go to a temporary file in the same folder, which is then renamed to `file`: at no moment
// does `file` exist half-written (a reader sees the old file or the whole new one), and when anything
// fails the temporary file is removed before the error is thrown. Throws ImageError: empty (no pixels),
// unknown_extension, unwritable (the folder is missing, not a folder, or the file cannot be created
// there), write_failed (the encoder rejects the image, or the disk fails while writing).
void write_image(const std::filesystem::path& file, const cv::Mat& image);

}  // namespace hpc::images
