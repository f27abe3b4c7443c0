// Lab 10, tasks 1 and 2: the tiny event loop. Replace each stub body; the header
// (labs/10-async/include/hpc/async/mini_loop.hpp) says what every function promises.
#include "hpc/async/mini_loop.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::async::mini {

// Your loop's state: the ready queue, the timers, the frames it owns, ...
struct EventLoop::State {};

// ---- Task 1: the coroutine machinery ----

bool detail::final_suspend_ready(PromiseBase&) noexcept { hpc::common::not_implemented(); }

std::coroutine_handle<> detail::after_final_suspend(PromiseBase&, std::coroutine_handle<>) noexcept {
  hpc::common::not_implemented();
}

std::coroutine_handle<> detail::start_awaited(PromiseBase&, std::coroutine_handle<>) {
  hpc::common::not_implemented();
}

void detail::store_exception(PromiseBase&) noexcept { hpc::common::not_implemented(); }

void detail::rethrow_if_failed(const PromiseBase&) { hpc::common::not_implemented(); }

EventLoop::EventLoop() : state_(std::make_unique<State>()) {}

EventLoop::~EventLoop() = default;  // must destroy the frames of unfinished spawned tasks

void EventLoop::spawn(Task<void>) { hpc::common::not_implemented(); }

void EventLoop::run() { hpc::common::not_implemented(); }

void EventLoop::run_until_finished(detail::PromiseBase&) { hpc::common::not_implemented(); }

std::size_t EventLoop::pending_tasks() const { hpc::common::not_implemented(); }

// ---- Task 2: timers and gather ----

void detail::suspend_until(std::coroutine_handle<>, Clock::time_point) { hpc::common::not_implemented(); }

// Not a coroutine yet (no co_await in it), so the stub compiles; yours will be one.
Task<void> gather(std::vector<Task<void>>) { hpc::common::not_implemented(); }

}  // namespace hpc::async::mini
