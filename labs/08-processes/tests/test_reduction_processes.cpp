// Graded tests, lab 08 task 4 (processes): reduce_processes against std::accumulate and against the
// tree's fixed shape, a stress loop that would catch the book's partial sum, workers that crash, and no
// child left behind after any test (the ChildFree fixture, tests/support.hpp).
//
// The operators here report what happened inside the workers through a page of shared memory the test
// maps before calling reduce_processes (a Probe): which processes called op, and how many at once.
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/processes/reduction.hpp"
#include "support.hpp"
#include "test_reduction_support.hpp"

namespace {

using hpc::processes::BinaryOp;
using hpc::processes::Matrix2;
using hpc::processes::reduce_processes;
using namespace hpc::processes::testing;

class ReduceProcesses : public ChildFree {};

const BinaryOp<std::int64_t> plus = std::plus<>{};

// What the workers did, written by them into memory shared with the test (lock-free atomics work across
// processes that map the same page).
struct Probe {
  static constexpr int kMaxCalls = 4096;
  std::atomic<int> calls{0};
  std::atomic<int> in_op_now{0};
  std::atomic<int> most_in_op{0};
  std::atomic<pid_t> caller_of[kMaxCalls];

  void enter() {
    const int now = ++in_op_now;
    int most = most_in_op.load();
    while (now > most && !most_in_op.compare_exchange_weak(most, now)) {
    }
    const int call = calls++;
    if (call < kMaxCalls) caller_of[call] = ::getpid();
  }
  void leave() { --in_op_now; }
};

// A Probe in an anonymous shared mapping, made before reduce_processes forks, so every worker sees it.
class SharedProbe {
 public:
  SharedProbe() {
    memory_ = ::mmap(nullptr, sizeof(Probe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory_ == MAP_FAILED) throw std::runtime_error("mmap of the test's probe failed");
    probe_ = new (memory_) Probe();
  }
  SharedProbe(const SharedProbe&) = delete;
  SharedProbe& operator=(const SharedProbe&) = delete;
  ~SharedProbe() {
    probe_->~Probe();
    ::munmap(memory_, sizeof(Probe));
  }
  Probe& operator*() const { return *probe_; }
  Probe* operator->() const { return probe_; }

 private:
  void* memory_ = nullptr;
  Probe* probe_ = nullptr;
};

// When a result is wrong and workers are still there (running, or ended but never reaped), the caller
// read the round's results before it had waited for them: that comes first in the message.
std::string workers_left_note() {
  const std::vector<ChildInfo> left = children_of_this_process();
  if (left.empty()) return "";
  return "read before every worker had finished (" + std::to_string(left.size()) +
         " still there, running or unreaped): waitpid every worker of a round first (the book's race); ";
}

// The note above when it applies (then the numbers alone), else what diagnose_sum makes of the sum.
std::string explain_sum(const std::string& note, const std::vector<std::int64_t>& xs, std::int64_t got) {
  if (note.empty()) return diagnose_sum(xs, got);
  return note + "got " + std::to_string(got) + " for " +
         std::to_string(std::accumulate(xs.begin(), xs.end(), std::int64_t{0}));
}

GRADED_TEST_F(ReduceProcesses, MatchesAccumulate, 2) {
  for (const int workers : {1, 2, 3, 4}) {
    for (const std::size_t n : interesting_sizes()) {
      const std::vector<std::int64_t> xs = random_integers(n, 3000 + n);
      const std::int64_t expected = std::accumulate(xs.begin(), xs.end(), std::int64_t{0});
      const std::int64_t got = reduce_processes(xs, plus, 0, workers);
      if (got != expected) {
        ADD_FAILURE() << explain_sum(workers_left_note(), xs, got) << " (size " << n << ", " << workers
                      << " workers, seed " << 3000 + n << ")";
        return;
      }
    }
  }
}

// The book's reduce_sum predicts how many partial sums each round leaves instead of counting them, so
// now and then it returns a partial sum. A timing-dependent mistake shows up only over many runs, and only
// when the workers really run at the same time: a plain + is over before the next worker has even been
// forked, so this test's addition takes a few microseconds, a different number for different values.
GRADED_TEST_F(ReduceProcesses, StressNoPartialSum, 2) {
  const BinaryOp<std::int64_t> plus = [](std::int64_t a, std::int64_t b) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds((a ^ b) & 31);
    while (std::chrono::steady_clock::now() < until) {
    }
    return a + b;
  };
  std::mt19937_64 random(2026);
  std::uniform_int_distribution<std::size_t> size(0, 80);
  std::uniform_int_distribution<int> workers_of(1, 4);
  for (int run = 0; run < 200; ++run) {
    const std::size_t n = size(random);
    const int workers = workers_of(random);
    const std::vector<std::int64_t> xs = random_integers(n, 7000 + static_cast<std::uint64_t>(run));
    const std::int64_t expected = std::accumulate(xs.begin(), xs.end(), std::int64_t{0});
    const std::int64_t got = reduce_processes(xs, plus, 0, workers);
    if (got != expected) {
      // A deterministic mistake gives the same wrong sum again; a race gives another one now and then.
      const std::string left = workers_left_note();
      bool changes = false;
      for (int again = 0; again < 5 && !changes; ++again)
        changes = reduce_processes(xs, plus, 0, workers) != got;
      ADD_FAILURE() << (changes && left.empty()
                            ? "a partial sum that changes from run to run (the book's race: a round's "
                              "results read before all were written, or fewer read than it left); "
                            : "")
                    << explain_sum(left, xs, got) << " (run " << run << " of 200: size " << n << ", "
                    << workers << " workers, seed " << 7000 + run << ")";
      return;
    }
  }
}

// About 1 s each with the reference at load 5, 3-6 s under AddressSanitizer (fork copies its shadow
// mappings' page tables): room for a loaded machine.
HPC_TIME_LIMIT(ReduceProcesses, MatchesAccumulate, 60);
HPC_TIME_LIMIT(ReduceProcesses, StressNoPartialSum, 60);

GRADED_TEST_F(ReduceProcesses, NoValuesIsTheIdentityAndOneValueIsItself, 1) {
  SharedProbe probe;
  const BinaryOp<std::int64_t> counted = [&](std::int64_t a, std::int64_t b) {
    probe->enter();
    probe->leave();
    return a + b;
  };
  EXPECT_EQ(reduce_processes(std::vector<std::int64_t>{}, counted, 11, 2), 11) << "no values: the identity";
  EXPECT_EQ(reduce_processes(std::vector<std::int64_t>{-4}, counted, 11, 2), -4) << "one value: itself";
  EXPECT_EQ(probe->calls.load(), 0) << "op was called although there was nothing to combine";
  EXPECT_THROW(reduce_processes(std::vector<std::int64_t>{1, 2}, plus, 0, 0), std::invalid_argument)
      << "0 workers: std::invalid_argument";
}

// Matrix products are associative but not commutative: a worker may regroup, never swap.
GRADED_TEST_F(ReduceProcesses, NonCommutativeStaysInOrder, 1) {
  const BinaryOp<Matrix2> product = hpc::processes::multiply;
  std::mt19937_64 random(808);
  for (const int workers : {1, 2, 3}) {
    for (const std::size_t n : {2, 3, 7, 16, 17, 45, 100}) {
      std::vector<Matrix2> xs(n);
      for (Matrix2& m : xs) m = {random() % 7, random() % 7, random() % 7, random() % 7};
      Matrix2 expected;  // the identity matrix
      for (const Matrix2& m : xs) expected = hpc::processes::multiply(expected, m);
      if (!(reduce_processes(xs, product, Matrix2{}, workers) == expected)) {
        ADD_FAILURE() << "the product came out in another order (size " << n << ", " << workers
                      << " workers): matrix products are not commutative, so every pair must be combined "
                         "left value first and the results kept in index order";
        return;
      }
    }
  }
}

// The tree's shape is fixed (reduction.hpp), so a floating-point sum is the same to the last bit whatever
// the number of workers. The values span many magnitudes: another order of additions rounds differently.
GRADED_TEST_F(ReduceProcesses, SameBitsAsTheTreeForAnyWorkerCount, 1) {
  std::mt19937_64 random(99);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-20, 20);
  const BinaryOp<double> add = std::plus<>{};
  for (const std::size_t n : {2, 3, 5, 33, 100, 257, 1000}) {
    std::vector<double> xs(n);
    for (double& x : xs) x = std::ldexp(mantissa(random), exponent(random));
    const double expected = expected_tree(xs, add);
    for (const int workers : {1, 2, 3, 4, 7}) {
      const double got = reduce_processes(xs, add, 0.0, workers);
      if (std::memcmp(&got, &expected, sizeof got) != 0) {
        ADD_FAILURE() << "not the tree's result bit for bit (size " << n << ", " << workers
                      << " workers: " << got << " for " << expected
                      << "): combine exactly the pairs of reduce_tree's rounds, in any worker, never regroup";
        return;
      }
    }
  }
}

GRADED_TEST_F(ReduceProcesses, WorkersDoTheCombiningTogether, 2) {
  SharedProbe probe;
  // Slow enough that two workers running at the same time overlap inside op, whatever the load.
  const BinaryOp<std::int64_t> slow_plus = [&](std::int64_t a, std::int64_t b) {
    probe->enter();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    probe->leave();
    return a + b;
  };
  const std::vector<std::int64_t> xs = random_integers(64, 5);
  const std::int64_t got = reduce_processes(xs, slow_plus, 0, 2);
  EXPECT_EQ(got, std::accumulate(xs.begin(), xs.end(), std::int64_t{0}));
  const int calls = std::min(probe->calls.load(), Probe::kMaxCalls);
  std::set<pid_t> callers;
  for (int i = 0; i < calls; ++i) callers.insert(probe->caller_of[i].load());
  if (callers.count(::getpid()) != 0) {
    ADD_FAILURE() << "op ran in the calling process: every combine must run in a worker process";
  } else if (callers.size() < 2) {
    ADD_FAILURE() << "only " << callers.size() << " process(es) called op over 64 values with 2 workers";
  } else if (probe->most_in_op.load() < 2) {
    ADD_FAILURE() << "the workers ran one after the other (never two inside op at once): start every "
                     "worker of a round before waiting for any";
  }
  EXPECT_LE(probe->most_in_op.load(), 2) << "more than 2 workers combined at once with workers = 2";
}

// A worker that dies must turn into an error, never into a sum with a hole in it.
GRADED_TEST_F(ReduceProcesses, CrashedWorkerIsAnError, 1) {
  constexpr std::int64_t poison = 999'999'999;
  const BinaryOp<std::int64_t> fragile = [](std::int64_t a, std::int64_t b) {
    if (a == poison || b == poison) ::raise(SIGKILL);
    return a + b;
  };
  std::vector<std::int64_t> xs(40, 1);
  xs[13] = poison;
  try {
    const std::int64_t got = reduce_processes(xs, fragile, 0, 3);
    ADD_FAILURE() << "a crashed worker was not reported: got " << got
                  << " instead of a std::runtime_error (check every worker's status from waitpid)";
  } catch (const std::runtime_error& error) {
    const std::string what = error.what();
    EXPECT_TRUE(what.find("SIGKILL") != std::string::npos || what.find("signal") != std::string::npos ||
                what.find("killed") != std::string::npos)
        << "the error should say the worker was killed by a signal; it says: " << what;
  }
}

GRADED_TEST_F(ReduceProcesses, WorkerThatExitsOrThrowsIsAnError, 1) {
  const BinaryOp<std::int64_t> exits = [](std::int64_t a, std::int64_t b) {
    if (a == 5 || b == 5) ::_exit(3);
    return a + b;
  };
  const BinaryOp<std::int64_t> throws = [](std::int64_t a, std::int64_t b) -> std::int64_t {
    if (a == 5 || b == 5) throw std::domain_error("five");
    return a + b;
  };
  std::vector<std::int64_t> xs(20);
  std::iota(xs.begin(), xs.end(), 0);
  EXPECT_THROW(reduce_processes(xs, exits, 0, 2), std::runtime_error)
      << "a worker that exited with status 3 was not reported";
  EXPECT_THROW(reduce_processes(xs, throws, 0, 2), std::runtime_error)
      << "op threw inside a worker: the worker must end (with a status that says so), and the call throw";
}

}  // namespace
