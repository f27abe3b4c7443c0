// The dining philosophers (book ch. 19, example3 and example4): five seats, five forks. Everyone taking
// the left fork and then the right one deadlocks; here a barrier after the first fork forces that
// schedule, and the watchdog ends the hang. Then the fixes, each breaking the circular wait or the
// hold-and-wait: resource ranking, std::scoped_lock, a waiter, and asymmetric seats.
//
//   ch11_demo_dining            100,000 meals per philosopher
//   ch11_demo_dining --quick    5,000 meals (CI)
#include "hpc/races/dining.hpp"

#include <atomic>
#include <barrier>
#include <chrono>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "watchdog_outcome.hpp"

namespace {

using namespace hpc::common::demo;
using hpc::races::AfterFirstFork;
using hpc::races::DiningStrategy;
using hpc::races::EatFn;
using hpc::races::demo::describe;
using hpc::races::demo::SharedCounters;

constexpr int kSeats = 5;

// [snippet:naive]
// The book's philosopher: left fork, then right fork, every time. If all five hold their left fork at
// once, each waits for a right fork that its neighbour will never put down.
void dine_left_then_right(int meals_each, const EatFn& eat, const AfterFirstFork& pause_holding_one_fork) {
  std::vector<std::mutex> forks(kSeats);
  std::vector<std::jthread> table;
  for (int seat = 0; seat < kSeats; ++seat) {
    table.emplace_back([&, seat] {
      std::mutex& left = forks[seat];
      std::mutex& right = forks[(seat + 1) % kSeats];
      for (int meal = 0; meal < meals_each; ++meal) {
        std::lock_guard hold_left(left);
        if (pause_holding_one_fork) pause_holding_one_fork(seat);
        std::lock_guard hold_right(right);
        eat(seat);
      }
    });
  }
}
// [/snippet:naive]

// [snippet:scoped]
// The same table with std::scoped_lock: it takes both forks or, if the second one is busy, puts the
// first one back and tries again (libstdc++ then starts from the fork that was busy).
void dine_scoped_lock(int meals_each, const EatFn& eat) {
  std::vector<std::mutex> forks(kSeats);
  std::vector<std::jthread> table;
  for (int seat = 0; seat < kSeats; ++seat) {
    table.emplace_back([&, seat] {
      for (int meal = 0; meal < meals_each; ++meal) {
        std::scoped_lock both(forks[seat], forks[(seat + 1) % kSeats]);
        eat(seat);
      }
    });
  }
}
// [/snippet:scoped]

// Counts meals in memory the parent can read after killing a hung child, and checks that no two
// neighbours ever eat at the same time.
struct Dinner {
  SharedCounters<kSeats + 1> counts;  // meals per seat, then neighbour clashes
  std::atomic<int> eating[kSeats] = {};

  EatFn eat() {
    return [this](int seat) {
      if (eating[(seat + kSeats - 1) % kSeats].load() != 0 || eating[(seat + 1) % kSeats].load() != 0) {
        counts[kSeats].fetch_add(1);
      }
      eating[seat].store(1);
      counts[seat].fetch_add(1, std::memory_order_relaxed);
      eating[seat].store(0);
    };
  }
  std::string meals() {
    std::string text;
    for (int seat = 0; seat < kSeats; ++seat) text += (seat ? " / " : "") + grouped(counts[seat].load());
    return text;
  }
};

struct Row {
  std::string strategy, breaks, book;
  std::function<void(Dinner&)> run;
  bool may_hang;
};

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long meals = 100'000;
  Args args(argv[0], "The dining philosophers (book ch. 19): a forced deadlock, then four fixes.");
  args.flag("quick", quick, "5,000 meals per philosopher (what CI runs)")
      .option("meals", meals, "meals per philosopher (default 100,000)")
      .parse(argc, argv);
  if (quick && !args.given("meals")) meals = 5'000;
  const int meals_each = static_cast<int>(meals);
  const double limit_s = quick ? 0.4 : 2.0;
  const int attempts = quick ? 2 : 5;

  // [snippet:forced]
  // Forcing the deadlock: nobody reaches for a second fork before all five hold their first one.
  std::barrier all_hold_left(kSeats);
  const AfterFirstFork wait_for_everyone = [&](int) {
    thread_local bool first_meal = true;
    if (first_meal) all_hold_left.arrive_and_wait();
    first_meal = false;
  };
  // [/snippet:forced]

  const std::vector<Row> rows = {
      {"left then right, forced schedule", "none", "-",
       [&](Dinner& d) { dine_left_then_right(meals_each, d.eat(), wait_for_everyone); }, true},
      {"left then right (example3)", "none", "deadlocks almost at once",
       [&](Dinner& d) { dine_left_then_right(meals_each, d.eat(), {}); }, true},
      {"resource ranking (example4)", "circular wait", "no output shown",
       [&](Dinner& d) { hpc::races::dine(DiningStrategy::resource_ranking, kSeats, meals_each, d.eat()); },
       false},
      {"std::scoped_lock", "hold and wait", "-", [&](Dinner& d) { dine_scoped_lock(meals_each, d.eat()); },
       false},
      {"waiter (semaphore, 4 seats)", "circular wait", "-",
       [&](Dinner& d) { hpc::races::dine(DiningStrategy::waiter, kSeats, meals_each, d.eat()); }, false},
      {"asymmetric seats", "circular wait", "-",
       [&](Dinner& d) { hpc::races::dine(DiningStrategy::asymmetric, kSeats, meals_each, d.eat()); }, false},
  };

  std::cout << kSeats << " philosophers, " << grouped(static_cast<unsigned long long>(meals_each))
            << " meals each; the left-then-right tables run in a child process with a " << limit_s
            << " s limit\n"
            << "(the unforced one " << attempts
            << " times; its meal counts are from the first run that hung)\n\n";
  Table table({"strategy", "breaks", "book", "outcome", "meals per seat", "neighbour clashes", "meals/s"});
  for (const Row& row : rows) {
    std::string outcome;
    std::string meals_text;
    long clashes = 0;
    std::string rate = "-";
    if (row.may_hang) {
      // The unforced table hangs or not depending on the scheduler, so it gets several tries; the meal
      // counts shown are those of the first run that hung (what the philosophers ate before the hang).
      const int tries = row.strategy.starts_with("left then right, forced") ? 1 : attempts;
      int hung = 0;
      for (int t = 0; t < tries; ++t) {
        Dinner dinner;
        const auto result = hpc::common::run_in_child([&] { row.run(dinner); }, limit_s);
        const bool this_hung = result.outcome == hpc::common::ChildOutcome::timed_out;
        if (t == 0 || (this_hung && hung == 0)) {
          outcome = describe(result);
          meals_text = dinner.meals();
          clashes = dinner.counts[kSeats].load();
        }
        hung += this_hung ? 1 : 0;
      }
      if (tries > 1) outcome = std::to_string(hung) + " of " + std::to_string(tries) + " runs deadlocked";
    } else {
      Dinner dinner;
      const double seconds = best_seconds([&] { row.run(dinner); }, 1);
      outcome = "finished in " + fixed(seconds, 3) + " s";
      meals_text = dinner.meals();
      clashes = dinner.counts[kSeats].load();
      long total = 0;
      for (int seat = 0; seat < kSeats; ++seat) total += dinner.counts[seat].load();
      rate = grouped(static_cast<unsigned long long>(total / seconds));
    }
    table.row({row.strategy, row.breaks, row.book, outcome, meals_text, grouped(clashes), rate});
  }
  table.print();
  std::cout
      << "\nA deadlocked table is quiet: no thread runs, the meal counts stop. Whether the unforced\n"
         "left-then-right table hangs, and when, depends on the scheduler; the forced one always does.\n";
  return 0;
}
