// What the compiler does with co_await, printed step by step: a hand-made coroutine type (a promise)
// and a hand-made awaitable (an awaiter) whose every hook says when it is called, driven by a two-line
// "event loop" (a queue of coroutine handles to resume). No library: this is all of C++20's machinery
// under Asio's awaitable and lab 10's mini::Task.
//
//   ch10_demo_machinery            the trace of one coroutine awaiting twice
//   ch10_demo_machinery --quick    the same (it takes microseconds)
//
// Exits 1 when the trace is not in the order the standard prescribes.
#include <coroutine>
#include <cstdio>
#include <deque>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

std::vector<std::string> trace;
void step(const std::string& what) {
  trace.push_back(what);
  std::printf("  %s\n", what.c_str());
}

std::deque<std::coroutine_handle<>> ready;  // the whole event loop: work that can run now

// [snippet:promise]
// The return type of a coroutine names its promise type; the compiler allocates a frame (on the heap,
// unless it can prove the frame's lifetime) holding the promise, the parameters and the locals that
// live across a suspension, then calls these hooks.
struct Job {
  struct promise_type {
    Job get_return_object() {
      step("promise.get_return_object(): the caller's Job, made before the body runs");
      return Job{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() {
      step("promise.initial_suspend(): suspend_always, so the body waits until someone resumes it (lazy)");
      return {};
    }
    std::suspend_always final_suspend() noexcept {
      step("promise.final_suspend(): the body ended; stay suspended so the owner can destroy the frame");
      return {};
    }
    void return_void() { step("promise.return_void(): co_return"); }
    void unhandled_exception() { step("promise.unhandled_exception()"); }
  };
  std::coroutine_handle<promise_type> handle;
};
// [/snippet:promise]

// [snippet:awaiter]
// co_await x becomes: if (!x.await_ready()) { x.await_suspend(this coroutine's handle); <return to
// whoever resumed us> } ... and when resumed: x.await_resume() is the value of the expression.
struct NextTurn {
  int turn;
  bool await_ready() {
    step("awaiter.await_ready(): false, so the coroutine suspends");
    return false;
  }
  void await_suspend(std::coroutine_handle<> me) {
    step("awaiter.await_suspend(handle): the frame is saved; the handle goes to the back of the queue");
    ready.push_back(me);  // a timer or a socket would keep it until its event instead
  }
  int await_resume() {
    step("awaiter.await_resume(): resumed by the loop; its value is the co_await's result");
    return turn;
  }
};
// [/snippet:awaiter]

Job worker() {
  step("body: starts");
  const int a = co_await NextTurn{1};
  step("body: got " + std::to_string(a));
  const int b = co_await NextTurn{2};
  step("body: got " + std::to_string(b));
}

}  // namespace

int main(int argc, char** argv) {
  hpc::common::demo::parse_quick(argc, argv, "The hooks behind co_await, printed in the order they run.");
  std::printf("call worker():\n");
  Job job = worker();
  std::printf("the caller holds the Job; schedule its handle and run the loop:\n");
  ready.push_back(job.handle);
  // [snippet:loop]
  while (!ready.empty()) {  // the event loop: resume whatever is ready, in order
    auto next = ready.front();
    ready.pop_front();
    std::printf("loop: resume\n");
    next.resume();  // runs the coroutine until its next suspension, then returns here
  }
  // [/snippet:loop]
  std::printf("loop: nothing ready; done() = %s; destroy the frame\n", job.handle.done() ? "true" : "false");
  job.handle.destroy();

  const std::vector<std::string> expected_prefixes{
      "promise.get_return_object", "promise.initial_suspend", "body: starts", "awaiter.await_ready",
      "awaiter.await_suspend",     "awaiter.await_resume",    "body: got 1",  "awaiter.await_ready",
      "awaiter.await_suspend",     "awaiter.await_resume",    "body: got 2",  "promise.return_void",
      "promise.final_suspend"};
  bool ok = trace.size() == expected_prefixes.size();
  for (std::size_t i = 0; ok && i < trace.size(); ++i) ok = trace[i].starts_with(expected_prefixes[i]);
  if (!ok) std::printf("FAIL: the hooks ran in an unexpected order\n");
  return ok ? 0 : 1;
}
