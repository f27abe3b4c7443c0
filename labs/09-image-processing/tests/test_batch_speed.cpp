// Graded speed tests, lab 09 task 5: the batch pipeline on 2 workers against 1, and workers reading their
// own files against the caller reading them all first (the book's examples 6 and 5), each pair
// interleaved in one run and graded by the median ratio (DESIGN.md §5).
//
// The files live on tmpfs (/dev/shm): on a virtual disk the writes, not the cores, set the pace (the
// research prototype measured 2 workers about 1.1x faster than 1 on /tmp, 2.0x on tmpfs). OpenCV's own
// thread pool is switched off (cv::setNumThreads(1)) so that the only parallelism measured is yours.
// The bars are about 75% of what the reference reaches (LAB.md, task 5, has the measurements); a missed
// bar on a busy machine skips the test with the numbers instead of failing it.
#include <unistd.h>

#include <filesystem>
#include <opencv2/core/utility.hpp>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/batch.hpp"

namespace {

namespace fs = std::filesystem;
using hpc::images::ReadIn;

// A fresh folder on tmpfs, removed at the end ("" when the machine has no /dev/shm).
class ShmDir {
 public:
  ShmDir() {
    std::error_code ec;
    if (!fs::is_directory("/dev/shm", ec)) return;
    std::random_device seed;
    path_ = fs::path("/dev/shm") / ("lab09-" + std::to_string(::getpid()) + "-" + std::to_string(seed()));
    fs::create_directories(path_, ec);
    if (ec) path_.clear();
  }
  ~ShmDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  ShmDir(const ShmDir&) = delete;
  ShmDir& operator=(const ShmDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The book's 20 x 20 tiles of its ship picture, at three times its size (tiles of 236 x 167 pixels, as the
// research prototype measured): big enough that the work per file outweighs handing files out.
std::vector<fs::path> write_ship_tiles(const fs::path& in) {
  return hpc::common::write_tiles(hpc::common::make_ship_image(3 * 1118, 3 * 1577, 1), in, 20, ".png");
}

hpc::common::SpeedComparison compare(const fs::path& dir, const std::string& base_name,
                                     hpc::images::BatchOptions base, const std::string& cand_name,
                                     hpc::images::BatchOptions cand) {
  return hpc::common::compare_speed(
      base_name,
      [&] {
        hpc::images::process_folder(dir / "in", dir / "out_base", hpc::images::book_adaptive_threshold, base);
      },
      cand_name,
      [&] {
        hpc::images::process_folder(dir / "in", dir / "out_cand", hpc::images::book_adaptive_threshold, cand);
      });
}

// What both tests need before they measure: a speed build, two cores, a folder on tmpfs, and OpenCV's own
// threads off. A skip in SetUp skips the test body too.
class BatchSpeed : public ::testing::Test {
 protected:
  void SetUp() override {
    HPC_REQUIRE_SPEED_BUILD();
    HPC_REQUIRE_CORES(2);
    dir_.emplace();
    if (dir_->path().empty())
      GTEST_SKIP() << "no tmpfs at /dev/shm: on a disk the writes set the pace, not the cores";
    cv::setNumThreads(1);
  }
  const fs::path& dir() const { return dir_->path(); }

 private:
  std::optional<ShmDir> dir_;  // made only once the test is known to measure
};

GRADED_TEST_F(BatchSpeed, TwoWorkersBeatOne, 5) {
  // The bar. The reference measured 1.86-1.98x, median 1.91x, in 3 runs at load 2.1-2.7
  // (2026-11-30): 1.4 is 73% of 1.91.
  constexpr double bar = 1.4;
  const std::vector<fs::path> tiles = write_ship_tiles(dir() / "in");
  const auto measure = [&] {
    return compare(dir(), "process_folder(1 worker, ReadIn::workers)",
                   {.workers = 1, .read_in = ReadIn::workers}, "process_folder(2 workers, ReadIn::workers)",
                   {.workers = 2, .read_in = ReadIn::workers});
  };
  const hpc::common::SpeedComparison first = measure();
  std::error_code ec;
  const long written =
      std::distance(fs::directory_iterator(dir() / "out_cand", ec), fs::directory_iterator());
  if (written != static_cast<long>(tiles.size())) {
    // The reasons, not just the count: a temporary file outside the target's folder, for one, fails
    // every rename here (EXDEV) when that folder is on another filesystem.
    const hpc::images::BatchReport again =
        hpc::images::process_folder(dir() / "in", dir() / "out_again", hpc::images::book_adaptive_threshold,
                                    {.workers = 2, .read_in = ReadIn::workers});
    FAIL() << "the 2-worker run wrote " << written << " outputs for " << tiles.size()
           << " tiles; run again, it "
           << "reported " << again.failures.size() << " failures"
           << (again.failures.empty() ? std::string()
                                      : ", the first: " + again.failures[0].file.filename().string() + ": " +
                                            again.failures[0].reason);
  }
  hpc::common::expect_two_core_speedup(first, measure, bar, {.subject = "your pipeline"});
}
HPC_TIME_LIMIT(BatchSpeed, TwoWorkersBeatOne, 120);

GRADED_TEST_F(BatchSpeed, WorkersReadingBeatsParentReading, 3) {
  // The reference measured 1.56-1.59x in 3 runs at load 2.1-2.7 (2026-11-30): 1.15 is 73% of 1.58. The
  // decoding is about 60% of one worker's time, so parent reading caps 2 workers near 1.6x (Amdahl).
  constexpr double bar = 1.15;
  write_ship_tiles(dir() / "in");
  const auto measure = [&] {
    return compare(dir(), "process_folder(2 workers, ReadIn::parent)",
                   {.workers = 2, .read_in = ReadIn::parent}, "process_folder(2 workers, ReadIn::workers)",
                   {.workers = 2, .read_in = ReadIn::workers});
  };
  hpc::common::expect_two_core_speedup(measure, bar, {.subject = "your pipeline"});
}
HPC_TIME_LIMIT(BatchSpeed, WorkersReadingBeatsParentReading, 120);

}  // namespace
