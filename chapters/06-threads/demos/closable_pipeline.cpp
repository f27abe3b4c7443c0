// Seed 002's second pipeline: the same three stages on blocking queues, shut down cleanly. The seed's
// ClosableQueue puts a SENTINEL object into the queue, and a worker that takes it out stops; with
// several workers per stage it puts one sentinel per worker. Both runs report "99 items finished".
// We do the same two ways: with a sentinel value (one per worker), and with BoundedQueue::close(), which
// wakes every waiting worker at once and needs no special value. Then the lab's run_pipeline (task 2),
// which closes each stage's output queue when the last of its workers has finished.
//
// The seed's stage functions take no time, so more workers cannot help them. To show what several
// workers per stage buy, each stage here also waits a little per item (as a download or a disk read
// would): the waits of different workers overlap.
//
//   ch06_demo_closable_pipeline           99 items, 1 ms wait per item and stage
//   ch06_demo_closable_pipeline --quick   99 items, 0.1 ms wait (CI)
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/threads/bounded_queue.hpp"
#include "hpc/threads/pipeline.hpp"

namespace {

using hpc::threads::BoundedQueue;
using Item = std::int64_t;
using Work = Item (*)(Item);

std::chrono::microseconds g_wait{1000};

Item init_number(Item n) {
  std::this_thread::sleep_for(g_wait);
  return n;
}
Item multiply_by_2(Item n) {
  std::this_thread::sleep_for(g_wait);
  return 2 * n;
}
Item add_1(Item n) {
  std::this_thread::sleep_for(g_wait);
  return n + 1;
}
const std::vector<Work> kStages = {init_number, multiply_by_2, add_1};

// [snippet:sentinel]
// The seed's ClosableQueue.close() puts a SENTINEL; here it is a value no real item takes. A worker
// stops at the first sentinel it pops, so a stage with k workers needs k of them.
constexpr Item kSentinel = std::numeric_limits<Item>::min();

void sentinel_worker(Work work, BoundedQueue<Item>& in, BoundedQueue<Item>& out) {
  while (true) {
    const Item item = *in.pop();  // never nullopt: nobody calls close() in this version
    if (item == kSentinel) return;
    out.push(work(item));
  }
}

void stop_stage(BoundedQueue<Item>& in, std::vector<std::thread>& workers) {
  for (std::size_t i = 0; i < workers.size(); ++i) in.push(kSentinel);  // one per worker
  for (auto& worker : workers) worker.join();
}
// [/snippet:sentinel]

// [snippet:close]
// With close() the queue itself carries the shutdown: pop() returns nullopt to every worker once the
// queue is closed and drained, however many workers there are.
void closing_worker(Work work, BoundedQueue<Item>& in, BoundedQueue<Item>& out) {
  while (const auto item = in.pop()) out.push(work(*item));
}

void stop_stage_by_closing(BoundedQueue<Item>& in, std::vector<std::thread>& workers) {
  in.close();
  for (auto& worker : workers) worker.join();
}
// [/snippet:close]

// Runs the three stages with `per_stage` workers each; the calling thread feeds and then stops them in
// order, as the seed's stop_threads does.
template <class Worker, class Stop>
std::vector<Item> run(int items, int per_stage, Worker worker, Stop stop) {
  std::vector<BoundedQueue<Item>*> queues;
  std::vector<std::unique_ptr<BoundedQueue<Item>>> owned;
  for (int q = 0; q < 4; ++q) {
    owned.push_back(std::make_unique<BoundedQueue<Item>>(q == 3 ? items + 1 : 16));
    queues.push_back(owned.back().get());
  }
  std::vector<std::vector<std::thread>> stages(kStages.size());
  for (std::size_t s = 0; s < kStages.size(); ++s) {
    for (int w = 0; w < per_stage; ++w) {
      stages[s].emplace_back(worker, kStages[s], std::ref(*queues[s]), std::ref(*queues[s + 1]));
    }
  }
  for (Item n = 1; n <= items; ++n) queues[0]->push(n);
  for (std::size_t s = 0; s < kStages.size(); ++s) stop(*queues[s], stages[s]);
  queues[3]->close();
  std::vector<Item> results;
  while (const auto item = queues[3]->pop()) results.push_back(*item);
  return results;
}

std::vector<Item> run_lab_pipeline(int items, int per_stage) {
  std::vector<Item> inputs;
  for (Item n = 1; n <= items; ++n) inputs.push_back(n);
  std::vector<hpc::threads::Stage> stages = {
      {"init", init_number, per_stage}, {"multiply", multiply_by_2, per_stage}, {"add", add_1, per_stage}};
  return hpc::threads::run_pipeline(inputs, stages, 16);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick = parse_quick(
      argc, argv, "Seed 002's ClosableQueue pipeline: sentinels against close(), 1 and 3 workers per stage.");
  g_wait = std::chrono::microseconds(quick ? 100 : 1000);
  const int items = 99;  // the seed's range(1, 100)
  Item expected = 0;
  for (Item n = 1; n <= items; ++n) expected += 2 * n + 1;

  Table table({"shutdown", "workers per stage", "items finished", "sum right", "wall (ms)", "seed"});
  bool right = true;
  auto add = [&](const std::string& name, int per_stage, auto&& body) {
    std::vector<Item> results;
    const double seconds = best_seconds([&] { results = body(per_stage); }, 3);
    Item sum = 0;
    for (const Item r : results) sum += r;
    const bool ok = static_cast<int>(results.size()) == items && sum == expected;
    right = right && ok;
    table.row({name, std::to_string(per_stage), std::to_string(results.size()), ok ? "yes" : "NO",
               fixed(seconds * 1e3, 1), "99 items finished"});
  };
  for (const int per_stage : {1, 3}) {
    add("sentinel per worker", per_stage, [&](int k) { return run(items, k, sentinel_worker, stop_stage); });
    add("close()", per_stage, [&](int k) { return run(items, k, closing_worker, stop_stage_by_closing); });
    add("hpc::threads::run_pipeline", per_stage, [&](int k) { return run_lab_pipeline(items, k); });
  }
  table.print();
  std::cout << "\nBest of 3 runs; every stage waits " << g_wait.count()
            << " us per item. With one worker per stage the slowest stage sets\nthe pace (about "
            << fixed(items * g_wait.count() * 1e-3, 1)
            << " ms for 99 items); three workers per stage overlap their waits and take about a third "
               "of\nthat. Both shutdowns finish every item; close() needs no sentinel value and no count of "
               "workers.\n";
  return right ? 0 : 1;
}
