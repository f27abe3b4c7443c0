// The book's chapter 15, examples 5 and 6: 400 tiles of the ship, each read, made gray, thresholded
// adaptively (Gaussian, block 11, C 2) and written, by 1..6 workers. Example 5 reads every tile in the
// parent first (a serial part: Amdahl's law), example 6 lets each worker read its own. We run both with
// threads, with processes (fork) and with oneTBB, on tmpfs (/dev/shm) and on disk, and print the book's
// times beside ours.
//
//   ch09_demo_pipeline                      the book's 20 x 20 tiles, 1..6 workers, best of 3
//   ch09_demo_pipeline --scale 3            a three times larger ship (236 x 167 tiles): more work per tile
//   ch09_demo_pipeline --ext .png           lossless tiles (the book uses JPEG)
//
// Processes and OpenCV: fork() copies only the calling thread, so a child of a process whose thread pool
// (OpenCV's, oneTBB's) is running inherits a pool with no threads behind it and may wait forever on it.
// main() therefore calls cv::setNumThreads(1) before any OpenCV work, runs every process measurement
// before the first oneTBB one, and prints the parent's thread count before it forks.
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <new>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/common/proc_self.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/common/test_images.hpp"
#include "image_demo.hpp"

namespace fs = std::filesystem;
namespace demo = hpc::common::demo;

namespace {

enum class Backend { processes, threads, tbb };  // processes first: see the comment at the top
enum class ReadIn { parent, workers };

const char* name_of(Backend b) {
  return b == Backend::threads ? "threads" : b == Backend::processes ? "processes" : "oneTBB";
}

// The book's per-image work (its process_threshold), on a decoded tile.
// [snippet:tile-work]
cv::Mat threshold_tile(const cv::Mat& bgr) {
  cv::Mat gray, binary;
  cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
  cv::adaptiveThreshold(gray, binary, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY, 11, 2);
  return binary;
}
// [/snippet:tile-work]

cv::Mat read_tile(const fs::path& file) {
  cv::Mat tile = cv::imread(file.string(), cv::IMREAD_COLOR);
  if (tile.empty()) throw std::runtime_error("cannot read tile '" + file.string() + "'");
  return tile;
}

// Runs body(i) for i in [0, count) on `workers` forked processes that take the next index from a counter
// in shared memory, so the work is shared out as it is with the threads. A child never returns into
// main's code: it ends with _exit, code 1 when a tile failed.
void for_each_in_processes(std::size_t count, unsigned workers,
                           const std::function<void(std::size_t)>& body) {
  static_assert(std::atomic<std::size_t>::is_always_lock_free, "a counter shared between processes");
  void* shared = mmap(nullptr, sizeof(std::atomic<std::size_t>), PROT_READ | PROT_WRITE,
                      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (shared == MAP_FAILED) throw std::runtime_error("mmap of the shared counter failed");
  auto* next = new (shared) std::atomic<std::size_t>(0);
  std::vector<pid_t> children;
  for (unsigned w = 0; w < workers; ++w) {
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
      int code = 0;
      try {
        for (std::size_t i; (i = next->fetch_add(1)) < count;) body(i);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "worker %d: %s\n", static_cast<int>(getpid()), e.what());
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  bool failed = false;
  for (const pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    failed = failed || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
  }
  munmap(shared, sizeof(std::atomic<std::size_t>));
  if (failed) throw std::runtime_error("a worker process failed");
}

void for_each_in_threads(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& body) {
  std::atomic<std::size_t> next{0};
  std::vector<std::jthread> threads;
  for (unsigned w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) body(i);
    });
  }
}  // the jthreads join here

void for_each_in_tbb(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& body) {
  tbb::task_arena arena(static_cast<int>(workers));  // at most `workers` threads, the caller included
  arena.execute([&] { tbb::parallel_for(std::size_t{0}, count, body); });
}

// One whole run of example 5 (read_in parent) or 6 (read_in workers): seconds from the first read to
// the last write, as the book times it (without its Pool start-up, which a C++ thread does not need).
// [snippet:read-in]
double run_pipeline(const std::vector<fs::path>& tiles, const fs::path& out, Backend backend, ReadIn read_in,
                    unsigned workers) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<cv::Mat> decoded;
  if (read_in == ReadIn::parent) {  // example 5: the parent decodes every tile before anyone works
    for (const auto& file : tiles) decoded.push_back(read_tile(file));
  }
  const auto work = [&](std::size_t i) {
    const cv::Mat tile = read_in == ReadIn::parent ? decoded[i] : read_tile(tiles[i]);  // example 6
    const auto target = out / tiles[i].filename();
    if (!cv::imwrite(target.string(), threshold_tile(tile)))
      throw std::runtime_error("cannot write " + target.string());
  };
  switch (backend) {
    case Backend::threads:
      for_each_in_threads(tiles.size(), workers, work);
      break;
    case Backend::processes:
      for_each_in_processes(tiles.size(), workers, work);
      break;
    case Backend::tbb:
      for_each_in_tbb(tiles.size(), workers, work);
      break;
  }
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
// [/snippet:read-in]

// A fingerprint of every output file (name and bytes), to show that every backend and worker count
// wrote the same results.
std::size_t fingerprint(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    files[entry.path().filename().string()] = hpc::common::read_file(entry.path());
  }
  std::size_t h = files.size();
  for (const auto& [name, bytes] : files) h = h * 1000003u ^ std::hash<std::string>{}(name + bytes);
  return h;
}

struct Place {
  std::string label;
  fs::path base;
};

// The book's seconds for 1..6 processes (chapter 15, examples 5 and 6).
constexpr double kBookExample5[] = {0.6590, 0.3190, 0.3227, 0.3360, 0.3338, 0.3319};
constexpr double kBookExample6[] = {0.5300, 0.4133, 0.2154, 0.2147, 0.2213, 0.2329};

}  // namespace

int main(int argc, char** argv) {
  // Before any other OpenCV call: no OpenCV thread pool, so fork() below copies a one-thread process,
  // and the workers count is ours alone (OpenCV would otherwise split each tile over every core itself).
  cv::setNumThreads(1);

  bool quick = false;
  long tiles_per_side = 20, max_workers = 6, repeats = 3, scale = 1;
  std::string ext = ".jpg", disk_dir = ".";
  demo::Args args(argv[0], "The book's examples 5 and 6: many tiles by threads, processes and oneTBB.");
  args.flag("quick", quick, "5 x 5 tiles, 1-2 workers, one run each (CI)")
      .option("tiles", tiles_per_side, "tiles per side (the book: 20, so 400 tiles)")
      .option("max-workers", max_workers, "workers from 1 to this (the book's range(1, 7): 6)")
      .option("repeats", repeats, "runs per cell; the table shows the fastest")
      .option("scale", scale, "ship size as a multiple of the book's 1118 x 1577")
      .option("ext", ext, "tile format, .jpg (the book) or .png")
      .option("disk-dir", disk_dir, "a folder on disk for the disk runs (default: the current folder)")
      .parse(argc, argv);
  if (ext != ".jpg" && ext != ".png") {
    std::cerr << argv[0] << ": --ext must be .jpg or .png\n";
    return 2;
  }
  if (quick) {
    if (!args.given("tiles")) tiles_per_side = 5;
    if (!args.given("max-workers")) max_workers = 2;
    if (!args.given("repeats")) repeats = 1;
  }

  hpc::images::demo::print_machine_stamp();
  const int rows = static_cast<int>(1118 * scale), cols = static_cast<int>(1577 * scale);
  const cv::Mat ship = hpc::common::make_ship_image(rows, cols);
  std::cout << "ship " << cols << " x " << rows << " cut into " << tiles_per_side << " x " << tiles_per_side
            << " tiles of about " << cols / tiles_per_side << " x " << rows / tiles_per_side << " (" << ext
            << "); best of " << repeats << " runs per cell\n";

  std::vector<Place> places;
  if (fs::is_directory("/dev/shm")) places.push_back({"tmpfs (/dev/shm)", "/dev/shm"});
  places.push_back({"disk (" + fs::absolute(disk_dir).lexically_normal().string() + ")", disk_dir});

  const Backend backends[] = {Backend::processes, Backend::threads, Backend::tbb};
  const ReadIn reads[] = {ReadIn::parent, ReadIn::workers};
  std::map<std::tuple<std::size_t, Backend, ReadIn, long>, double> best;  // (place, backend, read, workers)
  std::size_t expected = 0;
  bool identical = true;
  std::vector<double> read_only_seconds, plain_loop_seconds;

  std::vector<std::unique_ptr<hpc::images::demo::ScratchDir>> inputs, outputs;
  std::vector<std::vector<fs::path>> tiles;
  for (const auto& place : places) {
    inputs.push_back(std::make_unique<hpc::images::demo::ScratchDir>(place.base, "ch09-tiles"));
    outputs.push_back(std::make_unique<hpc::images::demo::ScratchDir>(place.base, "ch09-out"));
    tiles.push_back(
        hpc::common::write_tiles(ship, inputs.back()->path(), static_cast<int>(tiles_per_side), ext));
  }
  std::cout << "threads in this process before the first fork: " << hpc::common::thread_count() << "\n\n";

  const auto clear = [](const fs::path& dir) {
    for (const auto& entry : fs::directory_iterator(dir)) fs::remove(entry.path());
  };
  try {
    for (std::size_t p = 0; p < places.size(); ++p) {
      // The serial parts alone: decoding every tile, and the whole job in a plain loop.
      read_only_seconds.push_back(demo::best_seconds(
          [&] {
            for (const auto& file : tiles[p]) demo::keep(read_tile(file).data);
          },
          static_cast<int>(repeats)));
      plain_loop_seconds.push_back(demo::best_seconds(
          [&] {
            for (const auto& file : tiles[p]) {
              cv::imwrite((outputs[p]->path() / file.filename()).string(), threshold_tile(read_tile(file)));
            }
          },
          static_cast<int>(repeats)));
      if (p == 0) expected = fingerprint(outputs[p]->path());
    }
    for (const Backend backend : backends) {
      for (std::size_t p = 0; p < places.size(); ++p) {
        for (long workers = 1; workers <= max_workers; ++workers) {
          for (const ReadIn read : reads) {
            double& cell = best[{p, backend, read, workers}];
            cell = 1e300;
            for (long r = 0; r < repeats; ++r) {
              clear(outputs[p]->path());
              cell = std::min(cell, run_pipeline(tiles[p], outputs[p]->path(), backend, read,
                                                 static_cast<unsigned>(workers)));
              identical = identical && fingerprint(outputs[p]->path()) == expected;
            }
          }
        }
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }

  const auto ms = [](double s) { return demo::fixed(s * 1e3, 1); };
  const auto times = [](double a, double b) { return demo::fixed(a / b, 2) + "x"; };
  for (std::size_t p = 0; p < places.size(); ++p) {
    std::cout << "## " << places[p].label << ": milliseconds for all " << tiles[p].size()
              << " tiles (read, gray, adaptive threshold, write)\n\n"
              << "plain loop, no workers: " << ms(plain_loop_seconds[p])
              << " ms, of which decoding the tiles: " << ms(read_only_seconds[p]) << " ms ("
              << demo::fixed(100 * read_only_seconds[p] / plain_loop_seconds[p], 0)
              << "%: the serial part when the parent reads)\n\n";
    std::vector<std::string> header{"workers"};
    for (const Backend b : backends) {
      header.push_back(std::string(name_of(b)) + ", parent reads (ms)");
      header.push_back(std::string(name_of(b)) + ", workers read (ms)");
    }
    demo::Table table(header);
    for (long w = 1; w <= max_workers; ++w) {
      std::vector<std::string> row{std::to_string(w)};
      for (const Backend b : backends) {
        for (const ReadIn r : reads) row.push_back(ms(best[{p, b, r, w}]));
      }
      table.row(row);
    }
    table.print();
    std::cout << '\n';
  }

  std::cout << "## The book beside us: threads on " << places[0].label << ", speed-up against 1 worker\n\n";
  demo::Table book({"workers", "book ex. 5 (s)", "book ex. 5 speed-up", "ours ex. 5 (ms)",
                    "ours ex. 5 speed-up", "book ex. 6 (s)", "book ex. 6 speed-up", "ours ex. 6 (ms)",
                    "ours ex. 6 speed-up"});
  for (long w = 1; w <= max_workers; ++w) {
    const double ours5 = best[{0, Backend::threads, ReadIn::parent, w}];
    const double ours6 = best[{0, Backend::threads, ReadIn::workers, w}];
    const bool in_book = w <= 6;
    book.row({std::to_string(w), in_book ? demo::fixed(kBookExample5[w - 1], 4) : "",
              in_book ? times(kBookExample5[0], kBookExample5[w - 1]) : "", ms(ours5),
              times(best[{0, Backend::threads, ReadIn::parent, 1}], ours5),
              in_book ? demo::fixed(kBookExample6[w - 1], 4) : "",
              in_book ? times(kBookExample6[0], kBookExample6[w - 1]) : "", ms(ours6),
              times(best[{0, Backend::threads, ReadIn::workers, 1}], ours6)});
  }
  book.print();
  std::cout << "\nevery run wrote the same " << tiles[0].size()
            << " output files as the plain loop: " << (identical ? "yes" : "NO") << '\n';
  return identical ? 0 : 1;
}
