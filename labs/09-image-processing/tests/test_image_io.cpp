// Graded tests, lab 09 task 4: read_image and write_image, and every error naming the file and its cause.
// Each error test checks three things: an ImageError is thrown (not a cv::Exception, not an empty Mat),
// its cause() is the right one, and what() names the file.
#include <cxxabi.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <typeinfo>

#include "hpc/common/grading.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/images/image_io.hpp"
#include "test_batch_support.hpp"

namespace {

namespace fs = std::filesystem;
using hpc::images::ImageError;
using hpc::images::ImageErrorCause;
using namespace hpc::images::testing;

const char* name_of(ImageErrorCause cause) {
  switch (cause) {
    case ImageErrorCause::missing:
      return "missing";
    case ImageErrorCause::is_a_directory:
      return "is_a_directory";
    case ImageErrorCause::empty:
      return "empty";
    case ImageErrorCause::not_an_image:
      return "not_an_image";
    case ImageErrorCause::truncated:
      return "truncated";
    case ImageErrorCause::unknown_extension:
      return "unknown_extension";
    case ImageErrorCause::unwritable:
      return "unwritable";
    case ImageErrorCause::write_failed:
      return "write_failed";
  }
  return "?";
}

// Runs `action`, which must throw ImageError with `cause` naming `file`; a failure says what came instead.
// "std::ios_base::failure", not the mangled "St13__ios_failure" that typeid(...).name() gives.
std::string type_name(const std::type_info& type) {
  int status = 0;
  const std::unique_ptr<char, void (*)(void*)> readable(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), std::free);
  return status == 0 && readable ? readable.get() : type.name();
}

void expect_image_error(const std::function<void()>& action, ImageErrorCause cause, const fs::path& file,
                        const std::string& what_was_done) {
  try {
    action();
  } catch (const ImageError& e) {
    EXPECT_EQ(e.cause(), cause) << what_was_done << ": ImageError with cause " << name_of(e.cause())
                                << ", expected " << name_of(cause) << " (what(): " << e.what() << ")";
    EXPECT_EQ(e.file(), file) << what_was_done << ": ImageError::file() is not the file";
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos)
        << what_was_done << ": the message does not name the file: " << e.what();
    return;
  } catch (const std::exception& e) {
    ADD_FAILURE() << what_was_done << ": threw " << type_name(typeid(e)) << " instead of ImageError ("
                  << name_of(cause) << "): " << e.what();
    return;
  }
  ADD_FAILURE() << what_was_done << ": no error; expected ImageError (" << name_of(cause) << ")";
}

GRADED_TEST(ReadImage, RoundTripsImagesExactly, 2) {
  hpc::common::TempDir dir("lab09");
  const cv::Mat noise = marked_image(37, 53, 9);
  write_bytes(dir.path() / "noise.png", encoded(noise, ".png"));
  const cv::Mat back = hpc::images::read_image(dir.path() / "noise.png");
  EXPECT_TRUE(same_pixels(back, noise)) << "read_image(noise.png) differs from the image OpenCV encoded";

  // The format comes from the bytes: a PNG named .jpg is still read exactly.
  write_bytes(dir.path() / "liar.jpg", encoded(noise, ".png"));
  EXPECT_TRUE(same_pixels(hpc::images::read_image(dir.path() / "liar.jpg"), noise))
      << "a PNG named liar.jpg was not read as the PNG it is";

  // A grey PNG comes back as BGR with three equal channels (cv::IMREAD_COLOR).
  cv::Mat gray = hpc::common::make_noise_image(21, 19, CV_8UC1, 3);
  write_bytes(dir.path() / "gray.png", encoded(gray, ".png"));
  cv::Mat gray_bgr;
  cv::merge(std::vector<cv::Mat>{gray, gray, gray}, gray_bgr);
  EXPECT_TRUE(same_pixels(hpc::images::read_image(dir.path() / "gray.png"), gray_bgr))
      << "a grey PNG must be read as CV_8UC3 with three equal channels";

  // What write_image writes, read_image reads back exactly (PNG is lossless).
  hpc::images::write_image(dir.path() / "written.png", noise);
  EXPECT_TRUE(same_pixels(cv::imread((dir.path() / "written.png").string(), cv::IMREAD_COLOR), noise))
      << "write_image(written.png) did not write the image's pixels";
  EXPECT_EQ(file_names_in(dir.path()),
            (std::vector<std::string>{"gray.png", "liar.jpg", "noise.png", "written.png"}))
      << "write_image left something else in the folder";
}

GRADED_TEST(ReadImage, MissingFileIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "no_such_ship.png";
  expect_image_error([&] { hpc::images::read_image(file); }, ImageErrorCause::missing, file,
                     "read_image of a file that does not exist");
}

GRADED_TEST(ReadImage, DirectoryIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path folder = dir.path() / "tiles.png";
  fs::create_directory(folder);
  expect_image_error([&] { hpc::images::read_image(folder); }, ImageErrorCause::is_a_directory, folder,
                     "read_image of a folder named tiles.png");
}

GRADED_TEST(ReadImage, EmptyFileIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "empty.png";
  write_bytes(file, "");
  expect_image_error([&] { hpc::images::read_image(file); }, ImageErrorCause::empty, file,
                     "read_image of a 0-byte file");
}

GRADED_TEST(ReadImage, NotAnImageIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path text = dir.path() / "notes.png";
  write_bytes(text, "These are the notes of the ship's log, not a picture of the ship.\n");
  expect_image_error([&] { hpc::images::read_image(text); }, ImageErrorCause::not_an_image, text,
                     "read_image of a text file named notes.png");
}

GRADED_TEST(ReadImage, CorruptPngIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "corrupt.png";
  std::string bytes = encoded(marked_image(60, 80, 1), ".png");
  for (std::size_t i = 100; i < 200; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);  // inside the data
  write_bytes(file, bytes);
  expect_image_error([&] { hpc::images::read_image(file); }, ImageErrorCause::not_an_image, file,
                     "read_image of a PNG with 100 bytes of its data flipped (its end intact)");
}

// Cut at half, a PNG makes cv::imread return an empty Mat; the error must still say "truncated".
GRADED_TEST(ReadImage, TruncatedPngIsNamed, 2) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "half.png";
  const std::string bytes = encoded(marked_image(120, 160, 2), ".png");
  write_bytes(file, bytes.substr(0, bytes.size() / 2));
  expect_image_error([&] { hpc::images::read_image(file); }, ImageErrorCause::truncated, file,
                     "read_image of a PNG cut at half");
  // Only the IEND chunk's CRC missing: the word IEND is in the file, but the file does not end with the
  // whole 12-byte chunk (searching for "IEND" anywhere is not enough).
  const fs::path no_crc = dir.path() / "no_crc.png";
  write_bytes(no_crc, bytes.substr(0, bytes.size() - 4));
  expect_image_error([&] { hpc::images::read_image(no_crc); }, ImageErrorCause::truncated, no_crc,
                     "read_image of a PNG without the last 4 bytes (its IEND chunk's CRC)");
}

// Cut at half, a JPEG still decodes in OpenCV 4.6 (libjpeg fills the missing rows with grey and warns on
// stderr): trusting cv::imread returns half an image without any error.
GRADED_TEST(ReadImage, TruncatedJpegIsNamed, 2) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "half.jpg";
  const std::string bytes = encoded(hpc::common::make_ship_image(120, 160, 3), ".jpg");
  write_bytes(file, bytes.substr(0, bytes.size() / 2));
  expect_image_error([&] { hpc::images::read_image(file); }, ImageErrorCause::truncated, file,
                     "read_image of a JPEG cut at half (cv::imread pads it with grey and says nothing)");
  // Bytes after the end marker: the file does not end the way a JPEG ends, so the same cause (LAB.md).
  const fs::path trailing = dir.path() / "trailing.jpg";
  write_bytes(trailing, bytes + "abc");
  expect_image_error([&] { hpc::images::read_image(trailing); }, ImageErrorCause::truncated, trailing,
                     "read_image of a whole JPEG followed by 3 bytes after its end marker FF D9");
}

GRADED_TEST(WriteImage, EmptyImageIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "nothing.png";
  expect_image_error([&] { hpc::images::write_image(file, cv::Mat()); }, ImageErrorCause::empty, file,
                     "write_image of an empty cv::Mat");
  EXPECT_EQ(file_names_in(dir.path()), std::vector<std::string>{}) << "a failed write left files behind";
}

GRADED_TEST(WriteImage, UnknownExtensionIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const cv::Mat image = marked_image(10, 10, 3);
  for (const char* name : {"ship.xyz", "ship"}) {
    const fs::path file = dir.path() / name;
    expect_image_error([&] { hpc::images::write_image(file, image); }, ImageErrorCause::unknown_extension,
                       file, std::string("write_image to ") + name);
  }
  EXPECT_EQ(file_names_in(dir.path()), std::vector<std::string>{}) << "a failed write left files behind";
}

GRADED_TEST(WriteImage, UnwritableFolderIsNamed, 1) {
  hpc::common::TempDir dir("lab09");
  const cv::Mat image = marked_image(10, 10, 4);
  const fs::path in_missing_folder = dir.path() / "no_such_folder" / "out.png";
  expect_image_error([&] { hpc::images::write_image(in_missing_folder, image); }, ImageErrorCause::unwritable,
                     in_missing_folder, "write_image into a folder that does not exist");
  EXPECT_FALSE(fs::exists(dir.path() / "no_such_folder")) << "write_image must not create the folder";
  write_bytes(dir.path() / "plain_file", "x");
  const fs::path under_a_file = dir.path() / "plain_file" / "out.png";
  expect_image_error([&] { hpc::images::write_image(under_a_file, image); }, ImageErrorCause::unwritable,
                     under_a_file, "write_image into a 'folder' that is a regular file");
}

GRADED_TEST(WriteImage, EncoderRejectionLeavesNothing, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "two_channels.png";
  const cv::Mat two_channels(8, 8, CV_8UC2, cv::Scalar(1, 2));  // PNG has no 2-channel colour type
  expect_image_error([&] { hpc::images::write_image(file, two_channels); }, ImageErrorCause::write_failed,
                     file, "write_image of a 2-channel image to PNG (OpenCV's encoder throws cv::Exception)");
  EXPECT_EQ(file_names_in(dir.path()), std::vector<std::string>{}) << "a failed write left files behind";
}

// The names moved out of and into `folder` while `action` ran (inotify: the kernel reports every rename
// in the folder, so nothing depends on timing).
struct FolderMoves {
  std::vector<std::string> out, in;
};

FolderMoves moves_in_folder(const fs::path& folder, const std::function<void()>& action) {
  FolderMoves moves;
  const int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0 || ::inotify_add_watch(fd, folder.c_str(), IN_MOVED_FROM | IN_MOVED_TO) < 0) {
    ADD_FAILURE() << "the test could not watch " << folder << " with inotify";
    if (fd >= 0) ::close(fd);
    return moves;
  }
  action();
  alignas(inotify_event) char buffer[8192];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) {
    for (char* at = buffer; at < buffer + got;) {
      const auto* event = reinterpret_cast<const inotify_event*>(at);
      const std::string name = event->len > 0 ? event->name : "";
      if (event->mask & IN_MOVED_FROM) moves.out.push_back(name);
      if (event->mask & IN_MOVED_TO) moves.in.push_back(name);
      at += sizeof(inotify_event) + event->len;
    }
  }
  ::close(fd);
  return moves;
}

// A big image to write while the file size limit (RLIMIT_FSIZE) stops the write part-way: ~1.4 MB of PNG.
cv::Mat big_image() { return hpc::common::make_noise_image(400, 1200, CV_8UC3, 11); }
constexpr rlim_t kSizeLimit = 64 * 1024;

// The writer dies in the middle of writing (SIGXFSZ's default action kills the process when a write
// passes the file size limit): nothing may be left under the final name, neither a half file nor an
// empty one. A program that reads the folder later must not find a half image under a trusted name.
GRADED_TEST(WriteImage, CrashMidWriteLeavesNoHalfFile, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "big.png";
  const cv::Mat image = big_image();
  // First a write that succeeds: the temporary file must be in the target's folder, renamed there (a
  // temporary elsewhere, in /tmp say, cannot be renamed onto another filesystem: EXDEV).
  const fs::path small = dir.path() / "small.png";
  std::string failure;
  const FolderMoves moves = moves_in_folder(dir.path(), [&] {
    try {
      hpc::images::write_image(small, marked_image(8, 8, 3));
    } catch (const std::exception& e) {
      failure = std::string(": it threw ") + e.what();
    }
  });
  // No rename at all is written under the final name: the crash below shows that with its own message.
  const bool renamed = !moves.in.empty() || !moves.out.empty();
  if (renamed && (moves.in != std::vector<std::string>{"small.png"} || moves.out.size() != 1)) {
    ADD_FAILURE()
        << "write_image(small.png) must write a temporary file in small.png's own folder and rename "
        << "it there; renames seen in the folder: out of it " << list_names(moves.out) << ", into it "
        << list_names(moves.in)
        << (moves.out.empty() && !moves.in.empty() ? " (the temporary file was in another folder)" : "")
        << failure;
  }
  fs::remove(small);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0) << "fork failed";
  if (child == 0) {
    ::signal(SIGXFSZ, SIG_DFL);
    const rlimit limit{kSizeLimit, kSizeLimit};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      hpc::images::write_image(file, image);
    } catch (...) {
      ::_exit(3);
    }
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  // The child must die in write(): SIGXFSZ is what proves the bytes were on their way to the disk.
  if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGXFSZ)) {
    FAIL() << (WIFEXITED(status) && WEXITSTATUS(status) == 3
                   ? "write_image threw before writing any byte"
                   : "the writer was not stopped by the file size limit")
           << ": the ~1.4 MB PNG under a 64 KiB limit must die of SIGXFSZ in the middle of its write (status "
           << status << ")";
  }
  if (fs::exists(file))
    ADD_FAILURE()
        << "the writer died mid-write and left big.png (" << fs::file_size(file)
        << " bytes) under the final name: write to a temporary name in the same folder, then rename it";
}

// The same failure seen by the writer (SIGXFSZ ignored: write() fails with EFBIG): write_failed, no
// temporary file left, and an older file under the name untouched.
GRADED_TEST(WriteImage, FailedWriteLeavesNoTemporaryFile, 2) {
  hpc::common::TempDir dir("lab09");
  const fs::path file = dir.path() / "big.png";
  const cv::Mat old_image = marked_image(10, 10, 5);
  write_bytes(file, encoded(old_image, ".png"));
  const std::string old_bytes = hpc::common::read_file(file);
  const cv::Mat image = big_image();

  ::signal(SIGXFSZ, SIG_IGN);
  rlimit saved{};
  ::getrlimit(RLIMIT_FSIZE, &saved);
  rlimit limit = saved;
  limit.rlim_cur = kSizeLimit;
  ::setrlimit(RLIMIT_FSIZE, &limit);
  std::string outcome = "no error";
  ImageErrorCause cause{};
  try {
    hpc::images::write_image(file, image);
  } catch (const ImageError& e) {
    outcome = e.what();
    cause = e.cause();
  } catch (const std::exception& e) {
    outcome = std::string("not an ImageError: ") + e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  ::signal(SIGXFSZ, SIG_DFL);

  EXPECT_EQ(cause, ImageErrorCause::write_failed)
      << "write_image with the disk refusing past 64 KiB (EFBIG): expected ImageError (write_failed), got: "
      << outcome;
  const std::vector<std::string> left = file_names_in(dir.path());
  if (left != std::vector<std::string>{"big.png"})
    ADD_FAILURE() << "a temporary file left behind? after a failed write the folder holds "
                  << list_names(left) << " (only the old big.png was there)";
  if (hpc::common::read_file(file) != old_bytes)
    ADD_FAILURE() << "the failed write changed the old big.png: the new bytes must replace it only once they "
                     "are complete";
}

}  // namespace
