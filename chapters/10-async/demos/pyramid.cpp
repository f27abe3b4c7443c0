// One two-step task written three ways (the book's chapter 6: callbacks, futures, event loops): look a
// user up by name, then fetch that user's orders. Each step waits 50 ms (a stand-in for a server), and
// the program runs 20 of these tasks at once, each way:
//
//   callbacks    Asio timers, each step's continuation a lambda inside the previous one's (the
//                "pyramid": every further step adds a level, and errors are checked at each level)
//   futures      std::async for each step. std::future has no .then(), so the second step is a task
//                that blocks in get() until the first is done: a thread per waiting continuation
//   coroutines   asio::awaitable: the same two steps written one under the other, co_await at each
//
//   ch10_demo_pyramid            20 tasks at once, 50 ms steps
//   ch10_demo_pyramid --quick    the same with 10 ms steps (CI)
//   ch10_demo_pyramid --tasks 200
//
// The table shows what each costs in threads: callbacks and coroutines run every task on the loop's one
// thread, futures need two threads per task while they wait. Exits 1 when a result is wrong or a way
// did not run the tasks at once (took more than 3 steps' time).
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

using std::chrono::milliseconds;
milliseconds step{50};

std::mutex threads_mutex;
std::set<std::thread::id> threads_used;  // every thread that ran a step or a continuation
void note_thread() {
  std::scoped_lock lock(threads_mutex);
  threads_used.insert(std::this_thread::get_id());
}

// The answers the two "servers" give, so every way's results can be checked.
int user_id_of(const std::string& name) { return static_cast<int>(name.size()) * 7; }
int orders_of_id(int id) { return id % 5; }

// ---- callbacks ----------------------------------------------------------------------------------
using Callback = std::function<void(std::error_code, int)>;

void look_up_user(asio::io_context& loop, std::string name, Callback done) {
  auto timer = std::make_shared<asio::steady_timer>(loop, step);  // must live until it fires
  timer->async_wait([timer, name, done](std::error_code error) { done(error, user_id_of(name)); });
}

void fetch_orders(asio::io_context& loop, int id, Callback done) {
  auto timer = std::make_shared<asio::steady_timer>(loop, step);
  timer->async_wait([timer, id, done](std::error_code error) { done(error, orders_of_id(id)); });
}

// [snippet:callbacks]
void orders_with_callbacks(asio::io_context& loop, const std::string& name, int& result) {
  look_up_user(loop, name, [&loop, &result](std::error_code error, int id) {
    note_thread();
    if (error) return;  // every level checks its own error
    fetch_orders(loop, id, [&result](std::error_code error, int orders) {
      note_thread();
      if (error) return;
      result = orders;  // a third step would nest one level deeper here
    });
  });
}
// [/snippet:callbacks]

// ---- futures ------------------------------------------------------------------------------------
int look_up_user_blocking(const std::string& name) {
  note_thread();
  std::this_thread::sleep_for(step);
  return user_id_of(name);
}

int fetch_orders_blocking(int id) {
  note_thread();
  std::this_thread::sleep_for(step);
  return orders_of_id(id);
}

// [snippet:futures]
std::future<int> orders_with_futures(const std::string& name) {
  std::future<int> id = std::async(std::launch::async, look_up_user_blocking, name);
  // No id.then(fetch_orders): the continuation is a second task whose thread waits in get().
  return std::async(std::launch::async, [id = std::move(id)]() mutable {
    note_thread();
    return fetch_orders_blocking(id.get());
  });
}
// [/snippet:futures]

// ---- coroutines ---------------------------------------------------------------------------------
asio::awaitable<int> wait_then(int answer) {
  asio::steady_timer timer(co_await asio::this_coro::executor, step);
  co_await timer.async_wait(asio::use_awaitable);
  note_thread();
  co_return answer;
}

// [snippet:coroutines]
asio::awaitable<void> orders_with_coroutines(std::string name, int& result) {
  const int id = co_await wait_then(user_id_of(name));  // look_up_user
  result = co_await wait_then(orders_of_id(id));        // fetch_orders: the next line, not a level deeper
}
// [/snippet:coroutines]

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long tasks = 20;
  hpc::common::demo::Args args(argv[0],
                               "A two-step task with callbacks, futures and coroutines (book ch. 6).");
  args.flag("quick", quick, "10 ms steps (what CI runs)")
      .option("tasks", tasks, "tasks at once (default 20)");
  args.parse(argc, argv);
  if (quick) step = milliseconds(10);
  if (tasks > 500) {
    std::fprintf(stderr, "%s: --tasks %ld: at most 500 (the futures way starts two threads per task)\n\n",
                 argv[0], tasks);
    return 2;
  }
  std::vector<std::string> names;
  for (long i = 0; i < tasks; ++i)
    names.push_back("user" + std::string(static_cast<std::size_t>(i % 7), 'x'));

  struct Row {
    const char* way;
    double seconds;
    std::size_t threads;
    bool right;
  };
  std::vector<Row> rows;
  const auto run = [&](const char* way, auto body) {
    threads_used.clear();
    std::vector<int> results(names.size(), -1);
    const auto start = std::chrono::steady_clock::now();
    body(results);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    bool right = true;
    for (std::size_t i = 0; i < names.size(); ++i)
      right = right && results[i] == orders_of_id(user_id_of(names[i]));
    rows.push_back({way, took.count(), threads_used.size(), right});
  };

  run("callbacks (Asio timers, nested lambdas)", [&](std::vector<int>& results) {
    asio::io_context loop;
    for (std::size_t i = 0; i < names.size(); ++i) orders_with_callbacks(loop, names[i], results[i]);
    loop.run();
  });
  run("futures (std::async, get() as the continuation)", [&](std::vector<int>& results) {
    std::vector<std::future<int>> futures;
    for (const auto& name : names) futures.push_back(orders_with_futures(name));
    for (std::size_t i = 0; i < names.size(); ++i) results[i] = futures[i].get();
  });
  run("coroutines (asio::awaitable, co_await)", [&](std::vector<int>& results) {
    asio::io_context loop;
    for (std::size_t i = 0; i < names.size(); ++i)
      asio::co_spawn(loop, orders_with_coroutines(names[i], results[i]), asio::detached);
    loop.run();
  });

  std::printf("%ld tasks at once, two steps of %lld ms each (ideal: %lld ms)\n\n", tasks,
              static_cast<long long>(step.count()), static_cast<long long>(2 * step.count()));
  hpc::common::demo::Table table({"way", "took (ms)", "threads that ran steps", "results right"});
  bool ok = true;
  for (const auto& row : rows) {
    table.row({row.way, hpc::common::demo::fixed(row.seconds * 1000, 1), std::to_string(row.threads),
               row.right ? "yes" : "NO"});
    ok = ok && row.right && row.seconds < 3 * std::chrono::duration<double>(step).count() + 0.05;
  }
  table.print();
  return ok ? 0 : 1;
}
