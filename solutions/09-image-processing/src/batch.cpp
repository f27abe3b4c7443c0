// Lab 09, task 5: reference solution. The files are listed and named up front, in name order; then the
// workers take the next unclaimed index from one atomic counter (a file is claimed once, so no queue
// and no lock are needed to share the work), and each outcome goes into the report under one mutex.
#include "hpc/images/batch.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "hpc/images/image_io.hpp"

namespace hpc::images {
namespace {

namespace fs = std::filesystem;

struct Job {
  fs::path input;
  fs::path output;               // empty when the name is taken by an earlier input
  std::optional<cv::Mat> image;  // ReadIn::parent: decoded before the workers start
  std::string read_failure;      // ReadIn::parent: why it could not be read
};

std::vector<fs::path> list_inputs(const fs::path& in_dir) {
  std::error_code ec;
  if (!fs::is_directory(in_dir, ec))
    throw ImageError(in_dir, ImageErrorCause::missing, "not an existing folder");
  std::vector<fs::path> inputs;
  for (const fs::directory_entry& entry : fs::directory_iterator(in_dir)) {
    if (entry.is_regular_file(ec)) inputs.push_back(entry.path());  // follows symbolic links
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

void prepare_output_folder(const fs::path& out_dir) {
  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (!fs::is_directory(out_dir)) {
    throw ImageError(
        out_dir, ImageErrorCause::unwritable,
        ec ? "cannot create the output folder: " + ec.message() : "the output path is not a folder");
  }
}

std::string reason_of(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace

BatchReport process_folder(const fs::path& in_dir, const fs::path& out_dir, const ImageOp& op,
                           const BatchOptions& options) {
  if (options.workers == 0) throw std::invalid_argument("process_folder: workers must be at least 1");
  if (!op) throw std::invalid_argument("process_folder: no op given");
  const std::vector<fs::path> inputs = list_inputs(in_dir);
  prepare_output_folder(out_dir);

  BatchReport report;
  std::mutex report_mutex;

  // Output names are decided here, in name order, so which input wins a shared name never depends on
  // which worker gets there first.
  std::vector<Job> jobs(inputs.size());
  std::set<fs::path> taken;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    jobs[i].input = inputs[i];
    const fs::path output = out_dir / (inputs[i].stem().string() + options.extension);
    if (taken.insert(output).second) {
      jobs[i].output = output;
    } else {
      report.failures.push_back(
          {inputs[i], "its output name " + output.filename().string() + " is taken by an earlier input"});
    }
  }

  if (options.read_in == ReadIn::parent) {  // the book's example 5: decoding is the serial part
    for (Job& job : jobs) {
      if (job.output.empty()) continue;
      try {
        job.image = read_image(job.input);
      } catch (const std::exception& e) {
        job.read_failure = e.what();
      }
    }
  }

  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      Job& job = jobs[i];
      if (job.output.empty()) continue;
      std::string failure = job.read_failure;
      if (failure.empty()) {
        try {
          const cv::Mat input = job.image ? *job.image : read_image(job.input);
          job.image.reset();  // the decoded input is not needed past this point
          const cv::Mat result = op(input);
          write_image(job.output, result);
        } catch (...) {
          failure = reason_of(std::current_exception());
        }
      }
      std::scoped_lock lock(report_mutex);
      if (failure.empty()) {
        report.outputs.push_back(job.output);
      } else {
        report.failures.push_back({job.input, failure});
      }
    }
  };
  {
    std::vector<std::jthread> helpers;
    const std::size_t threads = std::min<std::size_t>(options.workers, std::max<std::size_t>(jobs.size(), 1));
    for (std::size_t w = 1; w < threads; ++w) helpers.emplace_back(work);
    work();  // the calling thread is the first worker
  }

  std::sort(report.outputs.begin(), report.outputs.end());
  std::sort(report.failures.begin(), report.failures.end(),
            [](const BatchFailure& a, const BatchFailure& b) { return a.file < b.file; });
  return report;
}

}  // namespace hpc::images
