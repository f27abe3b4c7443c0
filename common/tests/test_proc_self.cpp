// Self-tests of hpc/common/proc_self.hpp: every reader and sampler must see a thread that is there, and
// must not see one that is not (else a lab test built on it could never fail, or always would).
#include <gtest/gtest.h>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <latch>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/proc_self.hpp"

namespace {

using namespace std::chrono_literals;
using hpc::common::RunningThreadsSampler;

// Burns CPU on the calling thread for `span` of wall time.
void spin_for(std::chrono::milliseconds span) {
  const auto until = std::chrono::steady_clock::now() + span;
  std::atomic<unsigned> sink{0};
  while (std::chrono::steady_clock::now() < until) sink.fetch_add(1, std::memory_order_relaxed);
}

// A thread that sleeps on a condition variable until release(): alive, but never in state R.
class SleepingThread {
 public:
  SleepingThread()
      : thread_([this] {
          std::unique_lock lock(mutex_);
          id_ = hpc::common::this_thread_id();
          cv_.notify_all();
          cv_.wait(lock, [this] { return released_; });
        }) {
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return id_ != 0; });
    }
    // It has its id, but may not have reached the wait yet: give it up to 2 s to fall asleep (read here
    // with std::ifstream, not with the reader under test).
    const auto until = std::chrono::steady_clock::now() + 2s;
    while (state_letter() != 'S' && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(1ms);
  }
  ~SleepingThread() {
    {
      std::scoped_lock lock(mutex_);
      released_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  long id() const { return id_; }
  char state_letter() const {
    std::ifstream file("/proc/self/task/" + std::to_string(id_) + "/stat");
    const std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() ? text[close + 2] : '?';
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool released_ = false;
  long id_ = 0;
  std::thread thread_;
};

// A thread that spins until destroyed: always in state R, on a core or waiting for one.
class SpinningThread {
 public:
  SpinningThread()
      : thread_([this] {
          id_ = hpc::common::this_thread_id();
          while (!stop_) {
          }
        }) {
    while (id_ == 0) std::this_thread::yield();
  }
  ~SpinningThread() {
    stop_ = true;
    thread_.join();
  }
  long id() const { return id_; }

 private:
  std::atomic<long> id_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(ThreadCount, SeesAThreadComeAndGo) {
  const int before = hpc::common::thread_count();
  EXPECT_GE(before, 1);
  {
    SleepingThread sleeper;
    EXPECT_EQ(hpc::common::thread_count(), before + 1);
  }
  EXPECT_EQ(hpc::common::thread_count(), before);
}

TEST(ThisThreadId, IsTheProcessIdOnTheMainThreadAndAnotherElsewhere) {
  EXPECT_EQ(hpc::common::this_thread_id(), static_cast<long>(::getpid()));
  SleepingThread sleeper;
  EXPECT_NE(sleeper.id(), hpc::common::this_thread_id());
  EXPECT_TRUE(std::filesystem::exists("/proc/self/task/" + std::to_string(sleeper.id())));
}

TEST(ReadProcStat, NameWithSpacesAndParenthesesAndState) {
  // "pid (name) S ...": a thread name may hold spaces and parentheses, so the name ends at the last ')'.
  char old_name[16] = {};
  pthread_getname_np(pthread_self(), old_name, sizeof old_name);
  ASSERT_EQ(pthread_setname_np(pthread_self(), "a) (b) c"), 0);
  const auto own = hpc::common::read_proc_stat("/proc/self/task/" +
                                               std::to_string(hpc::common::this_thread_id()) + "/stat");
  pthread_setname_np(pthread_self(), old_name);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->name, "a) (b) c");
  EXPECT_EQ(own->state, 'R') << "the thread that reads its own stat is running";

  SleepingThread sleeper;
  const auto other = hpc::common::read_proc_stat("/proc/self/task/" + std::to_string(sleeper.id()) + "/stat");
  ASSERT_TRUE(other.has_value());
  EXPECT_EQ(other->state, 'S') << "a thread waiting on a condition variable sleeps";
  EXPECT_FALSE(hpc::common::read_proc_stat("/proc/self/task/0/stat").has_value()) << "no such thread";
}

TEST(RunningThreadIds, SeesASpinnerAndNotASleeper) {
  SleepingThread sleeper;
  std::set<long> running;
  long spinner_id = 0;
  {
    SpinningThread spinner;
    spinner_id = spinner.id();
    // A spinning thread waiting for a core is still in state R, so one look is enough on a busy machine.
    running = hpc::common::running_thread_ids();
  }
  EXPECT_EQ(running.count(spinner_id), 1u);
  EXPECT_EQ(running.count(hpc::common::this_thread_id()), 1u) << "the caller reads the list: it is running";
  EXPECT_EQ(running.count(sleeper.id()), 0u);
}

TEST(CpuNsByThread, ChargesTheThreadThatWorked) {
  SleepingThread sleeper;
  std::atomic<long> worker_id{0};
  std::map<long, std::int64_t> before, after;
  std::latch measured_before(1), worked(1), measured_after(1);
  std::thread worker([&] {
    worker_id = hpc::common::this_thread_id();
    measured_before.wait();
    spin_for(60ms);
    worked.count_down();
    measured_after.wait();
  });
  while (worker_id == 0) std::this_thread::yield();
  before = hpc::common::cpu_ns_by_thread();
  measured_before.count_down();
  worked.wait();
  after = hpc::common::cpu_ns_by_thread();
  measured_after.count_down();
  worker.join();
  ASSERT_EQ(before.count(worker_id), 1u);
  ASSERT_EQ(after.count(worker_id), 1u);
  ASSERT_EQ(after.count(sleeper.id()), 1u);
  // 60 ms of wall time spinning: at least a few ms of CPU even on a loaded machine; the sleeper none.
  EXPECT_GT(after[worker_id] - before[worker_id], 5'000'000);
  EXPECT_LT(after[sleeper.id()] - before[sleeper.id()], 2'000'000);
}

TEST(MostThreadsAddedDuring, CountsOverlappingThreadsOnly) {
  // Three threads alive at once (each waits for the others, then lingers so the watcher sees them).
  const int together = hpc::common::most_threads_added_during([] {
    std::latch all_started(3);
    std::vector<std::jthread> threads;
    for (int i = 0; i < 3; ++i)
      threads.emplace_back([&] {
        all_started.arrive_and_wait();
        std::this_thread::sleep_for(20ms);
      });
  });
  EXPECT_EQ(together, 3);
  // The same three threads joined one by one: never more than one of them at once.
  const int one_by_one = hpc::common::most_threads_added_during([] {
    for (int i = 0; i < 3; ++i) std::jthread([] { std::this_thread::sleep_for(5ms); }).join();
  });
  EXPECT_LE(one_by_one, 1);
  EXPECT_EQ(hpc::common::most_threads_added_during([] {}), 0);
  // An exception from the call reaches the caller, and the watcher is gone.
  const int threads = hpc::common::thread_count();
  EXPECT_THROW(hpc::common::most_threads_added_during([] { throw std::runtime_error("x"); }),
               std::runtime_error);
  EXPECT_EQ(hpc::common::thread_count(), threads);
}

TEST(RunningThreadsSampler, TwoSpinnersTogetherOneAlone) {
  // Two threads spinning at once: state R in most samples, even while they wait for a core.
  RunningThreadsSampler both;
  {
    std::jthread a([] { spin_for(100ms); }), b([] { spin_for(100ms); });
  }
  const RunningThreadsSampler::Seen two = both.stop();
  EXPECT_GT(two.samples_busy, 10);
  EXPECT_GT(two.share_together(), 0.5) << two.samples_together << " of " << two.samples_busy;
  EXPECT_EQ(two.running.count(two.sampler_id), 0u) << "the sampler leaves itself out";
  EXPECT_GT(two.sampler_cpu_ns, 0);

  // The calling thread alone.
  RunningThreadsSampler one;
  spin_for(100ms);
  const RunningThreadsSampler::Seen alone = one.stop();
  EXPECT_GT(alone.samples_busy, 10);
  EXPECT_LT(alone.share_together(), 0.1) << alone.samples_together << " of " << alone.samples_busy;
  EXPECT_EQ(alone.running.count(hpc::common::this_thread_id()), 1u);
}

TEST(RunningThreadsSampler, LeavesOutIgnoredThreadsAndRunsTheHook) {
  SpinningThread spinner;
  std::atomic<int> hook_calls{0};
  RunningThreadsSampler sampler({spinner.id()}, [&] { ++hook_calls; });
  std::this_thread::sleep_for(50ms);  // the caller sleeps: only the ignored spinner runs
  const RunningThreadsSampler::Seen seen = sampler.stop();
  EXPECT_EQ(seen.running.count(spinner.id()), 0u);
  EXPECT_EQ(seen.samples_together, 0);
  EXPECT_GE(hook_calls.load(), seen.samples_busy);
  EXPECT_GT(hook_calls.load(), 5);
  EXPECT_EQ(sampler.stop().samples_busy, seen.samples_busy) << "a second stop() returns the same";
}

TEST(ThreadCpuSampler, WorkBesideAThreadThatWorksAtOnce) {
  // The caller spins while its helper spins: each gains CPU time while the other lives, busy machine or
  // not (both spin for wall time, so both are ready to run all along and share whatever cores there are).
  hpc::common::ThreadCpuSampler sampler;
  {
    std::jthread helper([] { spin_for(100ms); });
    spin_for(100ms);
  }
  const hpc::common::ThreadCpuSampler::Seen seen = sampler.stop();
  EXPECT_GT(seen.samples.size(), 10u);
  const hpc::common::WorkBeside work =
      hpc::common::work_beside_each_thread(seen, hpc::common::this_thread_id());
  EXPECT_GE(work.windows, 1);
  EXPECT_GT(work.own_ns, 0);
  EXPECT_GT(work.share(), 0.3) << work.beside_ns << " ns beside " << work.own_ns << " ns";
}

TEST(ThreadCpuSampler, NoWorkBesideAThreadJoinedAtOnce) {
  // The helper spins and is joined before the caller does its part: while it lives, the caller sleeps.
  hpc::common::ThreadCpuSampler sampler;
  std::jthread([] { spin_for(60ms); }).join();
  spin_for(60ms);
  const hpc::common::ThreadCpuSampler::Seen seen = sampler.stop();
  const hpc::common::WorkBeside work =
      hpc::common::work_beside_each_thread(seen, hpc::common::this_thread_id());
  EXPECT_GE(work.windows, 1);
  EXPECT_GT(work.own_ns, 1'000'000) << "the helper spun for 60 ms of wall time";
  EXPECT_LT(work.share(), 0.03) << work.beside_ns << " ns beside " << work.own_ns << " ns";
  EXPECT_EQ(seen.samples.back().cpu_ns.count(seen.sampler_id), 0u) << "the sampler leaves itself out";
}

TEST(CoreWaitNs, ReadsALiveThreadNotAnEndedOne) {
  if (!std::filesystem::exists("/proc/self/schedstat")) GTEST_SKIP() << "this kernel keeps no schedstat";
  const auto own = hpc::common::core_wait_ns(hpc::common::this_thread_id());
  ASSERT_TRUE(own.has_value());
  EXPECT_GE(*own, 0);
  long ended = 0;
  std::jthread([&] { ended = hpc::common::this_thread_id(); }).join();
  EXPECT_FALSE(hpc::common::core_wait_ns(ended).has_value());
}

}  // namespace
