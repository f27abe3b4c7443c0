// Reference solution, lab 06 task 4: a fixed set of workers taking std::function tasks from one
// mutex-guarded deque.
#include "hpc/threads/thread_pool.hpp"

#include <stdexcept>

namespace hpc::threads {

ThreadPool::ThreadPool(std::size_t threads) {
  if (threads == 0) throw std::invalid_argument("ThreadPool: needs at least one thread");
  workers_.reserve(threads);
  try {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
  } catch (...) {
    shutdown();  // the threads already started must be joined before the vector of them is destroyed
    throw;
  }
}

ThreadPool::~ThreadPool() { shutdown(); }

void ThreadPool::enqueue(std::function<void()> task) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw std::runtime_error("ThreadPool: submit after shutdown");
    tasks_.push_back(std::move(task));
  }
  work_ready_.notify_one();
}

void ThreadPool::worker_loop() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;  // stopping, and nothing left to finish
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    // Run without the lock. A packaged_task stores its exception in the future, so nothing escapes.
    task();
  }
}

void ThreadPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
}

std::size_t ThreadPool::size() const { return workers_.size(); }

}  // namespace hpc::threads
