// The book's chapter 16 cooking analogy: three courses, each prepared (the cook's hands are busy) and
// then cooked (the stove works, the cook is free). Appetizer 2 + 3 minutes, main 5 + 10, dessert 3 + 5.
// One after the other the meal takes 28 minutes; in the order appetizer, main, dessert, starting each
// preparation while the previous course cooks, 17; main first, 15.
//
//   ch10_demo_cooking                   every order computed, then the main-first order simulated on an
//                                       event loop with 1 minute = 100 ms
//   ch10_demo_cooking --quick           1 minute = 10 ms (CI)
//   ch10_demo_cooking --minute-ms 1000  a minute a second
//
// The simulation is one coroutine per course on one Asio loop: the preparation is a wait that holds the
// cook (one cook: the coroutines take turns, in the order given), the cooking a timer that does not. It
// is the event loop's idea in a kitchen: waiting for the stove is not work, so the one cook (the one
// thread) starts the next course meanwhile. Exits 1 when the simulated meal is not within 20% of the
// computed time.
#include <algorithm>
#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "timeline.hpp"

namespace {

struct Course {
  std::string name;
  int prep_minutes;
  int cook_minutes;
};

// [snippet:meal-time]
// One cook prepares the courses one after another; a course cooks by itself once prepared. The meal is
// ready when the last course is.
int meal_minutes(const std::vector<Course>& order) {
  int cook_free_at = 0;
  int ready_at = 0;
  for (const auto& course : order) {
    cook_free_at += course.prep_minutes;
    ready_at = std::max(ready_at, cook_free_at + course.cook_minutes);
  }
  return ready_at;
}
// [/snippet:meal-time]

int sequential_minutes(const std::vector<Course>& courses) {
  int total = 0;
  for (const auto& course : courses) total += course.prep_minutes + course.cook_minutes;
  return total;
}

ch10::Timeline timeline;

// [snippet:simulate]
// The cook (one coroutine, like the loop's one thread) prepares each course, then hands it to the stove
// (a coroutine of its own that only waits) and goes on with the next preparation at once.
asio::awaitable<void> on_the_stove(Course course, std::chrono::milliseconds minute) {
  asio::steady_timer stove(co_await asio::this_coro::executor, course.cook_minutes * minute);
  co_await stove.async_wait(asio::use_awaitable);
  timeline.print(course.name + " is ready");
}

asio::awaitable<void> cook(std::vector<Course> order, std::chrono::milliseconds minute) {
  const auto loop = co_await asio::this_coro::executor;
  asio::steady_timer hands(loop);
  for (const auto& course : order) {
    timeline.print("prepare the " + course.name);
    hands.expires_after(course.prep_minutes * minute);
    co_await hands.async_wait(asio::use_awaitable);
    timeline.print("the " + course.name + " goes on the stove", 1);
    asio::co_spawn(loop, on_the_stove(course, minute), asio::detached);  // create_task: not awaited
  }
}
// [/snippet:simulate]

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long minute_ms = 100;
  hpc::common::demo::Args args(argv[0], "The book's cooking analogy: every order computed, one simulated.");
  args.flag("quick", quick, "1 minute = 10 ms (what CI runs)")
      .option("minute-ms", minute_ms, "one minute in ms");
  args.parse(argc, argv);
  if (quick && !args.given("minute-ms")) minute_ms = 10;
  if (minute_ms > 2000) {
    std::fprintf(stderr, "%s: --minute-ms %ld: at most 2000\n", argv[0], minute_ms);
    return 2;
  }

  const Course appetizer{"appetizer", 2, 3}, main_course{"main", 5, 10}, dessert{"dessert", 3, 5};
  std::vector<Course> order{appetizer, dessert, main_course};  // sorted by name: all permutations follow
  std::sort(order.begin(), order.end(), [](const Course& a, const Course& b) { return a.name < b.name; });

  hpc::common::demo::Table table({"order", "minutes", "book"});
  table.row({"one after the other (no overlap)", std::to_string(sequential_minutes(order)), "28"});
  int best = 1 << 30;
  std::vector<Course> best_order;
  do {
    std::string names;
    for (const auto& c : order) names += (names.empty() ? "" : ", ") + c.name;
    const int minutes = meal_minutes(order);
    const bool book_order = names == "appetizer, main, dessert" || names == "main, appetizer, dessert";
    table.row({names, std::to_string(minutes), book_order ? (minutes == 17 ? "17" : "15") : "-"});
    if (minutes < best) best = minutes, best_order = order;
  } while (std::next_permutation(order.begin(), order.end(),
                                 [](const Course& a, const Course& b) { return a.name < b.name; }));
  table.print();
  std::printf("\nbest: %d minutes (main first: its 10 minutes on the stove cover the other preparations)\n\n",
              best);

  const std::vector<Course> simulated{main_course, appetizer, dessert};
  const std::chrono::milliseconds minute{minute_ms};
  std::printf("## main, appetizer, dessert on one event loop, 1 minute = %ld ms\n\n", minute_ms);
  asio::io_context loop;
  asio::co_spawn(loop, cook(simulated, minute), asio::detached);
  timeline.restart();
  loop.run();
  const double took = timeline.seconds();
  const double expected = meal_minutes(simulated) * minute_ms / 1000.0;
  std::printf("\nsimulated: %.3f s = %.1f minutes (computed: %d), on %zu thread\n", took,
              took * 1000.0 / minute_ms, meal_minutes(simulated), timeline.threads_seen());
  return took < 1.2 * expected && took > 0.95 * expected ? 0 : 1;
}
