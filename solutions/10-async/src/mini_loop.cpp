// Reference solution of lab 10, tasks 1 and 2: the tiny event loop (labs/10-async/include/hpc/async/
// mini_loop.hpp says what each function promises).
#include "hpc/async/mini_loop.hpp"

#include <cstdint>
#include <deque>
#include <queue>
#include <thread>
#include <tuple>
#include <unordered_set>

namespace hpc::async::mini {

struct Timer {
  Clock::time_point deadline;
  std::uint64_t sequence;  // the order timers were set: keeps equal deadlines first-in, first-out
  std::coroutine_handle<> waiting;
};

// std::priority_queue keeps the greatest on top; "later" is greater, so the earliest deadline is on top.
struct Later {
  bool operator()(const Timer& a, const Timer& b) const {
    return std::tie(a.deadline, a.sequence) > std::tie(b.deadline, b.sequence);
  }
};

struct EventLoop::State {
  std::deque<std::coroutine_handle<>> ready;
  std::priority_queue<Timer, std::vector<Timer>, Later> timers;
  std::uint64_t next_sequence = 0;
  std::unordered_set<void*> spawned;              // frames the loop owns (addresses of their handles)
  std::vector<std::coroutine_handle<>> finished;  // spawned frames that ended, to destroy after resume()
  std::exception_ptr escaped;                     // the first exception out of a spawned task
  bool running = false;
};

namespace {

// The loop running on this thread, for the awaitables (sleep_for, gather) that need its queues.
thread_local EventLoop::State* running_loop = nullptr;

EventLoop::State& current_state(const char* what) {
  if (running_loop == nullptr) {
    throw std::logic_error(std::string(what) + " needs a running mini::EventLoop on this thread");
  }
  return *running_loop;
}

// Sets running_loop for the duration of a run, and clears it even when a run throws.
class RunningScope {
 public:
  explicit RunningScope(EventLoop::State& state) : state_(state) {
    if (state.running || running_loop != nullptr) {
      throw std::logic_error("mini::EventLoop::run called while a loop is already running on this thread");
    }
    state.running = true;
    running_loop = &state;
  }
  ~RunningScope() {
    state_.running = false;
    running_loop = nullptr;
  }
  RunningScope(const RunningScope&) = delete;
  RunningScope& operator=(const RunningScope&) = delete;

 private:
  EventLoop::State& state_;
};

// Destroys the spawned frames that ended during the last resume(), keeping the first exception.
void collect_finished(EventLoop::State& state) {
  for (std::coroutine_handle<> frame : state.finished) {
    auto& promise = std::coroutine_handle<detail::Promise<void>>::from_address(frame.address()).promise();
    if (promise.exception && !state.escaped) state.escaped = promise.exception;
    state.spawned.erase(frame.address());
    frame.destroy();
  }
  state.finished.clear();
}

// One turn: the timers that are due join the ready queue, then every coroutine that was ready at the
// start of the turn runs once. What becomes ready during the turn (a yield, a spawn) waits for the next
// turn, so a task that yields in a loop cannot starve the timers. When nothing is ready, the thread
// sleeps until the earliest deadline. Returns false when there is nothing left to do at all.
bool run_one_turn(EventLoop::State& state) {
  if (state.ready.empty() && !state.timers.empty()) {
    std::this_thread::sleep_until(state.timers.top().deadline);
  }
  const auto now = Clock::now();
  while (!state.timers.empty() && state.timers.top().deadline <= now) {
    state.ready.push_back(state.timers.top().waiting);
    state.timers.pop();
  }
  if (state.ready.empty()) return !state.timers.empty();
  for (std::size_t n = state.ready.size(); n > 0 && !state.ready.empty(); --n) {
    std::coroutine_handle<> next = state.ready.front();
    state.ready.pop_front();
    next.resume();
    collect_finished(state);
  }
  return true;
}

void rethrow_escaped(EventLoop::State& state) {
  if (state.escaped) std::rethrow_exception(std::exchange(state.escaped, nullptr));
}

}  // namespace

// ---- Task 1: the coroutine machinery ----

bool detail::final_suspend_ready(PromiseBase&) noexcept {
  // Always suspend at the end: the frame must outlive the body so that the awaiter can read the result,
  // and exactly one owner (the Task, or the loop for a spawned task) destroys it.
  constexpr bool frame_destroys_itself = false;
  return frame_destroys_itself;
}

std::coroutine_handle<> detail::after_final_suspend(PromiseBase& promise,
                                                    std::coroutine_handle<> self) noexcept {
  promise.finished = true;
  if (promise.continuation) return promise.continuation;  // symmetric transfer: no stack growth
  if (promise.owner != nullptr && running_loop != nullptr) running_loop->finished.push_back(self);
  return std::noop_coroutine();
}

std::coroutine_handle<> detail::start_awaited(PromiseBase& callee, std::coroutine_handle<> awaiting) {
  if (callee.continuation || callee.owner != nullptr || callee.finished) {
    throw std::logic_error("mini::Task awaited twice, or awaited after it was spawned");
  }
  callee.continuation = awaiting;
  return callee.self;
}

void detail::store_exception(PromiseBase& promise) noexcept { promise.exception = std::current_exception(); }

void detail::rethrow_if_failed(const PromiseBase& promise) {
  if (promise.exception) std::rethrow_exception(promise.exception);
}

EventLoop::EventLoop() : state_(std::make_unique<State>()) {}

EventLoop::~EventLoop() {
  // A spawned frame may own tasks that are themselves waiting in the queues: destroying the owner
  // destroys them, so the queues' handles are dropped without being touched.
  for (void* address : state_->spawned) std::coroutine_handle<>::from_address(address).destroy();
}

void EventLoop::spawn(Task<void> task) {
  if (!task.valid()) throw std::invalid_argument("mini::EventLoop::spawn: an empty Task");
  if (task.promise_base().continuation || task.promise_base().finished) {
    throw std::logic_error("mini::EventLoop::spawn: the task was already started");
  }
  task.promise_base().owner = this;
  std::coroutine_handle<> frame = task.release();
  state_->spawned.insert(frame.address());
  state_->ready.push_back(frame);
}

void EventLoop::run() {
  RunningScope scope(*state_);
  while (run_one_turn(*state_)) {
  }
  rethrow_escaped(*state_);
}

void EventLoop::run_until_finished(detail::PromiseBase& promise) {
  RunningScope scope(*state_);
  if (promise.continuation || promise.owner != nullptr || promise.finished) {
    throw std::logic_error("mini::EventLoop::run_until_complete: the task was already started");
  }
  state_->ready.push_back(promise.self);
  while (!promise.finished) {
    if (!run_one_turn(*state_) && !promise.finished) {
      throw std::logic_error(
          "mini::EventLoop::run_until_complete: nothing is left to run, yet the task "
          "has not finished (it waits for something outside this loop)");
    }
  }
  rethrow_escaped(*state_);
}

std::size_t EventLoop::pending_tasks() const { return state_->spawned.size(); }

// ---- Task 2: timers and gather ----

void detail::suspend_until(std::coroutine_handle<> waiting, Clock::time_point deadline) {
  EventLoop::State& state = current_state("sleep_for/sleep_until");
  if (deadline <= Clock::now()) {
    state.ready.push_back(waiting);  // a yield: behind everything that is ready now
  } else {
    state.timers.push(Timer{deadline, state.next_sequence++, waiting});
  }
}

namespace {

// What gather's children share with it: how many are still running, and who waits for the last one.
struct Join {
  std::size_t running = 0;
  std::coroutine_handle<> gatherer;
};

// Runs one child to its end; the last child to end puts the gatherer back on the ready queue.
Task<void> run_child(Task<void>& child, std::exception_ptr& error, Join& join) {
  try {
    co_await child;
  } catch (...) {
    error = std::current_exception();
  }
  if (--join.running == 0 && join.gatherer) current_state("gather").ready.push_back(join.gatherer);
}

struct AllChildrenEnded {
  Join& join;
  bool await_ready() const noexcept { return join.running == 0; }
  void await_suspend(std::coroutine_handle<> gatherer) const noexcept { join.gatherer = gatherer; }
  void await_resume() const noexcept {}
};

[[maybe_unused]] void schedule(Task<void>& task) {  // (unused only in the variant sequential_gather)
  detail::PromiseBase& promise = task.promise_base();
  if (promise.continuation || promise.owner != nullptr || promise.finished) {
    throw std::logic_error("mini::gather: a task that was already started");
  }
  current_state("gather").ready.push_back(task.handle());
}

}  // namespace

Task<void> gather(std::vector<Task<void>> tasks) {
  for (Task<void>& task : tasks) {
    if (!task.valid()) throw std::invalid_argument("mini::gather: an empty Task");
  }
  std::vector<std::exception_ptr> errors(tasks.size());
  Join join{tasks.size(), {}};
  std::vector<Task<void>> children;  // owned here: destroying this frame destroys them and their tasks
  children.reserve(tasks.size());
  for (std::size_t i = 0; i < tasks.size(); ++i) children.push_back(run_child(tasks[i], errors[i], join));
  // Every child goes on the ready queue now, so they all run concurrently.
  for (auto& child : children) schedule(child);
  co_await AllChildrenEnded{join};
  for (std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace hpc::async::mini
