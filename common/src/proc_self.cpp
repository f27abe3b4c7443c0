#include "hpc/common/proc_self.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
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

std::optional<std::int64_t> core_wait_ns(long tid) {
  const std::string path = "/proc/self/task/" + std::to_string(tid) + "/schedstat";
  char buffer[128];  // "<cpu ns> <wait ns> <timeslices>\n"
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  const ssize_t got = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  if (got <= 0) return std::nullopt;
  buffer[got] = '\0';
  long long cpu = 0, wait = 0;
  if (std::sscanf(buffer, "%lld %lld", &cpu, &wait) != 2) return std::nullopt;
  return static_cast<std::int64_t>(wait);
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

ThreadCpuSampler::ThreadCpuSampler(std::chrono::microseconds period) {
  thread_ = std::thread([this, period] {
    seen_.sampler_id = this_thread_id();
    const std::int64_t own_start = own_cpu_ns();
    std::vector<long> ids;
    while (!done_.load()) {
      // Alive before the values are read (the listing, then a first read of each clock) and after (a
      // last read): a thread alive at both ends was alive while every value of the sample was read.
      ids.clear();
      for_each_thread_id([&](long tid) {
        if (tid != seen_.sampler_id && thread_cpu_ns(tid) >= 0) ids.push_back(tid);
      });
      Sample sample;
      for (const long tid : ids) {
        if (const std::int64_t ns = thread_cpu_ns(tid); ns >= 0) sample.cpu_ns[tid] = ns;
        if (const auto wait = core_wait_ns(tid)) sample.wait_ns[tid] = *wait;
      }
      for (const long tid : ids) {
        if (sample.cpu_ns.count(tid) != 0 && thread_cpu_ns(tid) >= 0) sample.alive_throughout.insert(tid);
      }
      seen_.samples.push_back(std::move(sample));
      std::this_thread::sleep_for(period);
    }
    seen_.sampler_cpu_ns = own_cpu_ns() - own_start;
  });
}

ThreadCpuSampler::~ThreadCpuSampler() { stop(); }

ThreadCpuSampler::Seen ThreadCpuSampler::stop() {
  if (thread_.joinable()) {
    done_ = true;
    thread_.join();
  }
  return seen_;
}

WorkBeside work_beside_each_thread(const ThreadCpuSampler::Seen& seen, long caller) {
  const std::vector<ThreadCpuSampler::Sample>& samples = seen.samples;
  // Every thread but the sampler, with the samples that read it (ascending).
  std::map<long, std::vector<std::size_t>> read_in;
  for (std::size_t k = 0; k < samples.size(); ++k) {
    for (const auto& [tid, ns] : samples[k].cpu_ns) {
      if (tid != seen.sampler_id) read_in[tid].push_back(k);
    }
  }
  WorkBeside work;
  for (const auto& [tid, reads] : read_in) {
    if (tid == caller) continue;  // no window of its own: it is there throughout, beside everything
    std::size_t first = samples.size(), last = 0;
    for (const std::size_t k : reads) {
      if (samples[k].alive_throughout.count(tid) == 0) continue;
      first = std::min(first, k);
      last = std::max(last, k);
    }
    if (first >= last) continue;  // alive throughout fewer than two samples: no window
    ++work.windows;
    const std::int64_t own = samples[last].cpu_ns.at(tid) - samples[first].cpu_ns.at(tid);
    std::int64_t beside = 0;
    for (const auto& [other, other_reads] : read_in) {
      if (other == tid) continue;
      // Its value at the window's start: read then, or 0 for a thread first read after the start (it
      // began after the start's listing, so inside the window). One gone before the start gained nothing.
      std::int64_t start = 0;
      if (samples[first].cpu_ns.count(other) != 0) {
        start = samples[first].cpu_ns.at(other);
      } else if (other_reads.front() < first) {
        continue;
      }
      // Its value at the last sample that read it, up to the window's end.
      const auto end = std::upper_bound(other_reads.begin(), other_reads.end(), last);
      if (end == other_reads.begin() || *std::prev(end) < first) continue;
      beside += samples[*std::prev(end)].cpu_ns.at(other) - start;
    }
    work.own_ns += own;
    work.beside_ns += std::min(beside, own);
  }
  return work;
}

}  // namespace hpc::common
