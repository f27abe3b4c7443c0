// The polite spouses (book ch. 19, example8): two hungry people, one fork, and each insists that the
// other eats first. Nobody is blocked, both keep busy, nobody eats: a livelock. A deadlock next to it
// for comparison (blocked threads burn no CPU), then the same courtesy played in lock-step rounds, where
// stepping back and retrying together never ends, while random back-off or a tie-break ends it.
//
//   ch11_demo_livelock            a 1 s budget per live scenario, 1,000 back-off trials
//   ch11_demo_livelock --quick    0.2 s, 100 trials (CI)
#include <sys/resource.h>

#include <atomic>
#include <barrier>
#include <chrono>
#include <iostream>
#include <latch>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include "hpc/common/demo.hpp"
#include "watchdog_outcome.hpp"

namespace {

using namespace hpc::common::demo;
using hpc::races::demo::describe;
using Clock = std::chrono::steady_clock;

double cpu_seconds(int who) {
  rusage usage{};
  getrusage(who, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec * 1e-6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// [snippet:polite]
// The book's spouse: while the partner is hungry, politely wait; otherwise take the fork and eat.
// Both start hungry, so both wait for ever, and both stay busy doing it.
struct Spouse {
  std::atomic<bool> hungry{true};
  long polite_waits = 0;
};

void dine_politely(Spouse& me, const Spouse& partner, std::mutex& fork, const std::atomic<bool>& stop) {
  while (me.hungry.load() && !stop.load()) {
    if (partner.hungry.load()) {
      ++me.polite_waits;  // "waiting for their partner to eat first..."
      std::this_thread::yield();
      continue;
    }
    std::lock_guard eat(fork);
    me.hungry.store(false);
  }
}
// [/snippet:polite]

enum class Policy { retry_together, random_backoff, tie_break };

// [snippet:rounds]
// The same courtesy in lock step: in every round each hungry spouse who is not backing off raises a
// hand; then each looks at the other hand. A spouse who reaches alone eats; two raised hands both step
// back. What they do after stepping back is the policy.
struct Round {
  long rounds = 0;
  bool both_ate = false;
};

Round dine_in_rounds(Policy policy, long max_rounds, unsigned seed) {
  std::atomic<bool> hand[2] = {false, false};
  std::atomic<bool> ate[2] = {false, false};
  std::barrier step(2);
  Round result;
  auto spouse = [&](int me) {
    std::mt19937 random(seed + static_cast<unsigned>(me));
    long sit_out = 0;  // rounds left to wait after a collision
    int collisions = 0;
    for (long round = 0; round < max_rounds; ++round) {
      const bool reach = !ate[me].load() && sit_out == 0;
      if (sit_out > 0) --sit_out;
      hand[me].store(reach);
      step.arrive_and_wait();  // both hands are up or down now
      if (reach && !hand[1 - me].load()) {
        ate[me].store(true);
      } else if (reach) {  // both reached: step back
        ++collisions;
        // retry_together leaves sit_out at 0: it reaches again next round, exactly like the partner.
        if (policy == Policy::random_backoff) {
          // Exponential back-off: wait 0 .. 2^collisions - 1 rounds, chosen at random.
          sit_out = std::uniform_int_distribution<long>(0, (1L << std::min(collisions, 10)) - 1)(random);
        } else if (policy == Policy::tie_break) {
          sit_out = me;  // the spouse with the higher id lets the other go first
        }
      }
      step.arrive_and_wait();  // both have looked; the hands may change again
      if (ate[0].load() && ate[1].load()) {
        if (me == 0) result = {round + 1, true};
        return;
      }
    }
    if (me == 0) result = {max_rounds, false};
  };
  std::jthread husband(spouse, 1);
  spouse(0);
  return result;
}
// [/snippet:rounds]

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double budget_s = 1.0;
  long trials = 1000;
  Args args(argv[0], "The polite spouses (book ch. 19): livelock, compared with deadlock, and two ways out.");
  args.flag("quick", quick, "0.2 s budget, 100 trials (what CI runs)")
      .option("budget", budget_s, "seconds each live scenario may run (default 1)")
      .option("trials", trials, "lock-step dinners per back-off policy (default 1,000)")
      .parse(argc, argv);
  if (quick && !args.given("budget")) budget_s = 0.2;
  if (quick && !args.given("trials")) trials = 100;
  const long max_rounds = quick ? 20'000 : 100'000;

  Table table({"scenario", "book", "both ate", "activity", "wall s", "CPU s"});

  // Deadlock for comparison: each spouse holds one of two forks and waits for the other.
  {
    const double cpu_before = cpu_seconds(RUSAGE_CHILDREN);
    const auto result = hpc::common::run_in_child(
        [] {
          std::mutex knife, fork;
          std::latch both_hold_one(2);
          std::jthread wife([&] {
            std::lock_guard a(knife);
            both_hold_one.arrive_and_wait();
            std::lock_guard b(fork);
          });
          std::lock_guard a(fork);
          both_hold_one.arrive_and_wait();
          std::lock_guard b(knife);
        },
        budget_s);
    table.row({"deadlock: each holds one utensil", "-", "no", describe(result), fixed(result.seconds, 2),
               fixed(cpu_seconds(RUSAGE_CHILDREN) - cpu_before, 2)});
  }

  // The book's polite spouses, in real time, until the budget runs out.
  {
    Spouse wife, husband;
    std::mutex fork;
    std::atomic<bool> stop{false};
    const double cpu_before = cpu_seconds(RUSAGE_SELF);
    const auto start = Clock::now();
    {
      std::jthread w([&] { dine_politely(wife, husband, fork, stop); });
      std::jthread h([&] { dine_politely(husband, wife, fork, stop); });
      std::this_thread::sleep_for(std::chrono::duration<double>(budget_s));
      stop.store(true);
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const bool both_ate = !wife.hungry.load() && !husband.hungry.load();
    table.row(
        {"polite spouses (example8)", "endless \"waiting for partner\"", both_ate ? "yes" : "no",
         grouped(static_cast<unsigned long long>(wife.polite_waits + husband.polite_waits)) + " polite waits",
         fixed(wall, 2), fixed(cpu_seconds(RUSAGE_SELF) - cpu_before, 2)});
  }

  // Lock-step rounds: retrying together never ends; the two breakers end it.
  const auto rounds_row = [&](const std::string& name, Policy policy, long runs) {
    const double cpu_before = cpu_seconds(RUSAGE_SELF);
    const auto start = Clock::now();
    long total_rounds = 0, worst = 0, fed = 0;
    for (long t = 0; t < runs; ++t) {
      const Round r = dine_in_rounds(policy, max_rounds, static_cast<unsigned>(2 * t + 1));
      total_rounds += r.rounds;
      worst = std::max(worst, r.rounds);
      fed += r.both_ate ? 1 : 0;
    }
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const std::string activity = runs == 1
                                     ? grouped(static_cast<unsigned long long>(total_rounds)) + " rounds"
                                     : fixed(static_cast<double>(total_rounds) / runs, 2) +
                                           " rounds on average, " + std::to_string(worst) + " at worst";
    table.row({name, "-",
               fed == runs ? "yes" : (fed == 0 ? "no" : std::to_string(fed) + " of " + std::to_string(runs)),
               activity, fixed(wall, 2), fixed(cpu_seconds(RUSAGE_SELF) - cpu_before, 2)});
  };
  rounds_row("step back, retry together", Policy::retry_together, 1);
  rounds_row("step back, random back-off", Policy::random_backoff, trials);
  rounds_row("step back, tie-break by id", Policy::tie_break, trials);

  std::cout << "Two spouses, one fork; budget " << fixed(budget_s, 1) << " s, lock-step dinners stop after "
            << grouped(max_rounds) << " rounds\n\n";
  table.print();
  std::cout << "\nThe deadlocked pair sleeps in the kernel (CPU time near zero); the livelocked pair spends\n"
               "CPU time for the whole budget and gets nowhere. Random back-off ends the lock step after a\n"
               "few rounds, because sooner or later one spouse waits while the other reaches; a fixed\n"
               "tie-break ends it at once.\n";
  return 0;
}
