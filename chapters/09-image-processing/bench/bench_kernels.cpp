// Each of lab 09's kernels four ways — the reference serial, the reference parallel (one thread per
// core), OpenCV with one thread (cv::setNumThreads(1)) and OpenCV with all threads — at 64 x 64,
// 512 x 512, the book's 1118 x 1577 and 4096 x 4096. The counter items_per_second is pixels per second;
// bytes_per_second counts the bytes read (3 per pixel for BGR input, 1 for gray).
//
//   ch09_bench_kernels
//   ch09_bench_kernels --benchmark_filter=Blur
//
// The small sizes fit in the cache and show per-call overhead (a parallel call's thread start-up), the
// large ones show memory bandwidth: gray and the threshold read and write each byte once, the blur does
// about 2 x 7 multiply-adds per byte, so it is the one that gains from a second core.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <opencv2/core.hpp>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>
#include <tuple>

#include "hpc/common/test_images.hpp"
#include "hpc/images/kernels.hpp"

namespace images = hpc::images;

namespace {

constexpr int kBlurSize = 7;

enum Way { ours_serial, ours_parallel, opencv_one_thread, opencv_all_threads };

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

// The ship at the benchmark's size, made once per size and kind: generating a 4096 x 4096 image takes
// longer than blurring it, and the CI run does every benchmark once.
const cv::Mat& input_for(const benchmark::State& state, bool colour) {
  static std::map<std::tuple<std::int64_t, std::int64_t, bool>, cv::Mat> made;
  cv::Mat& image = made[{state.range(0), state.range(1), colour}];
  if (image.empty()) {
    const cv::Mat ship =
        hpc::common::make_ship_image(static_cast<int>(state.range(1)), static_cast<int>(state.range(0)));
    if (colour) {
      image = ship;
    } else {
      cv::cvtColor(ship, image, cv::COLOR_BGR2GRAY);
    }
  }
  return image;
}

// Runs `way` of one kernel; OpenCV's thread count is set before the loop and restored after.
template <class Ours, class OursParallel, class OpenCv>
void run(benchmark::State& state, Way way, bool colour, Ours ours, OursParallel parallel, OpenCv opencv) {
  const cv::Mat& input = input_for(state, colour);
  const int previous = cv::getNumThreads();
  cv::setNumThreads(way == opencv_one_thread ? 1 : static_cast<int>(cores()));
  for (auto _ : state) {
    cv::Mat out = way == ours_serial     ? ours(input)
                  : way == ours_parallel ? parallel(input, cores())
                                         : opencv(input);
    benchmark::DoNotOptimize(out.data);
    benchmark::ClobberMemory();
  }
  cv::setNumThreads(previous);
  const auto pixels = static_cast<std::int64_t>(input.total());
  state.SetItemsProcessed(state.iterations() * pixels);
  state.SetBytesProcessed(state.iterations() * pixels * input.channels());
}

void BM_Gray(benchmark::State& state, Way way) {
  run(
      state, way, true, [](const cv::Mat& m) { return images::to_gray(m); },
      [](const cv::Mat& m, unsigned t) { return images::to_gray_parallel(m, t); },
      [](const cv::Mat& m) {
        cv::Mat out;
        cv::cvtColor(m, out, cv::COLOR_BGR2GRAY);
        return out;
      });
}

void BM_Threshold(benchmark::State& state, Way way) {
  run(
      state, way, false, [](const cv::Mat& m) { return images::threshold_binary(m, 127, 255); },
      [](const cv::Mat& m, unsigned t) { return images::threshold_binary_parallel(m, 127, 255, t); },
      [](const cv::Mat& m) {
        cv::Mat out;
        cv::threshold(m, out, 127, 255, cv::THRESH_BINARY);
        return out;
      });
}

void BM_Blur(benchmark::State& state, Way way) {
  run(
      state, way, true, [](const cv::Mat& m) { return images::gaussian_blur(m, kBlurSize, 0); },
      [](const cv::Mat& m, unsigned t) { return images::gaussian_blur_parallel(m, kBlurSize, 0, t); },
      [](const cv::Mat& m) {
        cv::Mat out;
        cv::GaussianBlur(m, out, cv::Size(kBlurSize, kBlurSize), 0, 0, cv::BORDER_REFLECT_101);
        return out;
      });
}

// cols, rows
void sizes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"cols", "rows"})->Args({64, 64})->Args({512, 512})->Args({1577, 1118})->Args({4096, 4096});
  b->UseRealTime()->Unit(benchmark::kMicrosecond);
}

}  // namespace

BENCHMARK_CAPTURE(BM_Gray, ours_serial, ours_serial)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Gray, ours_parallel, ours_parallel)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Gray, opencv_1_thread, opencv_one_thread)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Gray, opencv_all_threads, opencv_all_threads)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Threshold, ours_serial, ours_serial)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Threshold, ours_parallel, ours_parallel)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Threshold, opencv_1_thread, opencv_one_thread)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Threshold, opencv_all_threads, opencv_all_threads)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Blur, ours_serial, ours_serial)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Blur, ours_parallel, ours_parallel)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Blur, opencv_1_thread, opencv_one_thread)->Apply(sizes);
BENCHMARK_CAPTURE(BM_Blur, opencv_all_threads, opencv_all_threads)->Apply(sizes);
