// Reference solution, lab 06 task 2: closable queues between stages; the last worker of a stage to
// finish closes the stage's output queue.
#include "hpc/threads/pipeline.hpp"

#include <atomic>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "hpc/threads/bounded_queue.hpp"

namespace hpc::threads {

namespace {

using Queue = BoundedQueue<std::int64_t>;

// What goes wrong first, kept so the caller can rethrow it after every thread has been joined.
class FirstError {
 public:
  void record(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    if (!error_) error_ = std::move(error);
  }
  void rethrow_if_any() {
    std::lock_guard lock(mutex_);
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
};

}  // namespace

std::vector<std::int64_t> run_pipeline(const std::vector<std::int64_t>& inputs,
                                       const std::vector<Stage>& stages, std::size_t queue_capacity) {
  if (queue_capacity == 0) throw std::invalid_argument("run_pipeline: queue_capacity must be at least 1");
  for (const Stage& stage : stages) {
    if (stage.workers < 1)
      throw std::invalid_argument("run_pipeline: stage '" + stage.name + "' has no workers");
    if (!stage.work) throw std::invalid_argument("run_pipeline: stage '" + stage.name + "' has no work");
  }
  if (stages.empty()) return inputs;

  // queues[i] feeds stage i; queues[stages.size()] collects the results.
  std::vector<std::unique_ptr<Queue>> queues;
  for (std::size_t i = 0; i <= stages.size(); ++i) queues.push_back(std::make_unique<Queue>(queue_capacity));

  FirstError first_error;
  auto close_everything = [&] {
    for (auto& queue : queues) queue->close();
  };

  // One counter per stage: the worker that brings it to zero is the last one out.
  std::vector<std::atomic<int>> running(stages.size());
  std::vector<std::thread> threads;
  for (std::size_t s = 0; s < stages.size(); ++s) {
    running[s].store(stages[s].workers);
    for (int w = 0; w < stages[s].workers; ++w) {
      threads.emplace_back([&, s] {
        Queue& in = *queues[s];
        Queue& out = *queues[s + 1];
        try {
          while (std::optional<std::int64_t> item = in.pop()) {
            if (!out.push(stages[s].work(*item))) break;  // closed early: the pipeline is failing
          }
        } catch (...) {
          first_error.record(std::current_exception());
          close_everything();
        }
        if (running[s].fetch_sub(1) == 1) out.close();
      });
    }
  }

  // The results queue is drained on a thread of its own, so the caller can keep feeding queue 0
  // without the bounded queues filling up behind it.
  std::vector<std::int64_t> results;
  results.reserve(inputs.size());
  std::thread collector([&] {
    while (std::optional<std::int64_t> item = queues.back()->pop()) results.push_back(*item);
  });

  for (std::int64_t input : inputs) {
    if (!queues.front()->push(input)) break;  // closed early by a failing stage
  }
  queues.front()->close();

  for (std::thread& thread : threads) thread.join();
  collector.join();
  first_error.rethrow_if_any();
  return results;
}

}  // namespace hpc::threads
