#include "hpc/common/perf.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace hpc::common {
namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::string human_time(double seconds) {
  char buffer[64];
  if (seconds >= 1.0)
    std::snprintf(buffer, sizeof buffer, "%.3f s", seconds);
  else if (seconds >= 1e-3)
    std::snprintf(buffer, sizeof buffer, "%.3f ms", seconds * 1e3);
  else
    std::snprintf(buffer, sizeof buffer, "%.3f us", seconds * 1e6);
  return buffer;
}

}  // namespace

double seconds_for(const std::function<void()>& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  const auto stop = std::chrono::steady_clock::now();
  return std::chrono::duration<double>(stop - start).count();
}

SpeedComparison compare_speed(const std::string& baseline_name, const std::function<void()>& baseline,
                              const std::string& candidate_name, const std::function<void()>& candidate,
                              CompareOptions options) {
  if (options.pairs < 5) throw std::invalid_argument("compare_speed needs at least 5 pairs");
  for (int i = 0; i < options.warmup; ++i) {
    baseline();
    candidate();
  }
  SpeedComparison result;
  result.baseline_name = baseline_name;
  result.candidate_name = candidate_name;
  std::vector<double> ratios;
  for (int i = 0; i < options.pairs; ++i) {
    const double a = seconds_for(baseline);
    const double b = seconds_for(candidate);
    result.baseline_seconds.push_back(a);
    result.candidate_seconds.push_back(b);
    // A candidate too fast for the clock would divide by zero; one clock tick is the honest floor.
    ratios.push_back(a / std::max(b, 1e-9));
  }
  result.baseline_median = median(result.baseline_seconds);
  result.candidate_median = median(result.candidate_seconds);
  result.ratio = median(ratios);
  return result;
}

std::string SpeedComparison::describe() const {
  char ratio_text[32];
  std::snprintf(ratio_text, sizeof ratio_text, "%.2fx", ratio);
  return candidate_name + " vs " + baseline_name + ": " + human_time(candidate_median) + " vs " +
         human_time(baseline_median) + " (medians), median ratio " + ratio_text + " over " +
         std::to_string(baseline_seconds.size()) + " interleaved pairs";
}

std::string speed_grading_unavailable_reason() {
#if defined(HPC_SANITIZER)
  return std::string("speed is not graded under a sanitizer (") + HPC_SANITIZER + "); use the grade or check preset";
#elif defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return "speed is not graded under a sanitizer; use the grade or check preset";
#elif !defined(__OPTIMIZE__)
  return "speed is not graded in an unoptimized build; use the grade or check preset";
#else
  return "";
#endif
}

unsigned available_cores() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

}  // namespace hpc::common
