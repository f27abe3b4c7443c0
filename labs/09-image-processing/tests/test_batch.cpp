// Graded tests, lab 09 task 5: process_folder (the open-design task). Only behaviour is graded: which
// files come out, with which pixels, under which names, what is reported, and how many threads run the op
// at once. How the workers share the files is the student's choice.
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/batch.hpp"
#include "hpc/images/image_io.hpp"
#include "test_batch_support.hpp"

namespace {

namespace fs = std::filesystem;
using hpc::images::BatchOptions;
using hpc::images::BatchReport;
using hpc::images::ImageError;
using hpc::images::ImageErrorCause;
using hpc::images::ReadIn;
using namespace hpc::images::testing;
using namespace std::chrono_literals;

const char* mode_name(ReadIn read_in) {
  return read_in == ReadIn::parent ? "ReadIn::parent" : "ReadIn::workers";
}

std::string run_name(unsigned workers, ReadIn read_in) {
  return "process_folder(workers = " + std::to_string(workers) + ", " + mode_name(read_in) + ")";
}

// Every output in the report and in out_dir is op(cv::imread(input)) of the input with its stem, and
// nothing else is in out_dir.
void expect_outputs_of(const BatchReport& report, const std::vector<fs::path>& inputs,
                       const fs::path& out_dir, const hpc::images::ImageOp& op, const std::string& run) {
  std::vector<fs::path> expected;
  for (const fs::path& input : inputs) expected.push_back(out_dir / (input.stem().string() + ".png"));
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names_of(report.outputs), names_of(expected))
      << run << ": report.outputs is not every input's output";
  EXPECT_EQ(file_names_in(out_dir), names_of(expected))
      << run << ": out_dir does not hold exactly the outputs";
  for (const fs::path& input : inputs) {
    const fs::path output = out_dir / (input.stem().string() + ".png");
    if (!fs::exists(output)) continue;  // reported above
    const cv::Mat want = op(cv::imread(input.string(), cv::IMREAD_COLOR));
    const cv::Mat got = cv::imread(output.string(), cv::IMREAD_UNCHANGED);
    if (!same_pixels(got, want))
      ADD_FAILURE() << output.filename().string() << " holds another input's result, not "
                    << input.filename().string() << "'s: outputs named by worker or completion order? ("
                    << run << ")";
  }
}

GRADED_TEST(Batch, WritesEveryInputOnce, 2) {
  hpc::common::TempDir dir("lab09");
  const std::vector<fs::path> tiles =
      hpc::common::write_tiles(hpc::common::make_ship_image(200, 280, 5), dir.path() / "in", 4, ".png");
  const BatchReport report = hpc::images::process_folder(
      dir.path() / "in", dir.path() / "out", hpc::images::book_adaptive_threshold, {.workers = 1});
  EXPECT_EQ(failed_names(report), std::vector<std::string>{}) << "16 good tiles, yet failures were reported";
  expect_outputs_of(report, tiles, dir.path() / "out", hpc::images::book_adaptive_threshold,
                    run_name(1, ReadIn::workers));

  // Which directory entries are inputs (LAB.md): a symbolic link to a regular file is one, wherever the
  // file is; a dangling link (to nothing) and a sub-folder are not, not even as failures. And the outputs
  // take options.extension: <stem>.bmp in BMP here.
  const fs::path in = dir.path() / "links", out = dir.path() / "links_out";
  fs::create_directories(in / "sub");
  write_bytes(in / "a.png", encoded(marked_image(20, 30, 1), ".png"));
  write_bytes(dir.path() / "elsewhere.png", encoded(marked_image(20, 30, 2), ".png"));
  fs::create_symlink(dir.path() / "elsewhere.png", in / "b.png");
  fs::create_symlink(dir.path() / "no_such_file.png", in / "c.png");
  write_bytes(in / "sub" / "d.png", encoded(marked_image(20, 30, 4), ".png"));
  const BatchReport linked = hpc::images::process_folder(in, out, hpc::images::book_adaptive_threshold,
                                                         {.workers = 2, .extension = ".bmp"});
  const std::vector<std::string> written = file_names_in(out), failed = failed_names(linked);
  const std::string seen = "; written " + list_names(written) + ", failed " + list_names(failed);
  const auto has = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  if (has(written, "a.png") || has(written, "b.png")) {
    ADD_FAILURE() << "options.extension is \".bmp\" but the outputs are named .png: each output is <input "
                  << "stem><options.extension>" << seen;
  } else if (!has(written, "a.bmp")) {
    ADD_FAILURE() << "no a.bmp for the regular file a.png with options.extension \".bmp\"" << seen;
  } else if (hpc::common::read_file(out / "a.bmp").substr(0, 2) != "BM") {
    ADD_FAILURE() << "a.bmp is not a BMP file: write it with write_image, which picks the format from the "
                     "extension";
  }
  if (!has(written, "b.bmp") && !has(written, "b.png") && !has(failed, "b.png")) {
    ADD_FAILURE() << "b.png, a symbolic link to a regular file elsewhere, is an input too (is_regular_file "
                     "follows links: do not leave links out)"
                  << seen;
  }
  if (has(failed, "c.png")) {
    ADD_FAILURE() << "c.png is a dangling symbolic link (to a file that does not exist): it is not an input, "
                     "so it is neither an output nor a failure"
                  << seen;
  }
  if (has(failed, "sub") || has(failed, "d.png") || has(written, "d.bmp") || has(written, "sub.bmp"))
    ADD_FAILURE() << "the sub-folder sub/ or a file in it was taken as an input" << seen;
}

GRADED_TEST(Batch, SameBytesForEveryWorkerCountAndReadMode, 3) {
  hpc::common::TempDir dir("lab09");
  const std::vector<fs::path> tiles =
      hpc::common::write_tiles(hpc::common::make_ship_image(250, 300, 6), dir.path() / "in", 5, ".png");
  hpc::images::process_folder(dir.path() / "in", dir.path() / "serial");
  const auto serial = folder_bytes(dir.path() / "serial");
  ASSERT_EQ(serial.size(), tiles.size()) << "the 1-worker run did not write one output per tile";
  for (const ReadIn read_in : {ReadIn::workers, ReadIn::parent}) {
    for (const unsigned workers : {1u, 2u, 3u, 8u}) {
      const std::string run = run_name(workers, read_in);
      const fs::path out = dir.path() / ("out_" + std::to_string(workers) + mode_name(read_in));
      const BatchReport report =
          hpc::images::process_folder(dir.path() / "in", out, hpc::images::book_adaptive_threshold,
                                      {.workers = workers, .read_in = read_in});
      EXPECT_EQ(failed_names(report), std::vector<std::string>{}) << run << ": failures on good tiles";
      const auto bytes = folder_bytes(out);
      std::vector<std::string> differ;
      for (const auto& [name, content] : serial) {
        const auto it = bytes.find(name);
        if (it == bytes.end() || it->second != content) differ.push_back(name);
      }
      EXPECT_TRUE(differ.empty() && bytes.size() == serial.size())
          << run << ": " << differ.size() << " outputs missing or not byte-identical to the 1-worker run ("
          << list_names(differ) << "); " << bytes.size() << " files written, " << serial.size()
          << " expected";
    }
  }
}
RACE_POINTS(Batch, SameBytesForEveryWorkerCountAndReadMode, 1);
HPC_TIME_LIMIT(Batch, SameBytesForEveryWorkerCountAndReadMode, 60);

// Input img_00's op is held back until every other input's op has finished, so on several workers the
// completion order is never the name order.
GRADED_TEST(Batch, OutputsNamedByTheirInput, 2) {
  hpc::common::TempDir dir("lab09");
  const std::vector<fs::path> inputs = write_marked_folder(dir.path() / "in", 8);
  for (const ReadIn read_in : {ReadIn::workers, ReadIn::parent}) {
    for (const unsigned workers : {2u, 3u}) {
      std::atomic<int> finished{0};
      const hpc::images::ImageOp late_first = [&](const cv::Mat& image) {
        if (mark_of(image) == 0) {
          const auto give_up = std::chrono::steady_clock::now() + 2s;  // static chunks may hold the others
          while (finished.load() < 7 && std::chrono::steady_clock::now() < give_up)
            std::this_thread::sleep_for(1ms);
        }
        cv::Mat result = hpc::images::book_adaptive_threshold(image);
        ++finished;
        return result;
      };
      const fs::path out = dir.path() / ("out_" + std::to_string(workers) + mode_name(read_in));
      const BatchReport report = hpc::images::process_folder(dir.path() / "in", out, late_first,
                                                             {.workers = workers, .read_in = read_in});
      EXPECT_EQ(failed_names(report), std::vector<std::string>{}) << run_name(workers, read_in);
      expect_outputs_of(report, inputs, out, hpc::images::book_adaptive_threshold,
                        run_name(workers, read_in));
    }
  }
}
HPC_TIME_LIMIT(Batch, OutputsNamedByTheirInput, 40);

// A folder with five kinds of bad file among good tiles (and a sub-folder, which is not an input).
// What a report with entries missing says about the likely mistake. Files written but missing from
// report.outputs, or an entry listed twice, come from lists filled by several threads without a lock;
// inputs neither written nor reported were never processed: a batch stopped by its first failure, or a
// split of the files among the workers that leaves out the last files.size() % workers.
std::string missing_entries_diagnosis(const BatchReport& report, std::size_t inputs,
                                      std::size_t files_written, unsigned workers) {
  std::vector<std::string> outputs = names_of(report.outputs), failures = failed_names(report);
  std::sort(outputs.begin(), outputs.end());
  std::sort(failures.begin(), failures.end());
  const bool repeated = std::adjacent_find(outputs.begin(), outputs.end()) != outputs.end() ||
                        std::adjacent_find(failures.begin(), failures.end()) != failures.end();
  if (repeated) return "an entry is listed twice: are the report's lists filled without a lock?";
  if (files_written > outputs.size()) {
    return std::to_string(files_written) + " files written but " + std::to_string(outputs.size()) +
           " in report.outputs: are the report's lists filled without a lock?";
  }
  const std::size_t reported = outputs.size() + failures.size();
  if (reported >= inputs) return "";
  const std::string lost = std::to_string(inputs - reported) + " of " + std::to_string(inputs) +
                           " inputs neither written nor reported as failures: ";
  if (workers == 1) return lost + "did the first bad file stop the batch?";
  return lost + "did the first failure stop the batch, or does the split of the files among the " +
         std::to_string(workers) + " workers leave out the last files.size() % workers?";
}

struct BadFolder {
  std::vector<fs::path> good;
  std::vector<std::pair<std::string, ImageErrorCause>> bad;  // name, cause; sorted by name
};

BadFolder make_bad_folder(const fs::path& in) {
  BadFolder folder;
  folder.good = hpc::common::write_tiles(hpc::common::make_ship_image(120, 180, 8), in, 3, ".png");
  const std::string png = encoded(marked_image(60, 80, 1), ".png");
  std::string corrupt = png;
  for (std::size_t i = 100; i < 200; ++i) corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
  write_bytes(in / "corrupt.png", corrupt);
  const std::string jpeg = encoded(hpc::common::make_ship_image(60, 80, 2), ".jpg");
  write_bytes(in / "cut.jpg", jpeg.substr(0, jpeg.size() / 2));
  write_bytes(in / "empty.png", "");
  write_bytes(in / "half.png", png.substr(0, png.size() / 2));
  write_bytes(in / "notes.txt", "not an image\n");
  fs::create_directory(in / "more.png");  // a folder: not an input, not a failure
  folder.bad = {{"corrupt.png", ImageErrorCause::not_an_image},
                {"cut.jpg", ImageErrorCause::truncated},
                {"empty.png", ImageErrorCause::empty},
                {"half.png", ImageErrorCause::truncated},
                {"notes.txt", ImageErrorCause::not_an_image}};
  return folder;
}

void expect_bad_files_reported(const BatchReport& report, const BadFolder& folder, const std::string& run) {
  std::vector<std::string> want;
  for (const auto& [name, cause] : folder.bad) want.push_back(name);
  EXPECT_EQ(failed_names(report), want) << run << ": the failures are not exactly the five bad files "
                                        << "(the folder more.png is not an input)";
  for (const hpc::images::BatchFailure& failure : report.failures) {
    const std::string name = failure.file.filename();
    for (const auto& [bad_name, cause] : folder.bad) {
      if (bad_name != name) continue;
      EXPECT_NE(failure.reason.find(hpc::images::describe(cause)), std::string::npos)
          << run << ": the reason for " << name << " does not say \"" << hpc::images::describe(cause)
          << "\": " << failure.reason;
      EXPECT_NE(failure.reason.find(name), std::string::npos)
          << run << ": the reason for " << name << " does not name the file: " << failure.reason;
    }
  }
}

GRADED_TEST(Batch, BadFilesReportedOthersWritten, 3) {
  hpc::common::TempDir dir("lab09");
  const BadFolder folder = make_bad_folder(dir.path() / "in");
  for (const ReadIn read_in : {ReadIn::workers, ReadIn::parent}) {
    for (const unsigned workers : {1u, 3u}) {
      const std::string run = run_name(workers, read_in);
      const fs::path out = dir.path() / ("out_" + std::to_string(workers) + mode_name(read_in));
      const BatchReport report =
          hpc::images::process_folder(dir.path() / "in", out, hpc::images::book_adaptive_threshold,
                                      {.workers = workers, .read_in = read_in});
      if (report.outputs.size() != folder.good.size()) {
        ADD_FAILURE() << report.outputs.size() << " of " << folder.good.size()
                      << " good tiles reported written; "
                      << missing_entries_diagnosis(report, folder.good.size() + folder.bad.size(),
                                                   file_names_in(out).size(), workers)
                      << " (the tiles' names sort after the bad files; " << run << ")";
      }
      expect_bad_files_reported(report, folder, run);
      expect_outputs_of(report, folder.good, out, hpc::images::book_adaptive_threshold, run);
    }
  }
}

// Failures and outputs filled from eight workers at once, five times: the ThreadSanitizer build grades
// how the report is shared between threads.
GRADED_TEST(Batch, ManyFailuresFromManyWorkers, 2) {
  hpc::common::TempDir dir("lab09");
  const std::vector<fs::path> good = write_marked_folder(dir.path() / "in", 30, 16, 16);
  for (int i = 0; i < 30; ++i)
    write_bytes(dir.path() / "in" / ("img_" + std::to_string(i) + "_log.txt"), "log\n");
  for (int round = 0; round < 5; ++round) {
    const fs::path out = dir.path() / ("out" + std::to_string(round));
    const BatchReport report = hpc::images::process_folder(
        dir.path() / "in", out, hpc::images::book_adaptive_threshold, {.workers = 8});
    if (report.failures.size() != 30u || report.outputs.size() != 30u) {
      // The diagnosis first: the grade table shows only the start of a message.
      FAIL() << missing_entries_diagnosis(report, 60, file_names_in(out).size(), 8) << " (round " << round
             << ": 30 images and 30 text files, " << report.outputs.size() << " outputs and "
             << report.failures.size() << " failures reported)";
    }
    ASSERT_EQ(file_names_in(out).size(), 30u) << "round " << round << ": out_dir does not hold 30 files";
  }
}
RACE_POINTS(Batch, ManyFailuresFromManyWorkers, 2);
HPC_TIME_LIMIT(Batch, ManyFailuresFromManyWorkers, 60);

GRADED_TEST(Batch, OpThrowingFailsOnlyItsFile, 2) {
  hpc::common::TempDir dir("lab09");
  std::vector<fs::path> inputs = write_marked_folder(dir.path() / "in", 8);
  const hpc::images::ImageOp picky = [](const cv::Mat& image) {
    if (mark_of(image) == 3) throw std::runtime_error("no ship in image 3");
    return hpc::images::book_adaptive_threshold(image);
  };
  inputs.erase(inputs.begin() + 3);
  for (const ReadIn read_in : {ReadIn::workers, ReadIn::parent}) {
    const std::string run = run_name(2, read_in);
    const fs::path out = dir.path() / (std::string("out_") + mode_name(read_in));
    const BatchReport report =
        hpc::images::process_folder(dir.path() / "in", out, picky, {.workers = 2, .read_in = read_in});
    ASSERT_EQ(failed_names(report), std::vector<std::string>{"img_03.png"})
        << run << ": the op threw on img_03.png only";
    EXPECT_NE(report.failures[0].reason.find("no ship in image 3"), std::string::npos)
        << run << ": the reason does not carry the op's message: " << report.failures[0].reason;
    expect_outputs_of(report, inputs, out, hpc::images::book_adaptive_threshold, run);
  }
}

GRADED_TEST(Batch, BadArgumentsAreErrors, 1) {
  hpc::common::TempDir dir("lab09");
  write_marked_folder(dir.path() / "in", 2);
  int calls = 0;
  const hpc::images::ImageOp counting = [&](const cv::Mat& image) {
    ++calls;
    return image.clone();
  };
  EXPECT_THROW(hpc::images::process_folder(dir.path() / "in", dir.path() / "out", counting, {.workers = 0}),
               std::invalid_argument)
      << "workers = 0 must throw std::invalid_argument";
  const fs::path missing = dir.path() / "no_such_folder";
  try {
    hpc::images::process_folder(missing, dir.path() / "out", counting);
    ADD_FAILURE() << "process_folder of a folder that does not exist: no error";
  } catch (const ImageError& e) {
    EXPECT_EQ(e.cause(), ImageErrorCause::missing) << e.what();
    EXPECT_EQ(e.file(), missing) << e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "process_folder of a missing folder: expected ImageError (missing), got: " << e.what();
  }
  EXPECT_EQ(calls, 0) << "the op ran although process_folder was to fail before reading any input";
}

GRADED_TEST(Batch, UnwritableOutputFolderIsAnError, 1) {
  hpc::common::TempDir dir("lab09");
  write_marked_folder(dir.path() / "in", 3);
  write_bytes(dir.path() / "plain_file", "x");
  const fs::path out = dir.path() / "plain_file" / "out";
  int calls = 0;
  const hpc::images::ImageOp counting = [&](const cv::Mat& image) {
    ++calls;
    return image.clone();
  };
  try {
    const BatchReport report = hpc::images::process_folder(dir.path() / "in", out, counting, {.workers = 2});
    ADD_FAILURE() << "process_folder into " << out << " (under a regular file): no error, "
                  << report.failures.size() << " failures reported instead of one clear error";
  } catch (const ImageError& e) {
    EXPECT_EQ(e.cause(), ImageErrorCause::unwritable) << e.what();
    EXPECT_NE(std::string(e.what()).find(out.string()), std::string::npos)
        << "the error does not name " << out;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "expected ImageError (unwritable) naming the output folder, got: " << e.what();
  }
  EXPECT_EQ(calls, 0) << "the op ran on inputs whose outputs could never be written";
}

// Until `want` calls are inside the op at the same time (or 3 s pass), each call waits: an implementation
// that runs fewer threads than asked shows as a lower maximum, not as a hang.
GRADED_TEST(Batch, RunsOnAsManyThreadsAsAsked, 2) {
  hpc::common::TempDir dir("lab09");
  write_marked_folder(dir.path() / "in", 24, 24, 24);
  for (const ReadIn read_in : {ReadIn::workers, ReadIn::parent}) {
    for (const unsigned workers : {1u, 3u}) {
      std::mutex mutex;
      std::condition_variable wake;
      int inside = 0;
      int most = 0;
      const auto give_up = std::chrono::steady_clock::now() + 3s;  // one deadline for all calls: never a hang
      const hpc::images::ImageOp meeting = [&](const cv::Mat& image) {
        {
          std::unique_lock lock(mutex);
          most = std::max(most, ++inside);
          wake.notify_all();
          wake.wait_until(lock, give_up, [&] { return most >= static_cast<int>(workers); });
        }
        cv::Mat result = hpc::images::book_adaptive_threshold(image);
        std::scoped_lock lock(mutex);
        --inside;
        return result;
      };
      const fs::path out = dir.path() / ("out_" + std::to_string(workers) + mode_name(read_in));
      const BatchReport report = hpc::images::process_folder(dir.path() / "in", out, meeting,
                                                             {.workers = workers, .read_in = read_in});
      EXPECT_EQ(report.outputs.size(), 24u) << run_name(workers, read_in);
      if (most != static_cast<int>(workers))
        ADD_FAILURE() << "the op ran on at most " << most << " thread(s) at once, asked for " << workers
                      << " (workers ignore options.workers, or run one after the other?) in "
                      << run_name(workers, read_in);
    }
  }
}
HPC_TIME_LIMIT(Batch, RunsOnAsManyThreadsAsAsked, 40);

// The op's first call deletes every input file. ReadIn::parent has read them all by then, so all are
// written. With ReadIn::workers most were not read yet: they must be reported missing, by name (a file
// that disappears between the listing and its reading), and the batch goes on.
GRADED_TEST(Batch, ReadsWhereReadInSays, 2) {
  hpc::common::TempDir dir("lab09");
  constexpr int kInputs = 24;
  for (const ReadIn read_in : {ReadIn::parent, ReadIn::workers}) {
    const fs::path in = dir.path() / (std::string("in_") + mode_name(read_in));
    write_marked_folder(in, kInputs);
    // Files opened in `in` before the op's first call, counted by the kernel (inotify): a caller that reads
    // every file first and lets the workers read them again is seen here even though nothing it decoded is
    // used afterwards.
    const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    ASSERT_GE(watch, 0) << "the test could not start inotify";
    ASSERT_GE(::inotify_add_watch(watch, in.c_str(), IN_OPEN), 0) << "the test could not watch " << in;
    int opened_before_op = 0;
    std::once_flag first_call;
    const hpc::images::ImageOp deleting = [&](const cv::Mat& image) {
      std::call_once(first_call, [&] {
        alignas(inotify_event) char buffer[16384];
        for (ssize_t got; (got = ::read(watch, buffer, sizeof buffer)) > 0;) {
          for (char* at = buffer; at < buffer + got;) {
            const auto* event = reinterpret_cast<const inotify_event*>(at);
            if (!(event->mask & IN_ISDIR) && event->len > 0) ++opened_before_op;  // a file, not the listing
            at += sizeof(inotify_event) + event->len;
          }
        }
        for (const fs::directory_entry& entry : fs::directory_iterator(in)) fs::remove(entry.path());
      });
      return hpc::images::book_adaptive_threshold(image);
    };
    const fs::path out = dir.path() / (std::string("out_") + mode_name(read_in));
    const std::string run = run_name(2, read_in);
    const BatchReport report =
        hpc::images::process_folder(in, out, deleting, {.workers = 2, .read_in = read_in});
    EXPECT_EQ(report.outputs.size() + report.failures.size(), static_cast<std::size_t>(kInputs))
        << run << ": every input must end as an output or a failure";
    if (read_in == ReadIn::parent) {
      if (!report.failures.empty())
        ADD_FAILURE() << report.failures.size() << " inputs were read after the op's first call ("
                      << list_names(failed_names(report))
                      << "): ReadIn::parent reads every file before the op runs";
    } else {
      if (opened_before_op >= kInputs / 2)
        ADD_FAILURE() << "ReadIn::workers: " << opened_before_op << " of " << kInputs
                      << " inputs were opened "
                      << "before the op's first call; each worker reads its own files as it goes (the book's "
                         "example 6), the caller must not read them first";
      if (report.failures.size() < static_cast<std::size_t>(kInputs / 2))
        ADD_FAILURE()
            << "ReadIn::workers read " << kInputs - report.failures.size() << " of " << kInputs
            << " inputs before the op's first call: each worker reads its own files as it goes (the "
               "book's example 6), the caller must not read them first";
      for (const hpc::images::BatchFailure& failure : report.failures) {
        EXPECT_NE(failure.reason.find(hpc::images::describe(ImageErrorCause::missing)), std::string::npos)
            << run << ": a file deleted before it was read must be reported missing: " << failure.reason;
      }
    }
    ::close(watch);
  }
}

GRADED_TEST(Batch, DuplicateStemFailsTheLaterName, 1) {
  hpc::common::TempDir dir("lab09");
  const fs::path in = dir.path() / "in";
  fs::create_directories(in);
  write_bytes(in / "a.bmp", encoded(marked_image(20, 30, 1), ".bmp"));
  write_bytes(in / "a.png", encoded(marked_image(20, 30, 2), ".png"));
  write_bytes(in / "b.png", encoded(marked_image(20, 30, 3), ".png"));
  for (const unsigned workers : {1u, 3u}) {
    const fs::path out = dir.path() / ("out" + std::to_string(workers));
    const BatchReport report =
        hpc::images::process_folder(in, out, hpc::images::book_adaptive_threshold, {.workers = workers});
    EXPECT_EQ(failed_names(report), std::vector<std::string>{"a.png"})
        << run_name(workers, ReadIn::workers)
        << ": a.bmp and a.png both make a.png: the later name, a.png, fails";
    expect_outputs_of(report, {in / "a.bmp", in / "b.png"}, out, hpc::images::book_adaptive_threshold,
                      run_name(workers, ReadIn::workers));
  }
}

}  // namespace
