// Seed 002's first pipeline: three stages (make a number, double it, add 1), each a thread that takes
// work from a lock-protected deque and, when the deque is empty, catches the error and naps 10 ms before
// trying again. The main thread spins until the last queue holds every result. The seed processed 1,000
// items "after polling 3,080 times". We count the same polls, add the main thread's spins, and measure
// the CPU time the waiting burns; then we run the same pipeline on blocking queues (BoundedQueue, lab
// task 1), where a thread with nothing to do sleeps inside pop() until an item or close() arrives.
//
//   ch06_demo_pipeline_polling           1,000 items (the seed's count)
//   ch06_demo_pipeline_polling --quick   the same 1,000 items (it takes milliseconds)
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/threads/bounded_queue.hpp"

namespace {

using Item = std::int64_t;

Item init_number(Item n) { return n; }  // the seed draws a random number; we keep n so results can be checked
Item multiply_by_2(Item n) { return 2 * n; }
Item add_1(Item n) { return n + 1; }

// The seed's MyQueue: a deque behind a lock. get() on an empty queue says so instead of waiting.
class PollingQueue {
 public:
  void put(Item item) {
    std::lock_guard guard(mutex_);
    items_.push_back(item);
  }
  std::optional<Item> get() {
    std::lock_guard guard(mutex_);
    if (items_.empty()) return std::nullopt;
    const Item item = items_.front();
    items_.pop_front();
    return item;
  }
  std::size_t size() const {
    std::lock_guard guard(mutex_);
    return items_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::deque<Item> items_;
};

struct Polls {
  std::atomic<long> total{0};
  std::atomic<long> empty{0};
};

// [snippet:polling-worker]
// The seed's Worker.run: poll, and on an empty queue nap and poll again. It can only stop because the
// jthread's stop token asks it to; the seed's version loops forever.
void polling_worker(std::stop_token stop, Item (*func)(Item), PollingQueue& in, PollingQueue& out,
                    std::chrono::microseconds nap, Polls& polls) {
  while (!stop.stop_requested()) {
    ++polls.total;
    if (const auto item = in.get()) {
      out.put(func(*item));
    } else {
      ++polls.empty;
      if (nap.count() > 0) std::this_thread::sleep_for(nap);
    }
  }
}
// [/snippet:polling-worker]

// [snippet:blocking-worker]
// The same stage on blocking queues: pop() sleeps until there is an item, and returns nullopt once the
// queue is closed and drained, which ends the loop. No polling, no stop flag.
void blocking_worker(Item (*func)(Item), hpc::threads::BoundedQueue<Item>& in,
                     hpc::threads::BoundedQueue<Item>& out, long& pops) {
  while (const auto item = in.pop()) {
    ++pops;
    out.push(func(*item));
  }
  ++pops;  // the last pop, which returned nullopt
}
// [/snippet:blocking-worker]

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

struct Result {
  long worker_polls = 0;
  long empty_polls = 0;
  long main_spins = 0;
  double wall = 0;
  double cpu = 0;
  Item sum = 0;
};

Result run_polling(int items, std::chrono::microseconds nap) {
  PollingQueue init_queue, multiply_queue, add_queue, done_queue;
  Polls polls;
  Result result;
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  {
    std::vector<std::jthread> threads;
    threads.emplace_back(polling_worker, init_number, std::ref(init_queue), std::ref(multiply_queue), nap,
                         std::ref(polls));
    threads.emplace_back(polling_worker, multiply_by_2, std::ref(multiply_queue), std::ref(add_queue), nap,
                         std::ref(polls));
    threads.emplace_back(polling_worker, add_1, std::ref(add_queue), std::ref(done_queue), nap,
                         std::ref(polls));
    for (int i = 0; i < items; ++i) init_queue.put(i);
    while (done_queue.size() < static_cast<std::size_t>(items)) ++result.main_spins;  // the seed's busy wait
  }  // each ~jthread asks its worker to stop, then joins it
  result.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.cpu = cpu_seconds() - cpu_start;
  result.worker_polls = polls.total;
  result.empty_polls = polls.empty;
  while (const auto item = done_queue.get()) result.sum += *item;
  return result;
}

Result run_blocking(int items) {
  using hpc::threads::BoundedQueue;
  BoundedQueue<Item> init_queue(64), multiply_queue(64), add_queue(64), done_queue(items);
  long pops[3] = {0, 0, 0};
  Result result;
  const double cpu_start = cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  {
    std::jthread a(blocking_worker, init_number, std::ref(init_queue), std::ref(multiply_queue),
                   std::ref(pops[0]));
    std::jthread b(blocking_worker, multiply_by_2, std::ref(multiply_queue), std::ref(add_queue),
                   std::ref(pops[1]));
    std::jthread c(blocking_worker, add_1, std::ref(add_queue), std::ref(done_queue), std::ref(pops[2]));
    for (int i = 0; i < items; ++i) init_queue.push(i);
    init_queue.close();  // the shutdown travels down: each stage closes the next queue when it is done
    a.join();
    multiply_queue.close();
    b.join();
    add_queue.close();
    c.join();
  }
  done_queue.close();
  result.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.cpu = cpu_seconds() - cpu_start;
  result.worker_polls = pops[0] + pops[1] + pops[2];
  while (const auto item = done_queue.pop()) result.sum += *item;
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  parse_quick(argc, argv, "Seed 002's busy-polling pipeline against the same pipeline on blocking queues.");
  const int items = 1000;  // the seed's count; the run takes milliseconds, so --quick keeps it
  Item expected = 0;
  for (Item i = 0; i < items; ++i) expected += 2 * i + 1;

  const Result napping = run_polling(items, std::chrono::milliseconds(10));
  const Result spinning = run_polling(items, std::chrono::microseconds(0));
  const Result blocking = run_blocking(items);

  Table table(
      {"pipeline", "worker gets", "empty gets", "main-thread spins", "wall (ms)", "CPU (ms)", "seed"});
  auto add = [&](const std::string& name, const Result& r, const std::string& seed) {
    table.row({name, grouped(r.worker_polls), grouped(r.empty_polls), grouped(r.main_spins),
               fixed(r.wall * 1e3, 2), fixed(r.cpu * 1e3, 2), seed});
  };
  add("polling, 10 ms nap when empty", napping, "3,080 polls");
  add("polling, no nap (pure spin)", spinning, "-");
  add("blocking queues + close()", blocking, "(Queue: no polls)");
  table.print();
  std::cout << "\n"
            << grouped(items)
            << " items through three stages. A get is one look at the input queue; an empty get found\n"
               "nothing. The blocking pipeline's gets are one per item and stage plus the final one that "
               "sees the\nclosed queue; it has no empty gets and no spinning main thread, so its CPU time "
               "is the work itself.\nCPU time counts every thread of the process, so the spinning rows can "
               "exceed the wall time.\n";
  const bool right = napping.sum == expected && spinning.sum == expected && blocking.sum == expected &&
                     blocking.empty_polls == 0 && blocking.worker_polls == 3 * items + 3;
  return right ? 0 : 1;
}
