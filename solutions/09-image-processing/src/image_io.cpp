// Lab 09, task 4: reference solution. Reading checks what cv::imdecode cannot tell (a file cut short
// still decodes as a JPEG, padded with grey), writing goes through a temporary file and a rename.
#include "hpc/images/image_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

namespace hpc::images {
namespace {

namespace fs = std::filesystem;

std::string system_error_text(int error) { return std::error_code(error, std::generic_category()).message(); }

// The file's bytes, read with POSIX calls so a failure keeps its errno (a file removed after the
// caller's listing is ENOENT here, not a silent empty stream).
std::vector<unsigned char> read_bytes(const fs::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT) throw ImageError(file, ImageErrorCause::missing);
    if (error == EISDIR) throw ImageError(file, ImageErrorCause::is_a_directory);
    throw ImageError(file, ImageErrorCause::not_an_image, system_error_text(error));
  }
  std::vector<unsigned char> bytes;
  unsigned char chunk[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, chunk, sizeof chunk);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      ::close(fd);
      if (error == EISDIR) throw ImageError(file, ImageErrorCause::is_a_directory);
      throw ImageError(file, ImageErrorCause::not_an_image, system_error_text(error));
    }
    bytes.insert(bytes.end(), chunk, chunk + got);
  }
  ::close(fd);
  return bytes;
}

bool starts_with(const std::vector<unsigned char>& bytes, std::initializer_list<unsigned char> prefix) {
  return bytes.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

bool ends_with(const std::vector<unsigned char>& bytes, std::initializer_list<unsigned char> suffix) {
  return bytes.size() >= suffix.size() &&
         std::equal(suffix.begin(), suffix.end(), bytes.end() - suffix.size());
}

// A PNG ends with its IEND chunk (length 0, type, CRC), a JPEG with the EOI marker. The decoders do not
// insist: libjpeg decodes a JPEG cut in half with a warning and grey rows, libpng fails with a warning.
void check_complete(const fs::path& file, const std::vector<unsigned char>& bytes) {
  if (starts_with(bytes, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})) {
    if (!ends_with(bytes, {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82}))
      throw ImageError(file, ImageErrorCause::truncated, "a PNG without its IEND chunk");
  } else if (starts_with(bytes, {0xff, 0xd8, 0xff})) {
    if (!ends_with(bytes, {0xff, 0xd9}))
      throw ImageError(file, ImageErrorCause::truncated, "a JPEG without its end marker FF D9");
  }
}

// A name in the target's folder that no other writer (thread or process) uses at the same time.
fs::path temporary_name_for(const fs::path& file) {
  static std::atomic<unsigned long> counter{0};
  const std::size_t thread = std::hash<std::thread::id>{}(std::this_thread::get_id());
  return file.parent_path() / ("." + file.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                               std::to_string(thread % 100000) + "-" + std::to_string(counter++));
}

// Writes every byte to the open file; returns 0 or the errno of the first failure.
int write_all(int fd, const std::vector<unsigned char>& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t put = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (put < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(put);
  }
  return 0;
}

}  // namespace

cv::Mat read_image(const fs::path& file) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (status.type() == fs::file_type::not_found) throw ImageError(file, ImageErrorCause::missing);
  if (status.type() == fs::file_type::directory) throw ImageError(file, ImageErrorCause::is_a_directory);

  const std::vector<unsigned char> bytes = read_bytes(file);
  if (bytes.empty()) throw ImageError(file, ImageErrorCause::empty, "the file has 0 bytes");
  check_complete(file, bytes);

  cv::Mat image;
  try {
    image = cv::imdecode(bytes, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    throw ImageError(file, ImageErrorCause::not_an_image, e.what());
  }
  if (image.empty()) throw ImageError(file, ImageErrorCause::not_an_image);
  return image;
}

void write_image(const fs::path& file, const cv::Mat& image) {
  if (image.empty()) throw ImageError(file, ImageErrorCause::empty, "no pixels to write");
  const std::string extension = file.extension().string();
  if (extension.empty() || !cv::haveImageWriter(file.string()))
    throw ImageError(file, ImageErrorCause::unknown_extension,
                     extension.empty() ? "the name has no extension" : "no encoder for '" + extension + "'");

  const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec))
    throw ImageError(file, ImageErrorCause::unwritable,
                     fs::exists(folder, ec) ? "'" + folder.string() + "' is not a folder"
                                            : "no folder '" + folder.string() + "'");

  // Encode first: an image the encoder rejects fails before any file exists.
  std::vector<unsigned char> bytes;
  try {
    if (!cv::imencode(extension, image, bytes))
      throw ImageError(file, ImageErrorCause::write_failed, "encoder failed");
  } catch (const cv::Exception& e) {
    throw ImageError(file, ImageErrorCause::write_failed, e.what());
  }

  const fs::path temp = temporary_name_for(file);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) throw ImageError(file, ImageErrorCause::unwritable, system_error_text(errno));
  int error = write_all(fd, bytes);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && ::rename(temp.c_str(), file.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(temp.c_str());  // nothing of a failed write stays behind, under either name
    throw ImageError(file, ImageErrorCause::write_failed, system_error_text(error));
  }
  // No fsync: the rename makes the file appear whole to every reader, which is what the batch needs.
  // Surviving a power cut as well would need fsync of the file and of its folder (and cost time).
}

}  // namespace hpc::images
