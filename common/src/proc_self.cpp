#include "hpc/common/proc_self.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <string_view>
#include <system_error>

namespace hpc::common {

namespace {

// The CPU time of thread `tid` of this process: Linux names a thread's CPU clock by a clockid built from
// its id, (~tid << 3) | 6 (a per-thread clock of the "sched" kind), which reads the exact runtime where
// /proc/self/task/<tid>/schedstat may lag by a scheduler tick. -1 once the thread has ended.
std::int64_t thread_cpu_ns(long tid) {
  const auto clock = static_cast<clockid_t>((~static_cast<unsigned>(tid) << 3) | 6U);
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) return -1;
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

std::int64_t own_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Calls f(id) for each entry of /proc/self/task; none when /proc is missing.
template <class F>
void for_each_thread_id(F&& f) {
  std::error_code error;
  for (std::filesystem::directory_iterator it("/proc/self/task", error), end; !error && it != end;
       it.increment(error)) {
    f(std::stol(it->path().filename().string()));
  }
}

}  // namespace

long this_thread_id() { return static_cast<long>(::syscall(SYS_gettid)); }

std::optional<ProcStat> read_proc_stat(const std::filesystem::path& stat_file) {
  char buffer[512];  // the name and the state are in the first 40 bytes; the rest is numbers
  const int fd = ::open(stat_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  const ssize_t got = ::read(fd, buffer, sizeof buffer);
  ::close(fd);
  if (got <= 0) return std::nullopt;
  // "pid (name) S ...": the name may hold spaces and parentheses, so it ends at the last ')'.
  const std::string_view text(buffer, static_cast<std::size_t>(got));
  const auto open = text.find('(');
  const auto close = text.rfind(')');
  ProcStat stat;
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    stat.name = std::string(text.substr(open + 1, close - open - 1));
    if (close + 2 < text.size()) stat.state = text[close + 2];
  }
  return stat;
}

std::set<long> running_thread_ids() {
  std::set<long> running;
  for_each_thread_id([&](long tid) {
    const auto stat = read_proc_stat("/proc/self/task/" + std::to_string(tid) + "/stat");
    if (stat && stat->state == 'R') running.insert(tid);
  });
  return running;
}

std::map<long, std::int64_t> cpu_ns_by_thread() {
  std::map<long, std::int64_t> cpu;
  for_each_thread_id([&](long tid) {
    if (const std::int64_t ns = thread_cpu_ns(tid); ns >= 0) cpu[tid] = ns;
  });
  return cpu;
}

int most_threads_added_during(const std::function<void()>& call, std::chrono::microseconds period) {
  static_cast<void>(thread_count());  // throws here, on the caller's thread, when /proc cannot be read
  std::atomic<bool> counting{true};
  std::atomic<bool> watching{false};
  std::atomic<int> most{0};
  std::jthread watcher([&] {
    watching = true;
    while (counting) {
      try {
        most = std::max(most.load(), thread_count());
      } catch (...) {  // /proc went away after the first read: keep what was seen
        return;
      }
      std::this_thread::sleep_for(period);
    }
  });
  while (!watching) std::this_thread::yield();
  const int before = thread_count();  // the caller, the watcher and whatever else the process runs
  try {
    call();
  } catch (...) {
    counting = false;  // else the watcher, joined as the exception leaves this scope, would never end
    throw;
  }
  counting = false;
  watcher.join();
  return most.load() - before;
}

RunningThreadsSampler::RunningThreadsSampler(std::set<long> ignored, std::function<void()> before_each_sample)
    : ignored_(std::move(ignored)), before_each_sample_(std::move(before_each_sample)) {
  thread_ = std::thread([this] {
    seen_.sampler_id = this_thread_id();
    const std::int64_t own_start = own_cpu_ns();
    while (!done_.load()) {
      if (before_each_sample_) before_each_sample_();
      int running = 0;
      for (const long tid : running_thread_ids()) {
        if (tid == seen_.sampler_id || ignored_.count(tid) != 0) continue;
        ++running;
        seen_.running.insert(tid);
      }
      seen_.samples_busy += running >= 1 ? 1 : 0;
      seen_.samples_together += running >= 2 ? 1 : 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    seen_.sampler_cpu_ns = own_cpu_ns() - own_start;
  });
}

RunningThreadsSampler::~RunningThreadsSampler() { stop(); }

RunningThreadsSampler::Seen RunningThreadsSampler::stop() {
  if (thread_.joinable()) {
    done_ = true;
    thread_.join();
  }
  return seen_;
}

}  // namespace hpc::common
