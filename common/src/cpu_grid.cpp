// The CPU grid of cpu_grid.hpp: every (block, thread) of a launch runs a kernel body on the CPU.
//
// launch() is a plain loop. launch_cooperative() needs a real stack per GPU thread, because a body may
// stop in the middle (at sync_threads()) and go on later: each thread of a block is a std::thread, and
// the threads are reused from block to block. Outside ThreadSanitizer they run one at a time, handing a
// baton from one to the next: the schedule is then the same in every run, so a body that forgets a
// barrier gives the same wrong answer every time instead of once in a thousand runs. Under
// ThreadSanitizer they run at the same time and meet at a real barrier, so a forgotten barrier is a data
// race that TSan reports with both stacks.
#include "hpc/gpu/cpu_grid.hpp"

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#if defined(__SANITIZE_THREAD__)
#define HPC_GPU_GRID_CONCURRENT 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HPC_GPU_GRID_CONCURRENT 1
#endif
#endif

namespace hpc::gpu {

namespace {

std::string to_string(Dim3 d) {
  // Appended piece by piece: g++ 12 at -O3 gives a false -Wrestrict on "(" + std::string(...).
  std::string text = "(";
  text += std::to_string(d.x);
  text += ", ";
  text += std::to_string(d.y);
  text += ", ";
  text += std::to_string(d.z);
  text += ")";
  return text;
}

std::uint64_t count64(Dim3 d) { return std::uint64_t{d.x} * d.y * d.z; }

// x varies fastest, as CUDA numbers threads within a block.
Dim3 index_of(std::uint64_t linear, Dim3 dim) {
  return {static_cast<unsigned>(linear % dim.x), static_cast<unsigned>(linear / dim.x % dim.y),
          static_cast<unsigned>(linear / (std::uint64_t{dim.x} * dim.y))};
}

// The checks a GPU makes before it runs anything (cudaErrorInvalidConfiguration).
void check_config(const char* who, Dim3 grid, Dim3 block, std::size_t shared_bytes) {
  const std::string shape = std::string(who) + ": grid " + to_string(grid) + ", block " + to_string(block);
  if (count64(grid) == 0 || count64(block) == 0)
    throw std::invalid_argument(shape + ": every grid and block dimension must be at least 1");
  if (count64(block) > kMaxThreadsPerBlock)
    throw std::invalid_argument(shape + ": " + std::to_string(count64(block)) +
                                " threads per block, at most " + std::to_string(kMaxThreadsPerBlock));
  if (shared_bytes > kMaxSharedBytes)
    throw std::invalid_argument(shape + ": " + std::to_string(shared_bytes) +
                                " bytes of shared memory, at most " + std::to_string(kMaxSharedBytes));
}

// The order in which `count` items (blocks, or the threads of one block) are visited.
std::vector<std::uint64_t> visit_order(std::uint64_t count, Order order, std::mt19937_64& rng) {
  std::vector<std::uint64_t> items(count);
  std::iota(items.begin(), items.end(), std::uint64_t{0});
  if (order == Order::reversed) {
    std::reverse(items.begin(), items.end());
  } else if (order == Order::shuffled) {
    // Our own Fisher-Yates (std::shuffle's steps are up to the library): the same seed gives the same
    // order with every compiler.
    for (std::uint64_t i = count; i > 1; --i) std::swap(items[i - 1], items[rng() % i]);
  }
  return items;
}

// Block-shared memory, aligned for any type. Every block starts with all bytes 0xFF: as a float or a
// double that is a NaN and as an integer -1, so a slot read before any thread wrote it spoils the
// result visibly, where zeros would often pass for a correct start value of a sum.
class SharedMemory {
 public:
  explicit SharedMemory(std::size_t bytes)
      : bytes_(bytes), words_((bytes + sizeof(std::max_align_t) - 1) / sizeof(std::max_align_t)) {}
  void reset() {
    if (bytes_ > 0) std::memset(static_cast<void*>(words_.data()), 0xFF, bytes_);  // no buffer when 0 bytes
  }
  void* data() { return bytes_ == 0 ? nullptr : static_cast<void*>(words_.data()); }

 private:
  std::size_t bytes_;
  std::vector<std::max_align_t> words_;
};

// Thrown out of sync_threads() to unwind a waiting thread when its block is abandoned (another thread
// threw, or returned past a barrier). Private to this file, so no body can catch it by name.
struct StopBlock {};

}  // namespace

class Team;

// What a CpuThread knows of its launch: where the shared memory is and, in a cooperative launch, its
// team and its place in it.
struct CpuThread::Runtime {
  void* shared = nullptr;
  Team* team = nullptr;  // nullptr: launched with launch(), no barriers
  unsigned slot = 0;
};

// The threads of one block in a cooperative launch, reused for every block of the grid.
class Team {
 public:
  Team(Dim3 grid, Dim3 block, std::size_t shared_bytes, const CpuBody& body)
      : grid_(grid), block_(block), size_(block.count()), body_(body), shared_(shared_bytes), slots_(size_) {
    for (unsigned i = 0; i < size_; ++i) {
      slots_[i].runtime.team = this;
      slots_[i].runtime.slot = i;
    }
    workers_.reserve(size_);
    // A std::thread that fails to start throws from here; the destructor of the workers_ vector cannot
    // join, so stop and join what started before passing the error on.
    try {
      for (unsigned i = 0; i < size_; ++i) workers_.emplace_back([this, i] { work(i); });
    } catch (...) {
      shut_down();
      throw;
    }
  }
  ~Team() { shut_down(); }
  Team(const Team&) = delete;
  Team& operator=(const Team&) = delete;

  // Runs one block: `order` lists the slots in the order they take turns. Throws what a body threw, or
  // std::logic_error for a divergent barrier; every thread is back at rest either way.
  void run_block(Dim3 block_idx, const std::vector<std::uint64_t>& order) {
    shared_.reset();
    {
      std::scoped_lock lock(mutex_);
      for (unsigned i = 0; i < size_; ++i) {
        Slot& s = slots_[i];
        s.block_idx = block_idx;
        s.thread_idx = index_of(i, block_);
        s.runtime.shared = shared_.data();
        s.state = State::ready;
        s.barriers = 0;
      }
      stop_ = false;
      error_ = nullptr;
    }
#if defined(HPC_GPU_GRID_CONCURRENT)
    (void)order;
    run_concurrently();
#else
    run_with_baton(order);
#endif
    if (error_) std::rethrow_exception(error_);
  }

  void sync_threads(unsigned slot);

 private:
  enum class State { ready, running, at_barrier, done };
  struct Slot {
    Dim3 block_idx, thread_idx;
    CpuThread::Runtime runtime;
    State state = State::ready;
    unsigned barriers = 0;  // sync_threads() calls so far in this block
    // Baton mode wakes exactly the thread whose turn it is: with one condition variable for all, every
    // hand-over would wake the whole block (a 256-thread reduction took minutes instead of milliseconds).
    std::condition_variable turn;
  };
  static constexpr unsigned kMain = ~0u;  // the baton is with the launching thread

  void work(unsigned slot);
  void run_body(unsigned slot);
  void fail(std::exception_ptr error) {  // with mutex_ held: keeps the first error
    if (!error_) error_ = std::move(error);
    stop_ = true;
  }
  std::exception_ptr divergence(unsigned returned, unsigned waiting) const;
  void shut_down() {
    {
      std::scoped_lock lock(mutex_);
      shutdown_ = true;
    }
    wake_.notify_all();
    for (auto& s : slots_) s.turn.notify_all();
    for (auto& w : workers_)
      if (w.joinable()) w.join();
  }
#if defined(HPC_GPU_GRID_CONCURRENT)
  void run_concurrently();
#else
  void run_with_baton(const std::vector<std::uint64_t>& order);
  void pass_baton_to(unsigned slot, std::unique_lock<std::mutex>& lock) {
    turn_ = slot;
    slots_[slot].turn.notify_one();
    wake_.wait(lock, [&] { return turn_ == kMain; });
  }
#endif

  Dim3 grid_, block_;
  unsigned size_;
  const CpuBody& body_;
  SharedMemory shared_;
  std::vector<Slot> slots_;
  std::vector<std::thread> workers_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool shutdown_ = false;
  bool stop_ = false;  // the block is abandoned: waiting threads unwind
  std::exception_ptr error_;
#if defined(HPC_GPU_GRID_CONCURRENT)
  std::uint64_t start_ = 0;  // counts block starts: a change tells the workers to begin
  unsigned waiting_ = 0, done_ = 0;
  std::uint64_t barrier_generation_ = 0;
#else
  unsigned turn_ = kMain;
#endif
};

std::exception_ptr Team::divergence(unsigned returned, unsigned waiting) const {
  const Slot& r = slots_[returned];
  return std::make_exception_ptr(std::logic_error(
      "launch_cooperative: in block " + to_string(r.block_idx) + ", thread " + to_string(r.thread_idx) +
      " returned while thread " + to_string(slots_[waiting].thread_idx) + " waits at barrier " +
      std::to_string(slots_[waiting].barriers) +
      " (a sync_threads() that not every thread of the block reaches: undefined on a GPU, often a hang)"));
}

void Team::run_body(unsigned slot) {
  Slot& s = slots_[slot];
  const CpuThread thread(s.block_idx, s.thread_idx, block_, grid_, &s.runtime);
  try {
    body_(thread);
  } catch (const StopBlock&) {
    // unwound on purpose: the block's error is recorded already
  } catch (...) {
    std::scoped_lock lock(mutex_);
    fail(std::current_exception());
  }
}

#if !defined(HPC_GPU_GRID_CONCURRENT)

// Baton mode. Exactly one thread runs at any time: the launching thread hands the baton to a worker
// (turn_ = slot) and waits until the worker gives it back (turn_ = kMain) by reaching a barrier or its end.
void Team::work(unsigned slot) {
  std::unique_lock lock(mutex_);
  for (;;) {
    slots_[slot].turn.wait(lock, [&] { return shutdown_ || turn_ == slot; });
    if (shutdown_) return;
    slots_[slot].state = State::running;
    lock.unlock();
    run_body(slot);
    lock.lock();
    slots_[slot].state = State::done;
    turn_ = kMain;
    wake_.notify_one();  // only the launching thread waits on wake_ in baton mode
  }
}

void Team::sync_threads(unsigned slot) {
  std::unique_lock lock(mutex_);
  Slot& s = slots_[slot];
  s.state = State::at_barrier;
  ++s.barriers;
  turn_ = kMain;
  wake_.notify_one();
  s.turn.wait(lock, [&] { return turn_ == slot; });
  if (stop_) throw StopBlock{};
  s.state = State::running;
}

void Team::run_with_baton(const std::vector<std::uint64_t>& order) {
  std::unique_lock lock(mutex_);
  for (;;) {  // one phase: every thread once, up to its next barrier or its end
    for (const std::uint64_t slot : order) {
      if (slots_[slot].state == State::done) continue;
      pass_baton_to(static_cast<unsigned>(slot), lock);
      if (stop_) break;
    }
    unsigned returned = kMain, waiting = kMain;
    for (unsigned i = 0; i < size_; ++i) {
      if (slots_[i].state == State::done && returned == kMain) returned = i;
      if (slots_[i].state == State::at_barrier && waiting == kMain) waiting = i;
    }
    if (!stop_ && waiting == kMain) return;  // every thread finished
    if (!stop_ && returned != kMain) fail(divergence(returned, waiting));
    if (stop_) {
      // Unwind the threads that still wait, one at a time as always, then report.
      for (unsigned i = 0; i < size_; ++i)
        if (slots_[i].state == State::at_barrier) pass_baton_to(i, lock);
      return;
    }
  }
}

#else

// Concurrent mode (ThreadSanitizer): all threads of the block run at once and meet at a barrier made of
// a mutex and a condition variable. It synchronises exactly as std::barrier would (TSan sees the
// happens-before edges), and, unlike std::barrier, it can tell that a thread returned while others wait
// and can release the waiters when the block is abandoned.
void Team::work(unsigned slot) {
  std::unique_lock lock(mutex_);
  std::uint64_t seen = 0;
  for (;;) {
    wake_.wait(lock, [&] { return shutdown_ || start_ != seen; });
    if (shutdown_) return;
    seen = start_;
    slots_[slot].state = State::running;
    lock.unlock();
    run_body(slot);
    lock.lock();
    slots_[slot].state = State::done;
    ++done_;
    if (waiting_ > 0 && !stop_) {
      for (unsigned i = 0; i < size_; ++i)
        if (slots_[i].state == State::at_barrier) {
          fail(divergence(slot, i));
          break;
        }
    }
    wake_.notify_all();
  }
}

void Team::sync_threads(unsigned slot) {
  std::unique_lock lock(mutex_);
  Slot& s = slots_[slot];
  ++s.barriers;
  if (!stop_ && done_ > 0) {
    for (unsigned i = 0; i < size_; ++i)
      if (slots_[i].state == State::done) {
        fail(divergence(i, slot));
        break;
      }
  }
  if (stop_) {
    wake_.notify_all();
    throw StopBlock{};
  }
  s.state = State::at_barrier;
  if (++waiting_ == size_) {
    waiting_ = 0;
    ++barrier_generation_;
    for (auto& other : slots_) other.state = State::running;
    wake_.notify_all();
    return;
  }
  const std::uint64_t generation = barrier_generation_;
  wake_.wait(lock, [&] { return stop_ || barrier_generation_ != generation; });
  if (barrier_generation_ == generation) {  // released by stop_, not by the last arrival
    --waiting_;
    throw StopBlock{};
  }
}

void Team::run_concurrently() {
  std::unique_lock lock(mutex_);
  waiting_ = 0;
  done_ = 0;
  ++start_;
  wake_.notify_all();
  wake_.wait(lock, [&] { return done_ == size_; });
}

#endif

void CpuThread::sync_threads() const {
  if (runtime_ == nullptr || runtime_->team == nullptr)
    throw std::logic_error("sync_threads() in a kernel launched with launch(): use launch_cooperative");
  runtime_->team->sync_threads(runtime_->slot);
}

void* CpuThread::shared_memory() const { return runtime_ == nullptr ? nullptr : runtime_->shared; }

void launch(Dim3 grid, Dim3 block, const CpuBody& body, const LaunchOptions& options,
            std::size_t shared_bytes) {
  check_config("launch", grid, block, shared_bytes);
  std::mt19937_64 rng(options.seed);
  SharedMemory shared(shared_bytes);
  CpuThread::Runtime runtime;
  runtime.shared = shared.data();
  for (const std::uint64_t b : visit_order(count64(grid), options.order, rng)) {
    shared.reset();
    const Dim3 block_idx = index_of(b, grid);
    for (const std::uint64_t t : visit_order(count64(block), options.order, rng))
      body(CpuThread(block_idx, index_of(t, block), block, grid, &runtime));
  }
}

void launch_cooperative(Dim3 grid, Dim3 block, std::size_t shared_bytes, const CpuBody& body,
                        const LaunchOptions& options) {
  check_config("launch_cooperative", grid, block, shared_bytes);
  std::mt19937_64 rng(options.seed);
  Team team(grid, block, shared_bytes, body);
  for (const std::uint64_t b : visit_order(count64(grid), options.order, rng))
    team.run_block(index_of(b, grid), visit_order(count64(block), options.order, rng));
}

std::string to_string(const LaunchOptions& options) {
  switch (options.order) {
    case Order::in_order:
      return "in order";
    case Order::reversed:
      return "reversed";
    case Order::shuffled:
      return "shuffled (seed " + std::to_string(options.seed) + ")";
  }
  return "unknown order";
}

}  // namespace hpc::gpu
