// Tasks 1-3, the parallel versions: exactly the serial result for any thread count, race-free (these
// tests carry RACE_POINTS: in the tsan build ThreadSanitizer watches them), and really on two threads.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <functional>
#include <iomanip>
#include <map>
#include <opencv2/core.hpp>
#include <sstream>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/perf.hpp"
#include "hpc/common/proc_self.hpp"
#include "hpc/common/test_images.hpp"
#include "hpc/images/kernels.hpp"
#include "kernel_support.hpp"

namespace {

using namespace hpc::images;
using namespace hpc::images::testing;

// One thread (the serial order), two (the cores), three and seven (splits that leave a remainder), and
// more threads than the image has rows.
std::vector<unsigned> thread_counts(const cv::Mat& image) {
  return {1, 2, 3, 7, static_cast<unsigned>(image.rows) + 3};
}

// The images the equality tests run on: the kernel tests' set, plus a taller one whose rows do not
// divide by 2, 3 or 7 (the split's remainder falls on the last rows).
std::vector<NamedImage> parallel_images(int type) {
  std::vector<NamedImage> images = test_images(type);
  images.push_back({"noise 103x61", hpc::common::make_noise_image(103, 61, type, 77)});
  return images;
}

// Takes the parallel result by value and scribbles over it when done: the next call's result is often
// given the same memory, and rows it never wrote would otherwise still hold this call's right answer.
void expect_equal_to_serial(cv::Mat parallel, const cv::Mat& serial, const std::string& what,
                            unsigned threads) {
  const ::testing::AssertionResult same = within(parallel, serial, 0);
  if (same) {
    parallel.setTo(cv::Scalar::all(0x5A));
    return;
  }
  const std::string rows = differing_rows(parallel, serial);
  // Rows dropped by bands of rows / threads rows: only the last rows % threads rows differ. Anything else
  // (many rows, in the middle) points at threads that share a buffer or bands that overlap.
  int first_wrong = -1;
  if (parallel.size() == serial.size() && parallel.type() == serial.type()) {
    for (int y = 0; y < serial.rows && first_wrong < 0; ++y)
      if (cv::norm(parallel.row(y), serial.row(y), cv::NORM_INF) != 0) first_wrong = y;
  }
  const int remainder = serial.rows % static_cast<int>(threads);
  const bool dropped = first_wrong >= 0 && remainder != 0 && first_wrong >= serial.rows - remainder;
  // The diagnosis first: the grade table shows only the start of a message.
  ADD_FAILURE() << (dropped ? "the last rows are wrong, are they dropped when rows % threads != 0? "
                    : first_wrong >= 0 && threads > 1
                        ? "rows differ, not only the last ones: do the threads share a scratch buffer, or do "
                          "their bands of rows overlap or leave gaps? "
                        : "")
                << what << " with " << threads << " thread(s) differs from the serial version"
                << (rows.empty() ? "" : " in " + rows) << ": " << same.message();
}

GRADED_TEST(ParallelGray, EqualsSerialForEveryThreadCount, 2) {
  for (const NamedImage& input : parallel_images(CV_8UC3)) {
    const cv::Mat serial = to_gray(input.image);
    for (unsigned threads : thread_counts(input.image)) {
      expect_equal_to_serial(
          keeping_input(
              input.image, [&](const cv::Mat& in) { return to_gray_parallel(in, threads); },
              "to_gray_parallel on " + input.name),
          serial, "to_gray_parallel on " + input.name, threads);
    }
  }
}
RACE_POINTS(ParallelGray, EqualsSerialForEveryThreadCount, 2);

GRADED_TEST(ParallelThreshold, EqualsSerialForEveryThreadCount, 1) {
  for (const NamedImage& input : parallel_images(CV_8UC1)) {
    const cv::Mat serial = threshold_binary(input.image, 127, 255);
    for (unsigned threads : thread_counts(input.image)) {
      expect_equal_to_serial(
          keeping_input(
              input.image,
              [&](const cv::Mat& in) { return threshold_binary_parallel(in, 127, 255, threads); },
              "threshold_binary_parallel on " + input.name),
          serial, "threshold_binary_parallel on " + input.name, threads);
    }
  }
}
RACE_POINTS(ParallelThreshold, EqualsSerialForEveryThreadCount, 1);

GRADED_TEST(ParallelBlur, EqualsSerialForEveryThreadCount, 3) {
  for (int type : {CV_8UC1, CV_8UC3}) {
    for (const NamedImage& input : parallel_images(type)) {
      for (const auto& [ksize, sigma] : std::vector<std::pair<int, double>>{{5, 0}, {11, 2.0}}) {
        const cv::Mat serial = gaussian_blur(input.image, ksize, sigma);
        for (unsigned threads : thread_counts(input.image)) {
          expect_equal_to_serial(
              keeping_input(
                  input.image,
                  [&](const cv::Mat& in) { return gaussian_blur_parallel(in, ksize, sigma, threads); },
                  "gaussian_blur_parallel on " + input.name),
              serial, "gaussian_blur_parallel (ksize " + std::to_string(ksize) + ") on " + input.name,
              threads);
        }
      }
    }
  }
}
RACE_POINTS(ParallelBlur, EqualsSerialForEveryThreadCount, 3);

GRADED_TEST(ParallelKernels, ZeroThreadsIsNamed, 1) {
  const cv::Mat bgr = hpc::common::make_noise_image(4, 4, CV_8UC3, 1);
  const cv::Mat gray = hpc::common::make_noise_image(4, 4, CV_8UC1, 1);
  EXPECT_TRUE(throws_naming([&] { to_gray_parallel(bgr, 0); }, {"thread"})) << "to_gray_parallel, 0 threads";
  EXPECT_TRUE(throws_naming([&] { threshold_binary_parallel(gray, 1, 2, 0); }, {"thread"}))
      << "threshold_binary_parallel, 0 threads";
  EXPECT_TRUE(throws_naming([&] { gaussian_blur_parallel(gray, 3, 0, 0); }, {"thread"}))
      << "gaussian_blur_parallel, 0 threads";
  EXPECT_TRUE(throws_naming([&] { gaussian_blur_parallel(gray, 4, 0, 2); }, {"ksize", "kernel size"}))
      << "gaussian_blur_parallel, ksize 4";
  EXPECT_TRUE(throws_naming([&] { to_gray_parallel(gray, 2); }, {"channel", "type", "CV_8UC3"}))
      << "to_gray_parallel on a one-channel image";
}

// ---- Really on two threads ------------------------------------------------------------------------
// A "parallel" version that runs on the calling thread gives the right pixels, so only the CPU time of
// each thread shows it. Threads that a call starts also end inside it, so a thread of the test's own
// (hpc::common::RunningThreadsSampler) reads every thread's CPU time (hpc::common::cpu_ns_by_thread,
// nanoseconds) every millisecond while the call runs, keeps the last value it saw of each, and leaves
// itself out. CPU time of threads that ended before it saw them (the process's total minus everything
// seen) counts as one more thread: a version that hands all the work to a single short-lived thread is
// still one thread. The inputs are large enough that each thread of a two-thread call lives for many
// milliseconds.

using CpuByThread = std::map<long, std::int64_t>;

double cpu_ns(clockid_t clock) {
  timespec t{};
  clock_gettime(clock, &t);
  return static_cast<double>(t.tv_sec) * 1e9 + static_cast<double>(t.tv_nsec);
}

struct Shares {
  double total_ms = 0, largest = 0, second = 0;
  // Of the samples that found a thread of the call running (state R in /proc/self/task/<tid>/stat, which
  // means on a core or waiting for one, so a busy machine does not change it), the share that found two
  // or more. Threads run one after the other (each joined as soon as it was started) give two large CPU
  // shares but almost never two running threads: the joining thread sleeps while the other works.
  double concurrent = 0;
};

Shares shares_of(const std::function<void()>& call) {
  const CpuByThread before = hpc::common::cpu_ns_by_thread();
  CpuByThread last = before;
  const double process_before = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
  hpc::common::RunningThreadsSampler sampler({}, [&] {
    for (const auto& [tid, ns] : hpc::common::cpu_ns_by_thread()) last[tid] = ns;
  });
  call();
  const hpc::common::RunningThreadsSampler::Seen seen = sampler.stop();
  const double process_used =
      cpu_ns(CLOCK_PROCESS_CPUTIME_ID) - process_before - static_cast<double>(seen.sampler_cpu_ns);
  for (const auto& [tid, ns] : hpc::common::cpu_ns_by_thread()) last[tid] = ns;
  std::vector<double> used;
  double seen_ns = 0;
  for (const auto& [tid, ns] : last) {
    if (tid == seen.sampler_id) continue;
    const auto it = before.find(tid);
    used.push_back(static_cast<double>(ns - (it == before.end() ? 0 : it->second)));
    seen_ns += used.back();
  }
  used.push_back(std::max(0.0, process_used - seen_ns));  // threads that ended unseen, as one
  std::sort(used.begin(), used.end(), std::greater<>());
  Shares shares;
  const double total = std::max(process_used, seen_ns);
  shares.total_ms = total / 1e6;
  if (total > 0) {
    shares.largest = used[0] / total;
    shares.second = used[1] / total;
  }
  shares.concurrent = seen.share_together();
  return shares;
}

GRADED_TEST(UsesThreads, EveryParallelKernel, 2) {
  if (hpc::common::thread_sanitizer_build()) GTEST_SKIP() << "CPU shares mean nothing under ThreadSanitizer";
  const cv::Mat bgr = hpc::common::make_noise_image(3000, 3000, CV_8UC3, 1);
  const cv::Mat gray = hpc::common::make_noise_image(4000, 4000, CV_8UC1, 2);
  const cv::Mat ship = hpc::common::make_ship_image();
  // A call of a fast kernel can end before the sampler wakes once (the threshold takes a few milliseconds),
  // so each measurement repeats the call for at least 60 ms: many samples, each call's threads their own.
  const auto repeated = [](std::function<void()> call) {
    return [call = std::move(call)] {
      const auto start = std::chrono::steady_clock::now();
      do call();
      while (std::chrono::steady_clock::now() - start < std::chrono::milliseconds(60));
    };
  };
  const std::vector<std::pair<std::string, std::function<void()>>> kernels = {
      {"to_gray_parallel", repeated([&] { (void)to_gray_parallel(bgr, 2); })},
      {"threshold_binary_parallel", repeated([&] { (void)threshold_binary_parallel(gray, 90, 255, 2); })},
      {"gaussian_blur_parallel", repeated([&] { (void)gaussian_blur_parallel(ship, 9, 0, 2); })},
  };
  // Both measures must reach 10%: a second thread doing its share (not serial), and the threads running at
  // the same time (not each joined as soon as it started, which is serial with extra steps).
  const auto score = [](const Shares& s) { return std::min(s.second, s.concurrent); };
  std::string names, numbers, one_after_the_other;
  for (const auto& [name, call] : kernels) {
    Shares best;
    for (int attempt = 0; attempt < 5 && score(best) < 0.1; ++attempt) {
      const Shares shares = shares_of(call);
      if (attempt == 0 || score(shares) > score(best)) best = shares;
    }
    if (score(best) >= 0.1) continue;
    names += (names.empty() ? "" : ", ") + name;
    if (best.second >= 0.1) one_after_the_other += (one_after_the_other.empty() ? "" : ", ") + name;
    if (numbers.empty()) {
      std::ostringstream out;
      out << std::fixed << std::setprecision(0) << name << " with 2 threads, best of 5 calls: the busiest "
          << "thread did " << 100 * best.largest << "% of " << std::setprecision(1) << best.total_ms
          << " ms of CPU time, the next " << std::setprecision(0) << 100 * best.second << "%, and "
          << 100 * best.concurrent << "% of the samples that found one thread running found two (10% "
          << "needed of each)";
      numbers = out.str();
    }
  }
  // Two threads that were never running at once: the state R counts a thread waiting for a core too, so
  // this does not depend on the machine's load and is failed at once.
  if (!one_after_the_other.empty()) {
    FAIL() << one_after_the_other << " ran its threads one after the other: is each thread joined right "
           << "after it is started, before the next one starts? Start them all, then join. " << numbers;
  }
  if (names.empty()) return;
  const double machine = hpc::common::two_core_ratio();
  if (machine < 1.3) {
    GTEST_SKIP() << names << " used no second thread, but two threads of the test's own ran only "
                 << std::fixed << std::setprecision(2) << machine << "x as fast as one: the machine is busy ("
                 << numbers << "); rerun: " << hpc::common::rerun_command();
  }
  FAIL() << names << " ran on one thread: serial? " << numbers;
}
HPC_TIME_LIMIT(UsesThreads, EveryParallelKernel, 60);

}  // namespace
