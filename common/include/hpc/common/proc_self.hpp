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
#include <vector>

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

// The time thread `tid` of this process has spent ready to run but waiting for a core so far, in
// nanoseconds: the second number of /proc/self/task/<tid>/schedstat, which the kernel brings up to date
// each time the thread gets a core (a wait still going on is not in it yet). nullopt when the thread has
// ended or the kernel keeps no such count. What it is for: telling "these threads took turns because the
// machine had no core to spare" from "they took turns because the code made them".
std::optional<std::int64_t> core_wait_ns(long tid);

// From construction until stop(), every `period` on a thread of its own: the CPU time of each of this
// process's threads (the sampler's own left out), and which of them were alive for the whole of that
// reading. What it is for: telling threads that work at the same time from threads that take turns,
// whatever the machine's load (see work_beside_each_thread). A thread's state letter cannot: a thread
// that only waits for a core is in state R too, so one that is about to block counts as running.
class ThreadCpuSampler {
 public:
  struct Sample {
    std::map<long, std::int64_t> cpu_ns;   // every thread read in this sample, by id
    std::map<long, std::int64_t> wait_ns;  // core_wait_ns of those threads, where the kernel gives it
    std::set<long> alive_throughout;       // those also alive just before the first read and after the last
  };
  struct Seen {
    std::vector<Sample> samples;
    long sampler_id = 0;
    std::int64_t sampler_cpu_ns = 0;  // CPU time the sampling itself used
  };

  explicit ThreadCpuSampler(std::chrono::microseconds period = std::chrono::milliseconds(1));
  ~ThreadCpuSampler();
  ThreadCpuSampler(const ThreadCpuSampler&) = delete;
  ThreadCpuSampler& operator=(const ThreadCpuSampler&) = delete;

  // Stops and joins the sampler (once; later calls return the same), then returns what it saw.
  Seen stop();

 private:
  std::atomic<bool> done_{false};
  Seen seen_;  // written by the sampler only, read after the join
  std::thread thread_;
};

// Of a ThreadCpuSampler's samples: every thread but `caller` (the one that ran the call being measured)
// that was alive throughout two samples or more has a window, from the first such sample to the last.
// In each window, `own` is the CPU time that thread gained and `beside` the CPU time all the others
// (`caller` too, the sampler not) gained at the same time, counted up to `own`: a thread that idles
// beside the call's work adds nearly nothing either way. Threads that work at once give beside ~ own; a
// thread started and joined before its caller does anything gives beside ~ 0 (its caller sleeps in
// join), busy machine or not: a thread waiting for a core gains no CPU time. A pool's threads that live
// through the whole measurement get a window of all of it, which tells nothing about turns, but does not
// fail them either. Every thread of the process counts, so a process with busy threads of its own beside
// the call's is not measured right.
struct WorkBeside {
  std::int64_t own_ns = 0;
  std::int64_t beside_ns = 0;
  int windows = 0;  // threads with a window
  // beside / own (0 when no window held any CPU time).
  double share() const {
    return own_ns <= 0 ? 0.0 : static_cast<double>(beside_ns) / static_cast<double>(own_ns);
  }
};
WorkBeside work_beside_each_thread(const ThreadCpuSampler::Seen& seen, long caller);

}  // namespace hpc::common
