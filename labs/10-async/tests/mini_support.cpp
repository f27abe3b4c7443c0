#include "mini_support.hpp"

#include <sys/resource.h>

#include <ctime>

#include "hpc/common/grading.hpp"

namespace hpc::async::mini::testing {

using hpc::async::mini::Task;

double timing_scale() {
  if (hpc::common::thread_sanitizer_build()) return kTsanTimingScale;
#if defined(__SANITIZE_ADDRESS__)
  return 2.0;  // ASan's allocator and checks make every step slower, not the timers
#else
  return 1.0;
#endif
}

double thread_cpu_seconds() {
  timespec now{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

long thread_voluntary_switches() {
  rusage usage{};
  ::getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_nvcsw;
}

Task<void> count_down(char name, std::chrono::milliseconds delay, EventLog& log, int from) {
  for (int n = from; n > 0; --n) {
    co_await hpc::async::mini::sleep_for(delay);
    log.add(std::string(1, name) + std::to_string(n), name - 'A');
  }
}

void count_down_sync(char name, std::chrono::milliseconds delay, EventLog& log, int from) {
  for (int n = from; n > 0; --n) {
    std::this_thread::sleep_for(delay);
    log.add(std::string(1, name) + std::to_string(n), name - 'A');
  }
}

Task<bool> is_prime_yielding(std::uint64_t x, EventLog& log) {
  log.add("P" + std::to_string(x));
  if (x < 2) co_return false;
  if (x % 2 == 0) co_return x == 2;
  for (std::uint64_t i = 3; i * i <= x; i += 2) {
    if (x % i == 0) {
      log.add("R" + std::to_string(x) + " composite");
      co_return false;
    }
    if (i % 100000 == 1) co_await hpc::async::mini::sleep_for(0ms);
  }
  log.add("R" + std::to_string(x));
  co_return true;
}

std::string joined(const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& text : texts) out += (out.empty() ? "" : " ") + text;
  return out;
}

}  // namespace hpc::async::mini::testing
