// A batch pipeline over a folder of images: read -> process -> write, with a chosen number of workers.
// Lab task 5, the open-design task (labs/09-image-processing/src/batch.cpp): this header fixes what
// process_folder does; how the workers share the files is yours to choose (a queue, an atomic index,
// static chunks, oneTBB, a pool of your own). Use threads, not fork(): once OpenCV has started its TBB
// worker pool, a forked child may inherit its locks held and hang.
//
// The book's chapter 15 compares two shapes of the same pipeline:
//   ReadIn::parent   (its example 5) the calling thread reads (decodes) every file first, and only then
//                    do the workers process and write them: the decoding is a serial part (Amdahl).
//   ReadIn::workers  (its example 6) each worker reads its own files, so decoding runs in parallel too.
#pragma once

#include <filesystem>
#include <functional>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace hpc::images {

// What a pipeline does to one image: takes the decoded input, returns the image to write. It may throw;
// that fails only its own file. It is called from several threads at once, on different images.
using ImageOp = std::function<cv::Mat(const cv::Mat&)>;

// GIVEN: the book's example 5/6 operation: grey, then an adaptive threshold (Gaussian-weighted
// neighbourhood of 11x11, constant 2): black text-like details on white.
inline cv::Mat book_adaptive_threshold(const cv::Mat& image) {
  cv::Mat gray;
  if (image.channels() == 1) {
    gray = image;
  } else {
    cv::cvtColor(image, gray, cv::COLOR_BGR2GRAY);
  }
  cv::Mat binary;
  cv::adaptiveThreshold(gray, binary, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY, 11, 2);
  return binary;
}

enum class ReadIn {
  parent,   // every input decoded by the calling thread before the op runs on any of them (example 5)
  workers,  // each worker decodes the files it processes (example 6)
};

struct BatchOptions {
  unsigned workers = 1;  // threads that run the op and write (the calling thread may be one)
  ReadIn read_in = ReadIn::workers;
  std::string extension = ".png";  // format of the outputs: <input stem><extension> in out_dir
};

struct BatchFailure {
  std::filesystem::path file;  // the input file (in_dir / name)
  std::string reason;          // an ImageError's what() for a read or write; for an op that threw, its what()
};

struct BatchReport {
  std::vector<std::filesystem::path> outputs;  // every file written (out_dir / name), sorted
  std::vector<BatchFailure> failures;          // every input that produced no output, sorted by file
};

// Runs `op` over the images in `in_dir` and writes each result to out_dir / (input stem + extension),
// with write_image (so never a half-written output).
//   Inputs: the regular files directly in in_dir (not its sub-folders; symbolic links to regular files
//   count), in name order. Every one is an input: a file that is not an image is a failure, not skipped.
//   Failures: a file that cannot be read (missing by the time it is read, corrupt, truncated, empty, not
//   an image), an op that throws on it, a write that fails, or an output name already taken by an input
//   earlier in name order (a.jpg and a.png both make a.png: a.png fails). Each is reported once, with its
//   reason, and every other input is still processed and written.
//   The outputs do not depend on `workers` or `read_in`: the same files with the same bytes.
// Throws, before reading any input: std::invalid_argument when options.workers == 0; ImageError
// (missing) when in_dir is not an existing folder; ImageError (unwritable) when out_dir cannot be made
// (it is created, with its parents, when missing) or is not a folder.
BatchReport process_folder(const std::filesystem::path& in_dir, const std::filesystem::path& out_dir,
                           const ImageOp& op = book_adaptive_threshold, const BatchOptions& options = {});

}  // namespace hpc::images
