// What Linux says about the calling process's threads, for tests that check "no thread was started",
// "every thread is gone again", "the call really ran on two threads at once" or "which thread did the
// work" (chapters 05-10, 12). /proc/self/task has one entry per thread, named by its kernel id.
//
// thread_count() is inline, so a self-test that counts threads needs no library; everything else is in
// common/src/proc_self.cpp (hpc::common).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace hpc::common {

// The number of threads the process has right now. Throws std::filesystem::filesystem_error when
// /proc/self/task cannot be read (no /proc mounted): a count of 0 would make "no thread left" pass.
inline int thread_count() {
  int count = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/task")) ++count;
  return count;
}

// The kernel's id of the calling thread (gettid): the name of its entry in /proc/self/task.
long this_thread_id();

// The command name and state letter of a stat file (/proc/<pid>/stat, /proc/self/task/<tid>/stat):
// R running or waiting for a core, S asleep, D in an uninterruptible wait, Z zombie, T stopped...
struct ProcStat {
  std::string name;
  char state = '?';
};

// Reads a stat file with plain read(2): a process or thread that ends between open and read makes the
// read fail (ESRCH), which std::ifstream would turn into an exception. nullopt when it is gone.
std::optional<ProcStat> read_proc_stat(const std::filesystem::path& stat_file);

// The ids of this process's threads in state R right now: on a core, or ready and waiting for one, so a
// busy machine does not lower the count of threads that have work. A thread that ends meanwhile is
// left out.
std::set<long> running_thread_ids();

// The CPU time (nanoseconds) every thread of this process has used so far, by thread id. A thread that
// ends meanwhile is left out; one that started counts from zero.
std::map<long, std::int64_t> cpu_ns_by_thread();

// The most threads the process had at once while `call` ran, minus the count just before the call. A
// watcher thread of its own samples thread_count() every `period` and is counted in both, so a call that
// starts no thread gives 0 and one whose four threads overlap gives 4. Why this and not a CPU share:
// it times nothing, so a busy machine cannot fail it. An exception from `call` stops the watcher and
// goes on to the caller.
int most_threads_added_during(const std::function<void()>& call,
                              std::chrono::microseconds period = std::chrono::microseconds(100));

// From construction until stop(), every millisecond on a thread of its own: how many of this process's
// threads are in state R, the sampler itself and the threads in `ignored` left out. A call whose threads
// really run at the same time has two or more running in many samples, however loaded the machine (a
// thread waiting for a core is in state R too); threads run one after the other almost never do.
class RunningThreadsSampler {
 public:
  struct Seen {
    int samples_busy = 0;             // samples that found at least one thread running
    int samples_together = 0;         // ... two or more
    std::set<long> running;           // every thread seen running at least once
    long sampler_id = 0;              // the sampler's own thread, left out of all of the above
    std::int64_t sampler_cpu_ns = 0;  // CPU time the sampling itself used
    // Of the samples that found a thread running, the share that found two or more (0 with none).
    double share_together() const {
      return samples_busy == 0 ? 0.0 : static_cast<double>(samples_together) / samples_busy;
    }
  };

  // `before_each_sample` (optional) runs on the sampler's thread first thing in every sample, e.g. to
  // read cpu_ns_by_thread() while short-lived threads still exist; it must not throw.
  explicit RunningThreadsSampler(std::set<long> ignored = {}, std::function<void()> before_each_sample = {});
  ~RunningThreadsSampler();
  RunningThreadsSampler(const RunningThreadsSampler&) = delete;
  RunningThreadsSampler& operator=(const RunningThreadsSampler&) = delete;

  // Stops and joins the sampler (once; later calls return the same), then returns what it saw.
  Seen stop();

 private:
  std::set<long> ignored_;
  std::function<void()> before_each_sample_;
  std::atomic<bool> done_{false};
  Seen seen_;  // written by the sampler only, read after the join
  std::thread thread_;
};

}  // namespace hpc::common
