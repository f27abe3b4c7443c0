// Lab 10, part (a): a tiny event loop of our own, so that the machinery under co_await is no mystery
// before part (b) uses Asio's. Tasks 1 and 2 (labs/10-async/src/mini_loop.cpp).
//
//   using namespace hpc::async::mini;
//   Task<int> answer() { co_await sleep_for(10ms); co_return 42; }
//   Task<void> twice(EventLog& log) { log.add(std::to_string(co_await answer() * 2)); }
//   EventLoop loop;
//   loop.spawn(twice(log));                          // runs when the loop runs
//   int x = loop.run_until_complete(answer());       // 42, after 10 ms of sleeping, never of spinning
//
// What is fixed here and what you write. A coroutine's promise type must be known wherever a coroutine
// is compiled, so Task<T> and its promise live in this header; every decision of the machinery is a
// call from them into the functions of namespace detail below (and EventLoop's members), which you
// define in mini_loop.cpp. Their contracts are written beside them. The loop's state is yours
// (EventLoop::State, defined in the .cpp), as are the promise's fields' use.
//
// The decisions this interface fixes (the tests check them):
//   - A Task starts lazily: creating one runs nothing; it runs when awaited, spawned or passed to
//     run_until_complete.
//   - When a task ends, the coroutine awaiting it continues at once, by symmetric transfer: a chain
//     of 100,000 tasks each awaiting the next must not grow the stack.
//   - One thread: the loop runs every task on the thread that called run() or run_until_complete().
//   - The ready queue is FIFO; sleep_for(0) puts the task at the back of it (a yield). Timers fire in
//     deadline order, equal deadlines in the order they were set; while nothing is ready, the loop's
//     thread sleeps until the earliest deadline (it never spins).
//   - Exceptions are never lost. One thrown out of an awaited task is rethrown by the co_await. One that
//     escapes a spawned task (nobody awaits it) is kept by the loop: the other tasks go on, and the
//     next return from run() or run_until_complete() rethrows the first such exception (later ones
//     are dropped); the loop stays usable.
//   - gather() waits for every task it was given, even when one fails (no task is cancelled: the
//     others run to their end); then it rethrows the exception of the first failed task in argument
//     order, or returns the results in argument order.
//   - Destroying the loop destroys the frames of the spawned tasks that have not finished (and with
//     them the tasks they await): nothing leaks. Tasks not owned by the loop belong to their Task.
#pragma once

#include <algorithm>
#include <chrono>
#include <coroutine>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace hpc::async::mini {

using Clock = std::chrono::steady_clock;

class EventLoop;
template <class T = void>
class Task;

namespace detail {

// The part of every Task's promise that does not depend on the result type: what the loop and the
// functions below work with. The fields are yours to use as your design needs; the header itself only
// reads `exception` through rethrow_if_failed and sets `self`.
struct PromiseBase {
  std::coroutine_handle<> self;          // this coroutine (set when the Task is created)
  std::coroutine_handle<> continuation;  // the coroutine awaiting this one, if any
  std::exception_ptr exception;          // what escaped the coroutine's body, if anything did
  EventLoop* owner = nullptr;            // the loop that owns the frame (a spawned task), if any
  bool finished = false;                 // the body has ended (returned or thrown)
};

// ---- Task 1: the coroutine machinery (mini_loop.cpp) ----

// await_ready of the final suspend point. Returning true means "do not suspend at the end": the frame
// then destroys itself as the body ends, while its Task (or the loop) still holds its handle.
bool final_suspend_ready(PromiseBase& promise) noexcept;

// await_suspend of the final suspend point: the body of `promise` has ended and its coroutine is
// suspended for the last time. Returns the coroutine to run next on this thread: the one awaiting this
// task (symmetric transfer), or std::noop_coroutine() to return to whoever resumed this one (the loop).
// A spawned task has no awaiter: its frame is the loop's to destroy, and its exception the loop's to keep.
// How they reach the loop is your design: `owner` says which loop, but EventLoop keeps its State private.
// suspend_until below has the same problem (it gets no loop at all), and one answer serves both; State
// is yours to define in mini_loop.cpp, where these functions live.
std::coroutine_handle<> after_final_suspend(PromiseBase& promise, std::coroutine_handle<> self) noexcept;

// await_suspend of `co_await task`: `awaiting` is suspended and waits for `callee` (not started yet).
// Returns the coroutine to run next (symmetric transfer). Throws std::logic_error when callee has
// already been started (awaited twice, or spawned and awaited).
std::coroutine_handle<> start_awaited(PromiseBase& callee, std::coroutine_handle<> awaiting);

// unhandled_exception() of every promise: called inside the catch block of the body's exception.
void store_exception(PromiseBase& promise) noexcept;

// Called before a finished task's result is handed out: rethrows the exception its body threw, if any.
void rethrow_if_failed(const PromiseBase& promise);

// ---- Task 2: timers (mini_loop.cpp) ----

// await_suspend of sleep_until / sleep_for: `waiting` is suspended until `deadline`. A deadline that has
// passed (sleep_for(0)) puts it at the back of the ready queue. Throws std::logic_error when no loop is
// running on this thread.
void suspend_until(std::coroutine_handle<> waiting, Clock::time_point deadline);

template <class T>
struct Promise;

// The final suspend point, the same for every result type.
struct FinalAwaiter {
  PromiseBase* promise;
  bool await_ready() noexcept { return final_suspend_ready(*promise); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> self) noexcept {
    return after_final_suspend(*promise, self);
  }
  void await_resume() noexcept {}
};

template <class T>
struct PromiseStorage : PromiseBase {
  std::optional<T> value;
  template <class U>
  void return_value(U&& result) {
    value.emplace(std::forward<U>(result));
  }
  T take_result() {
    rethrow_if_failed(*this);
    if (!value) throw std::logic_error("mini::Task: the task ended without a result (not finished?)");
    return std::move(*value);
  }
};

template <>
struct PromiseStorage<void> : PromiseBase {
  void return_void() noexcept {}
  void take_result() { rethrow_if_failed(*this); }
};

template <class T>
struct Promise : PromiseStorage<T> {
  Task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }  // lazy: nothing runs until awaited
  FinalAwaiter final_suspend() noexcept { return FinalAwaiter{this}; }
  void unhandled_exception() noexcept { store_exception(*this); }
};

}  // namespace detail

// A coroutine that produces a T (or nothing, for Task<void>). Move-only; owns its coroutine frame and
// destroys it when the Task is destroyed (unless the frame was handed to a loop by spawn()).
template <class T>
class [[nodiscard]] Task {
 public:
  using promise_type = detail::Promise<T>;
  using value_type = T;

  Task() = default;
  Task(Task&& other) noexcept : handle_(std::exchange(other.handle_, {})) {}
  Task& operator=(Task&& other) noexcept {
    if (this != &other) {
      if (handle_) handle_.destroy();
      handle_ = std::exchange(other.handle_, {});
    }
    return *this;
  }
  ~Task() {
    if (handle_) handle_.destroy();
  }

  bool valid() const noexcept { return static_cast<bool>(handle_); }

  // co_await task: starts it, suspends the awaiting coroutine until it ends, then gives its result or
  // rethrows its exception.
  auto operator co_await() noexcept {
    struct Awaiter {
      std::coroutine_handle<promise_type> handle;
      bool await_ready() const noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiting) {
        return detail::start_awaited(handle.promise(), awaiting);
      }
      T await_resume() { return handle.promise().take_result(); }
    };
    return Awaiter{handle_};
  }

  // For the loop (mini_loop.cpp), not for tasks.
  detail::PromiseBase& promise_base() const { return handle_.promise(); }
  promise_type& promise() const { return handle_.promise(); }
  std::coroutine_handle<> handle() const noexcept { return handle_; }
  std::coroutine_handle<> release() noexcept { return std::exchange(handle_, {}); }  // the caller owns it now

 private:
  friend struct detail::Promise<T>;
  explicit Task(std::coroutine_handle<promise_type> handle) noexcept : handle_(handle) {}
  std::coroutine_handle<promise_type> handle_;
};

template <class T>
Task<T> detail::Promise<T>::get_return_object() noexcept {
  auto handle = std::coroutine_handle<Promise<T>>::from_promise(*this);
  this->self = handle;
  return Task<T>(handle);
}

// A single-threaded event loop: a FIFO ready queue of coroutines and a min-heap of timers.
// Not thread-safe: create it, spawn into it and run it on one thread.
class EventLoop {
 public:
  EventLoop();
  ~EventLoop();  // destroys the frames of unfinished spawned tasks
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Hands the task to the loop, at the back of the ready queue: it starts when the loop runs (from
  // run() or run_until_complete(), or at once if the loop is running: a task may spawn others). Throws
  // std::invalid_argument for an empty Task.
  void spawn(Task<void> task);

  // Runs until nothing is ready and no timer is waiting. Rethrows the first exception that escaped a
  // spawned task (see the top of this file). Throws std::logic_error when called from a running task.
  void run();

  // Runs the loop until `task` has finished, and gives its result (or rethrows its exception; a spawned
  // task's kept exception comes first). Spawned tasks still pending stay in the loop for a later run.
  // Throws std::logic_error when nothing is left to run but the task has not finished.
  template <class T>
  T run_until_complete(Task<T> task) {
    run_until_finished(task.promise_base());
    return task.promise().take_result();
  }

  // Spawned tasks whose frames the loop owns now (spawned, not finished yet).
  std::size_t pending_tasks() const;

  struct State;  // defined in mini_loop.cpp: your ready queue, timers, ...

 private:
  // Runs the loop until `promise`'s task has finished (it is started here). Task 1, mini_loop.cpp.
  void run_until_finished(detail::PromiseBase& promise);

  std::unique_ptr<State> state_;
};

// co_await sleep_for(d): the task waits d on the loop's timer heap (the thread does other work or
// sleeps); sleep_for(0) (or any d <= 0) is a yield: back of the ready queue.
// co_await sleep_until(t): the same with a deadline.
struct SleepAwaiter {
  Clock::time_point deadline;
  bool await_ready() const noexcept { return false; }  // even a past deadline yields once
  void await_suspend(std::coroutine_handle<> waiting) const { detail::suspend_until(waiting, deadline); }
  void await_resume() const noexcept {}
};

inline SleepAwaiter sleep_until(Clock::time_point deadline) { return SleepAwaiter{deadline}; }

template <class Rep, class Period>
SleepAwaiter sleep_for(std::chrono::duration<Rep, Period> duration) {
  const auto delay = std::chrono::ceil<Clock::duration>(duration);
  return SleepAwaiter{Clock::now() + std::max(delay, Clock::duration::zero())};
}

// Runs every task concurrently on the running loop and finishes when the last one has (total time: the
// longest, not the sum). Waits for all even when some fail, then rethrows the first failed task's
// exception in argument order. Task 2, mini_loop.cpp.
Task<void> gather(std::vector<Task<void>> tasks);

// The same for results: given in argument order.
template <class T>
requires(!std::is_void_v<T>) Task<std::vector<T>> gather(std::vector<Task<T>> tasks) {
  std::vector<std::optional<T>> slots(tasks.size());
  std::vector<Task<void>> storing;
  storing.reserve(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    // Each wrapper owns its task and writes into its own slot, so the order of the answers is the
    // order of the arguments whatever the order in which the tasks end.
    storing.push_back([](Task<T> task, std::optional<T>& slot) -> Task<void> { slot.emplace(co_await task); }(
                                                                   std::move(tasks[i]), slots[i]));
  }
  co_await gather(std::move(storing));
  std::vector<T> results;
  results.reserve(slots.size());
  for (std::optional<T>& slot : slots) results.push_back(std::move(*slot));
  co_return results;
}

}  // namespace hpc::async::mini
