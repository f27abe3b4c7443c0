// Reference solution, lab 05 task 6: a work-stealing task group.
//
// Design (one of many that pass; see LAB.md):
//   - One deque per worker plus one "outside" deque (slot 0) shared by every thread that is not a
//     worker of this group: the thread that calls run() from outside and then helps in wait().
//   - Each deque has its own mutex. Its owner pushes and pops at the back (last in, first out: the task
//     it just spawned is hot in its cache); a thief takes from the front (the oldest task, usually the
//     biggest piece of a recursive split), and takes half of what it finds, so one steal feeds it for a
//     while instead of coming back to the same lock for every tiny task.
//   - `pending` counts tasks run and not yet finished. A task spawned by a running task is counted
//     before its parent finishes, so the count reaches zero only when the whole tree is done.
//   - An idle thread first looks for work a few rounds (yielding between them), then sleeps on a
//     condition variable. Pushers and the last finisher wake sleepers only when there are any: the
//     `sleepers` count and the `epoch` number make that free of lost wake-ups (see idle()).
// Mutexes rather than a lock-free (Chase-Lev) deque: the owner's lock is almost never contended, since
// thieves come rarely and take many tasks at once, and ThreadSanitizer understands mutexes exactly.
#include "hpc/parallel/task_group.hpp"

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace hpc::parallel {

namespace {

using Task = std::function<void()>;

// Rounds of looking for work (each ends with a yield) before an idle thread sleeps. Long enough to
// bridge the gap between two bursts of tiny tasks, short enough not to burn a core for long.
constexpr int kLookRoundsBeforeSleep = 64;

struct alignas(64) Slot {  // one cache line each, so two owners never share one
  std::mutex mutex;
  std::deque<Task> tasks;
};

}  // namespace

struct TaskGroup::Impl {
  explicit Impl(unsigned workers) : slots(workers + 1) {}

  std::vector<Slot> slots;  // [0]: threads outside the group; [1..workers]: one per worker
  std::vector<std::thread> threads;

  std::atomic<std::int64_t> pending{0};  // run() and not finished

  std::mutex error_mutex;
  std::exception_ptr first_error;  // guarded by error_mutex

  std::mutex idle_mutex;
  std::condition_variable idle_cv;
  std::atomic<int> sleepers{0};  // threads between "about to sleep" and "awake again"
  std::uint64_t epoch = 0;       // guarded by idle_mutex: bumped by every wake-up
  bool stopping = false;         // guarded by idle_mutex

  void push(std::size_t slot, Task task);
  bool pop_own(std::size_t slot, Task& task);
  bool steal(std::size_t thief, std::size_t victim, Task& task);
  bool find_task(std::size_t slot, Task& task);
  void execute(Task& task);
  void wake(bool everyone);
  template <class Done>
  void idle(std::size_t slot, Done done);
  void worker_loop(std::size_t slot);
};

namespace {

// Which group's worker the current thread is, and its slot (0 for any thread that is not a worker).
thread_local const void* tl_group = nullptr;
thread_local std::size_t tl_slot = 0;

}  // namespace

void TaskGroup::Impl::push(std::size_t slot, Task task) {
  {
    std::lock_guard lock(slots[slot].mutex);
    slots[slot].tasks.push_back(std::move(task));
  }
  wake(false);
}

bool TaskGroup::Impl::pop_own(std::size_t slot, Task& task) {
  std::lock_guard lock(slots[slot].mutex);
  if (slots[slot].tasks.empty()) return false;
  task = std::move(slots[slot].tasks.back());
  slots[slot].tasks.pop_back();
  return true;
}

// Takes the oldest half of the victim's tasks: runs the first, keeps the rest in the thief's own deque.
bool TaskGroup::Impl::steal(std::size_t thief, std::size_t victim_slot, Task& task) {
  Slot& victim = slots[victim_slot];
  std::vector<Task> loot;
  {
    // Even a look at the size must hold the lock: the owner changes the deque under it.
    std::unique_lock lock(victim.mutex);
    if (victim.tasks.empty()) return false;
    const std::size_t take = (victim.tasks.size() + 1) / 2;
    loot.reserve(take);
    for (std::size_t i = 0; i < take; ++i) {
      loot.push_back(std::move(victim.tasks.front()));
      victim.tasks.pop_front();
    }
  }
  task = std::move(loot.front());
  if (loot.size() > 1) {
    {
      std::lock_guard lock(slots[thief].mutex);
      for (std::size_t i = 1; i < loot.size(); ++i) slots[thief].tasks.push_back(std::move(loot[i]));
    }
    wake(false);  // others may now steal from the thief
  }
  return true;
}

bool TaskGroup::Impl::find_task(std::size_t slot, Task& task) {
  if (pop_own(slot, task)) return true;
  // Victims in turn, starting after the thief, so that thieves do not all queue on the same lock.
  const std::size_t count = slots.size();
  for (std::size_t k = 1; k < count; ++k) {
    if (steal(slot, (slot + k) % count, task)) return true;
  }
  return false;
}

void TaskGroup::Impl::execute(Task& task) {
  try {
    task();
  } catch (...) {
    std::lock_guard lock(error_mutex);
    if (!first_error) first_error = std::current_exception();
  }
  task = nullptr;  // destroy what the task captured before it counts as finished
  if (pending.fetch_sub(1) == 1) wake(true);
}

// Wakes a sleeper (or all, for the end of the work and for stopping) if there is any. Why no wake-up is
// lost: a thread about to sleep raises `sleepers` and reads `epoch` under idle_mutex, and only then looks
// for work one last time. A push that this last look missed came after it, so the pusher sees the
// raised count (or the mutex orders them) and bumps `epoch` under the mutex, and the sleeper's wait
// predicate (epoch changed) is true before or after it blocks.
void TaskGroup::Impl::wake(bool everyone) {
  if (sleepers.load() == 0) return;
  {
    std::lock_guard lock(idle_mutex);
    ++epoch;
  }
  if (everyone) {
    idle_cv.notify_all();
  } else {
    idle_cv.notify_one();
  }
}

template <class Done>
void TaskGroup::Impl::idle(std::size_t slot, Done done) {
  for (int round = 0; round < kLookRoundsBeforeSleep; ++round) {
    std::this_thread::yield();
    if (done()) return;
    for (std::size_t k = 0; k < slots.size(); ++k) {
      // A look under the lock; the task stays where it is and the caller's next find_task takes it.
      std::lock_guard lock(slots[(slot + k) % slots.size()].mutex);
      if (!slots[(slot + k) % slots.size()].tasks.empty()) return;
    }
  }
  std::unique_lock lock(idle_mutex);
  sleepers.fetch_add(1);
  const std::uint64_t seen = epoch;
  lock.unlock();
  bool work = done();
  for (std::size_t k = 0; k < slots.size() && !work; ++k) {
    std::lock_guard slot_lock(slots[k].mutex);
    work = !slots[k].tasks.empty();
  }
  lock.lock();
  if (!work) idle_cv.wait(lock, [&] { return epoch != seen || stopping; });
  sleepers.fetch_sub(1);
}

void TaskGroup::Impl::worker_loop(std::size_t slot) {
  tl_group = this;
  tl_slot = slot;
  Task task;
  for (;;) {
    if (find_task(slot, task)) {
      execute(task);
      continue;
    }
    {
      std::lock_guard lock(idle_mutex);
      if (stopping) return;  // the destructor sets it after its wait(): nothing is left to run
    }
    idle(slot, [this] {
      std::lock_guard lock(idle_mutex);
      return stopping;
    });
  }
}

TaskGroup::TaskGroup(unsigned workers) {
  if (workers == 0) throw std::invalid_argument("TaskGroup: workers must be at least 1");
  impl_ = std::make_unique<Impl>(workers);
  try {
    for (unsigned w = 1; w <= workers; ++w) impl_->threads.emplace_back([this, w] { impl_->worker_loop(w); });
  } catch (...) {
    {
      std::lock_guard lock(impl_->idle_mutex);
      impl_->stopping = true;
    }
    impl_->idle_cv.notify_all();
    for (std::thread& t : impl_->threads) t.join();
    throw;
  }
}

TaskGroup::~TaskGroup() {
  try {
    wait();
  } catch (...) {
    // Documented: an exception no wait() rethrew is dropped; a destructor must not throw.
  }
  {
    std::lock_guard lock(impl_->idle_mutex);
    impl_->stopping = true;
    ++impl_->epoch;
  }
  impl_->idle_cv.notify_all();
  for (std::thread& t : impl_->threads) t.join();
}

void TaskGroup::run(std::function<void()> task) {
  impl_->pending.fetch_add(1);  // before the push: wait() must never see zero while it is queued
  const std::size_t slot = tl_group == impl_.get() ? tl_slot : 0;
  impl_->push(slot, std::move(task));
}

void TaskGroup::wait() {
  Impl& impl = *impl_;
  Task task;
  while (impl.pending.load() != 0) {
    if (impl.find_task(0, task)) {
      impl.execute(task);  // the waiting thread helps
    } else {
      impl.idle(0, [&impl] { return impl.pending.load() == 0; });
    }
  }
  std::exception_ptr error;
  {
    std::lock_guard lock(impl.error_mutex);
    error = std::exchange(impl.first_error, nullptr);
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace hpc::parallel
