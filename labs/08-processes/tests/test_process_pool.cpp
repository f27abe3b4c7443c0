// Task 3: ProcessPool -- input order, reuse of workers, crashes/exits/throws named by input, no process
// left (orphans included).
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/processes/process_pool.hpp"
#include "support.hpp"

namespace {

using hpc::processes::ProcessPool;
using hpc::processes::TaskResult;
using namespace std::chrono_literals;

using PoolResults = hpc::processes::testing::ChildFree;
using PoolWorkers = hpc::processes::testing::ChildFree;
using PoolFailures = hpc::processes::testing::ChildFree;
using PoolCleanup = hpc::processes::testing::ChildFree;

std::string checksum(std::string_view input) {
  std::uint64_t h = 1469598103934665603ull;
  for (int round = 0; round < 50; ++round)
    for (const char c : input) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return std::to_string(h);
}

// Sleeps as many milliseconds as the input says, so the first inputs finish last.
std::string sleep_then_echo(std::string_view input) {
  std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(std::string(input))));
  return std::string(input) + "!";
}

std::string my_pid(std::string_view) { return std::to_string(::getpid()); }

// "abort" aborts, "exit3" calls exit(3), "throw" throws, "segv" raises SIGSEGV; anything else echoes.
std::string troublemaker(std::string_view input) {
  if (input == "abort") std::abort();
  if (input == "exit3") std::exit(3);
  if (input == "throw") throw std::runtime_error("cannot digest \"throw\"");
  return "ok:" + std::string(input);
}

std::vector<std::string> numbered(int n, const std::string& prefix = "item-") {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.push_back(prefix + std::to_string(i));
  return v;
}

GRADED_TEST_F(PoolResults, MatchesASerialRun, 2) {
  const auto inputs = numbered(500);
  ProcessPool pool(2);
  const auto results = pool.map(checksum, inputs);
  ASSERT_EQ(results.size(), inputs.size()) << "one result per input";
  std::size_t wrong = 0, first = inputs.size();
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!results[i].ok() || *results[i].value != checksum(inputs[i])) {
      if (wrong++ == 0) first = i;
    }
  }
  EXPECT_EQ(wrong, 0u) << wrong << " of " << inputs.size()
                       << " results differ from a serial run; the first at input " << first
                       << (first < inputs.size() && !results[first].ok() ? ": " + results[first].error : "");
  EXPECT_EQ(pool.map_values(checksum, {"x", "y"}), (std::vector<std::string>{checksum("x"), checksum("y")}));
  EXPECT_TRUE(pool.map(checksum, {}).empty()) << "no inputs, no results";
}

GRADED_TEST_F(PoolResults, InInputOrderNotCompletionOrder, 2) {
  const std::vector<std::string> inputs{"300", "200", "100", "1", "1", "1", "1", "1"};
  ProcessPool pool(3);
  const auto results = pool.map(sleep_then_echo, inputs);
  ASSERT_EQ(results.size(), inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << results[i].error;
    EXPECT_EQ(*results[i].value, inputs[i] + "!")
        << "results[" << i << "] is not the answer for inputs[" << i
        << "]: results must be in input order, not in the order the workers finished (completion order)";
  }
}

GRADED_TEST_F(PoolWorkers, WorkersAreForkedOnceAndReused, 2) {
  ProcessPool pool(2);
  EXPECT_EQ(pool.size(), 2u);
  const auto first = pool.map_values(my_pid, numbered(60));
  const auto second = pool.map_values(my_pid, numbered(60));
  std::set<std::string> pids(first.begin(), first.end());
  pids.insert(second.begin(), second.end());
  EXPECT_LE(pids.size(), 2u)
      << "120 inputs ran in " << pids.size()
      << " different processes with 2 workers: a process per task (or per map) is not a pool";
  const auto workers = pool.worker_pids();
  EXPECT_EQ(workers.size(), 2u) << "worker_pids() after map()";
  for (const auto& p : pids) {
    EXPECT_NE(std::stoi(p), ::getpid()) << "the function ran in the calling process, not in a worker";
    EXPECT_NE(std::find(workers.begin(), workers.end(), std::stoi(p)), workers.end())
        << "process " << p << " ran a task but is not one of worker_pids()";
  }
}

GRADED_TEST_F(PoolWorkers, ZeroWorkersRejected, 1) { EXPECT_THROW(ProcessPool(0), std::invalid_argument); }

GRADED_TEST_F(PoolFailures, CrashIsNamedByItsInputAndOthersStillAnswer, 3) {
  const std::vector<std::string> inputs{"a", "b", "abort", "d", "e", "f"};
  ProcessPool pool(2);
  const auto results = pool.map(troublemaker, inputs);
  ASSERT_EQ(results.size(), inputs.size());
  EXPECT_FALSE(results[2].ok()) << "the worker crashed on input 2: that result must be an error";
  EXPECT_NE(results[2].error.find("input 2"), std::string::npos)
      << "the error must name the input by its index (\"input 2\"): " << results[2].error;
  EXPECT_NE(results[2].error.find("abort"), std::string::npos)
      << "the error must show the input's text: " << results[2].error;
  for (std::size_t i : {0u, 1u, 3u, 4u, 5u}) {
    ASSERT_TRUE(results[i].ok()) << "input " << i
                                 << " lost because another input crashed its worker: " << results[i].error;
    EXPECT_EQ(*results[i].value, "ok:" + inputs[i]);
  }
  // The dead worker was replaced: the pool still has two and they work.
  EXPECT_EQ(pool.worker_pids().size(), 2u) << "the crashed worker was not replaced";
  EXPECT_EQ(pool.map_values(troublemaker, numbered(10)).size(), 10u);
}

// Starts a child that sleeps 20 s holding every descriptor the worker has (its answer pipe too), then
// crashes the worker: the answer pipe reaches no end-of-file while that child lives.
std::string fork_then_abort(std::string_view) {
  if (::fork() == 0) {
    ::sleep(20);
    ::_exit(0);
  }
  std::abort();
}

GRADED_TEST_F(PoolFailures, CrashSignalIsNamed, 1) {
  ProcessPool pool(1);
  const auto results = pool.map(troublemaker, {"abort"});
  ASSERT_FALSE(results.at(0).ok());
  EXPECT_NE(results[0].error.find("SIGABRT"), std::string::npos)
      << "the error must name the signal that ended the worker (SIGABRT): " << results[0].error;

  hpc::common::set_test_phase("a worker crashed while its own child holds the answer pipe open");
  const auto start = std::chrono::steady_clock::now();
  const auto held = pool.map(fork_then_abort, {"held"});
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  hpc::common::set_test_phase("");
  ASSERT_FALSE(held.at(0).ok()) << "the worker aborted on input 0";
  EXPECT_NE(held[0].error.find("SIGABRT"), std::string::npos) << held[0].error;
  // Seeing the death takes milliseconds; 3 s leaves room for a loaded machine, far from the child's 20 s.
  EXPECT_LT(took, 3.0) << "map() took " << took
                       << " s to see a worker that died at once: watch the worker itself (a pidfd in the "
                          "same poll(), or waitpid), not only end-of-file on its answer pipe, which a "
                          "process the worker started (here a child sleeping 20 s) keeps open";
}

GRADED_TEST_F(PoolFailures, ExitIsNamedWithItsStatus, 2) {
  ProcessPool pool(2);
  const auto results = pool.map(troublemaker, {"x", "exit3", "y", "z"});
  ASSERT_EQ(results.size(), 4u);
  ASSERT_FALSE(results[1].ok()) << "the worker called exit(3) on input 1";
  EXPECT_NE(results[1].error.find("input 1"), std::string::npos) << results[1].error;
  EXPECT_NE(results[1].error.find("status 3"), std::string::npos)
      << "the error must give the exit status (\"status 3\"): " << results[1].error;
  for (std::size_t i : {0u, 2u, 3u}) EXPECT_TRUE(results[i].ok()) << results[i].error;
}

GRADED_TEST_F(PoolFailures, ThrowIsNamedWithItsMessage, 2) {
  ProcessPool pool(2);
  const auto results = pool.map(troublemaker, {"x", "y", "throw", "z"});
  ASSERT_FALSE(results.at(2).ok());
  EXPECT_NE(results[2].error.find("input 2"), std::string::npos) << results[2].error;
  EXPECT_NE(results[2].error.find("cannot digest"), std::string::npos)
      << "the error must carry the exception's message: " << results[2].error;
  EXPECT_TRUE(results[3].ok());
  try {
    pool.map_values(troublemaker, {"x", "throw"});
    ADD_FAILURE() << "map_values must throw TaskFailedError when an input failed";
  } catch (const hpc::processes::TaskFailedError& e) {
    EXPECT_NE(std::string(e.what()).find("input 1"), std::string::npos) << e.what();
    ASSERT_EQ(e.results().size(), 2u);
    EXPECT_TRUE(e.results()[0].ok()) << "the other results come with the error";
  }
}

GRADED_TEST_F(PoolFailures, WorkerKilledBetweenMapsIsReplaced, 1) {
  ProcessPool pool(2);
  pool.map_values(my_pid, numbered(4));
  const auto before = pool.worker_pids();
  ASSERT_FALSE(before.empty());
  ::kill(before[0], SIGKILL);
  std::this_thread::sleep_for(50ms);
  const auto results = pool.map(checksum, numbered(20));
  for (std::size_t i = 0; i < results.size(); ++i)
    EXPECT_TRUE(results[i].ok()) << "a worker that died while the pool was idle must be replaced before it "
                                    "gets work: "
                                 << results[i].error;
  EXPECT_EQ(pool.worker_pids().size(), 2u);
}

GRADED_TEST_F(PoolCleanup, DestructorLeavesNoWorker, 1) {
  std::vector<pid_t> workers;
  const auto start = std::chrono::steady_clock::now();
  {
    ProcessPool pool(3);
    pool.map_values(checksum, numbered(30));
    workers = pool.worker_pids();
  }
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const pid_t w : workers)
    EXPECT_FALSE(hpc::processes::testing::process_exists(w)) << "worker " << w << " outlived its pool";
  EXPECT_LT(took, 10.0);
}

// Starts a grandchild that would sleep 25 s, and answers with its pid.
std::string start_grandchild(std::string_view) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::sleep(25);
    ::_exit(0);
  }
  return std::to_string(pid);
}

GRADED_TEST_F(PoolCleanup, ProcessesAWorkerStartedEndWithThePool, 2) {
  std::vector<pid_t> grandchildren;
  double destructor_took = 0;
  {
    std::optional<ProcessPool> pool(std::in_place, 2);
    for (const auto& r : pool->map_values(start_grandchild, {"a", "b", "c"}))
      grandchildren.push_back(std::stoi(r));
    hpc::common::set_test_phase("~ProcessPool() with workers whose children sleep 25 s");
    const auto start = std::chrono::steady_clock::now();
    pool.reset();
    destructor_took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    hpc::common::set_test_phase("");
  }
  // Ending the groups takes milliseconds; 2 s leaves room for a loaded machine. Waiting out the
  // grandchildren (25 s) means they were waited for, never killed.
  EXPECT_LT(destructor_took, 2.0)
      << "~ProcessPool() took " << destructor_took
      << " s: it waited for the processes a worker started (sleep 25) instead of ending them; kill each "
         "worker's process group (kill(-pid, SIGKILL)), not only the worker";
  for (const pid_t g : grandchildren)
    EXPECT_FALSE(hpc::processes::testing::process_exists(g))
        << "process " << g
        << ", started by a worker, outlived the pool: an orphan (end each worker's "
           "process group, not only the worker)";
}

}  // namespace
