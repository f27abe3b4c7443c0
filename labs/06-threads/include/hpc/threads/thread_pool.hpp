// A fixed-size thread pool that returns futures: concurrent.futures.ThreadPoolExecutor in C++.
// Lab task 4 (labs/06-threads/src/thread_pool.cpp).
//
// submit() is a template, so it lives here: it wraps the callable in a std::packaged_task (which stores
// the result or the exception for the future) and hands a plain std::function<void()> to enqueue(),
// which you write in the .cpp file together with the workers.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace hpc::threads {

class ThreadPool {
 public:
  // Starts `threads` worker threads. Throws std::invalid_argument when threads is 0.
  explicit ThreadPool(std::size_t threads);

  // shutdown(): every task submitted before it still runs (see shutdown).
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Queues f() to run on a worker and returns the future of its result. If f throws, the exception is
  // stored and rethrown by future.get(); the worker goes on with the next task.
  // Throws std::runtime_error when the pool has been shut down.
  template <class F>
  auto submit(F f) -> std::future<std::invoke_result_t<F&>> {
    using Result = std::invoke_result_t<F&>;
    auto task = std::make_shared<std::packaged_task<Result()>>(std::move(f));
    std::future<Result> result = task->get_future();
    enqueue([task] { (*task)(); });
    return result;
  }

  // Stops taking tasks, lets the workers FINISH every task already queued (nothing is cancelled, so
  // every future handed out becomes ready), then joins them. Calling it again does nothing.
  void shutdown();

  std::size_t size() const;  // the number of worker threads

 private:
  void enqueue(std::function<void()> task);  // the non-template half of submit()
  void worker_loop();                        // what each worker thread runs

  std::mutex mutex_;  // guards tasks_ and stopping_
  std::condition_variable work_ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace hpc::threads
