// A pipeline of stages joined by closable bounded queues, several worker threads per stage, and a clean
// shutdown: the C++ version of the download -> resize -> upload pipeline of Python threads.
// Lab task 2 (labs/06-threads/src/pipeline.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hpc::threads {

struct Stage {
  std::string name;
  std::function<std::int64_t(std::int64_t)> work;  // called concurrently by this stage's workers
  int workers = 1;                                 // threads running this stage, at least 1
};

// Feeds every input through the stages in order and returns every output (one per input).
//
// Shape: inputs -> queue 0 -> stage 0 (workers threads) -> queue 1 -> stage 1 -> ... -> results.
// Every queue is a BoundedQueue<std::int64_t> of queue_capacity items, so a fast stage waits for a slow
// one instead of piling up memory. The calling thread feeds queue 0 and closes it at the end; a stage's
// output queue is closed when the LAST of that stage's workers has finished (not the first: its
// siblings may still be pushing), which is how the shutdown travels down the pipeline.
//
// Order: with one worker per stage the outputs come in input order; with more, in any order.
// Errors: if a work function throws, the pipeline shuts down early (closes every queue, so no thread is
// left waiting), joins all its threads, and rethrows the first exception to the caller.
// Throws std::invalid_argument when a stage has workers < 1 or no work function, or queue_capacity is 0.
// With no stages the inputs are returned unchanged.
std::vector<std::int64_t> run_pipeline(const std::vector<std::int64_t>& inputs,
                                       const std::vector<Stage>& stages, std::size_t queue_capacity = 16);

}  // namespace hpc::threads
