// A pool of worker processes that maps a function over inputs: the C++ side of Python's
// multiprocessing.Pool.map. Lab 08, task 3 (labs/08-processes/src/process_pool.cpp) -- the open-design
// task: this header fixes only what the pool promises; how work reaches the workers is yours (workers
// forked once and fed over pipes, one pipe per worker or one shared, chunks of inputs, ...).
//
// The function is a plain function pointer: fork copies the program, so the pointer names the same code
// in every worker, and a pool made before map() knows nothing else about it. Inputs and answers are byte
// strings.
//
// Promises:
//  - results[i] belongs to inputs[i], whatever order the workers finish in;
//  - the work runs in at most `workers` processes that live from one map() to the next: map() does not
//    fork a process per input (a worker that died is replaced, see below);
//  - an input whose worker crashed (a signal such as SIGSEGV or SIGABRT), exited (exit() or _exit(),
//    any status) or whose function threw gives a failed TaskResult whose error names the input (its
//    index and its text, cut to 60 bytes) and what happened; every other input still gets its answer,
//    and the pool replaces the dead worker;
//  - the destructor ends every worker and every process a worker started (each worker leads a process
//    group of its own), reaps them, and returns: no process of the pool is left.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace hpc::processes {

using TaskFunction = std::string (*)(std::string_view input);

struct TaskResult {
  std::optional<std::string> value;  // the function's answer, when there is one
  std::string error;                 // otherwise: e.g. "input 3 (\"boom\"): the worker crashed with SIGSEGV"
  bool ok() const { return value.has_value(); }
};

// map_values() when some input failed: the first error's text, and every result.
class TaskFailedError : public std::runtime_error {
 public:
  TaskFailedError(const std::string& what, std::vector<TaskResult> results)
      : std::runtime_error(what), results_(std::move(results)) {}
  const std::vector<TaskResult>& results() const { return results_; }

 private:
  std::vector<TaskResult> results_;
};

class ProcessPool {
 public:
  // At least one worker (0 throws std::invalid_argument).
  explicit ProcessPool(unsigned workers);
  ~ProcessPool();
  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // fn over every input; results in input order. Call from one thread at a time.
  std::vector<TaskResult> map(TaskFunction fn, const std::vector<std::string>& inputs);

  // The same, the answers only; throws TaskFailedError when any input failed.
  std::vector<std::string> map_values(TaskFunction fn, const std::vector<std::string>& inputs);

  unsigned size() const;

  // The worker processes alive now (empty before the first map() if workers start lazily).
  std::vector<pid_t> worker_pids() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace hpc::processes
