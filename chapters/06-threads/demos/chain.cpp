// The book's inherently sequential example (ch. 8): f(x) = x*x - x + 1 applied 20 times to 3. Every
// step needs the previous result, so there is nothing to run at the same time; the book's version on a
// ThreadPoolExecutor took 0.19 s against 0.10 s in one loop. Its numbers grow to 1.4 million bits; we
// check the book's last five digits (35443) with arithmetic modulo 100,000, and then time a long chain
// modulo the prime 2^61 - 1 four ways: one loop; two threads that each do half (the second waits for
// the first's result); two threads that take turns step by step; and the lab's thread pool with one
// task per step, each submitted when the previous one's future is ready (the book's shape).
//
//   ch06_demo_chain           10,000,000 steps (turn-taking and pool: 20,000)
//   ch06_demo_chain --quick   1,000,000 steps (2,000)
#include <atomic>
#include <cstdint>
#include <future>
#include <string>
#include <thread>

#include "hpc/common/demo.hpp"
#include "hpc/threads/thread_pool.hpp"

namespace {

constexpr std::uint64_t kPrime = (std::uint64_t{1} << 61) - 1;

// [snippet:step]
// One link of the chain: x -> x*x - x + 1 (mod 2^61 - 1). The next step cannot start before this ends.
std::uint64_t step(std::uint64_t x) {
  const unsigned __int128 square = static_cast<unsigned __int128>(x) * x;
  // 2^61 = 1 (mod 2^61 - 1), so the high bits fold onto the low ones: no division needed.
  std::uint64_t y = static_cast<std::uint64_t>(square & kPrime) + static_cast<std::uint64_t>(square >> 61);
  if (y >= kPrime) y -= kPrime;
  y = y >= x ? y - x : y + kPrime - x;  // - x
  return y + 1 == kPrime ? 0 : y + 1;   // + 1
}
// [/snippet:step]

std::uint64_t serial(std::uint64_t x, long steps) {
  for (long i = 0; i < steps; ++i) x = step(x);
  return x;
}

// Two threads, half the steps each: the second can only start from the first's answer.
std::uint64_t two_halves(std::uint64_t x, long steps) {
  std::promise<std::uint64_t> middle;
  std::uint64_t result = 0;
  std::jthread first([&] { middle.set_value(serial(x, steps / 2)); });
  std::jthread second(
      [&, future = middle.get_future()]() mutable { result = serial(future.get(), steps - steps / 2); });
  first.join();
  second.join();
  return result;
}

// Two threads that alternate: thread t does the steps with i % 2 == t, handing the value over each time.
std::uint64_t taking_turns(std::uint64_t x, long steps) {
  std::atomic<long> done{0};  // steps finished; the thread whose turn it is waits on this
  std::uint64_t value = x;    // written only by the thread whose turn it is (ordered by `done`)
  auto player = [&](long parity) {
    for (long i = parity; i < steps; i += 2) {
      for (long seen = done.load(std::memory_order_acquire); seen != i;
           seen = done.load(std::memory_order_acquire)) {
        done.wait(seen, std::memory_order_acquire);
      }
      value = step(value);
      done.store(i + 1, std::memory_order_release);
      done.notify_one();
    }
  };
  {
    std::jthread even(player, 0);
    std::jthread odd(player, 1);
  }
  return value;
}

// [snippet:pool-chain]
// The book's shape: each step is a task on a pool, and the next is submitted once its input is ready.
std::uint64_t pool_chain(std::uint64_t x, long steps, hpc::threads::ThreadPool& pool) {
  for (long i = 0; i < steps; ++i) x = pool.submit([x] { return step(x); }).get();
  return x;
}
// [/snippet:pool-chain]

std::uint64_t book_check() {
  std::uint64_t x = 3;
  for (int i = 0; i < 20; ++i) x = (x * x + 100000 - x + 1) % 100000;  // last five digits only
  return x;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick = parse_quick(argc, argv, "The book's inherently sequential chain: threads cannot help.");
  const long long_chain = quick ? 1'000'000 : 10'000'000;
  const long short_chain = quick ? 2'000 : 20'000;
  std::uint64_t start = 3;
  keep(start);
  hpc::threads::ThreadPool pool(2);

  const std::uint64_t last_digits = book_check();
  const std::uint64_t want_long = serial(start, long_chain);
  const std::uint64_t want_short = serial(start, short_chain);
  bool right = last_digits == 35443;

  Table table(
      {"how", "steps", "time (ms)", "ns per step", "cost per step vs one loop", "book (f^20(3), bignums)"});
  double loop_ns = 0;
  auto add = [&](const std::string& name, long steps, std::uint64_t want, auto&& run,
                 const std::string& book) {
    std::uint64_t got = 0;
    const double seconds = best_seconds([&] { got = run(steps); }, 5);
    right = right && got == want;
    const double ns = seconds * 1e9 / static_cast<double>(steps);
    if (loop_ns == 0) loop_ns = ns;
    table.row({name, grouped(static_cast<unsigned long long>(steps)), fixed(seconds * 1e3, 2), fixed(ns, 1),
               fixed(ns / loop_ns, 2) + "x", book});
  };
  add(
      "one loop", long_chain, want_long, [&](long s) { return serial(start, s); }, "0.10 s");
  add(
      "2 threads, half each", long_chain, want_long, [&](long s) { return two_halves(start, s); }, "-");
  add(
      "2 threads, taking turns", short_chain, want_short, [&](long s) { return taking_turns(start, s); },
      "-");
  add(
      "pool of 2, one task per step", short_chain, want_short,
      [&](long s) { return pool_chain(start, s, pool); }, "0.19 s (20 workers)");
  table.print();
  std::cout
      << "\nf^20(3) mod 100,000 = " << last_digits
      << " (the book: ...35443). Best of 5. \"Cost per step vs one loop\" is this row's time per\n"
         "step over the loop's: above 1x means slower. Half each is no faster because the second half waits "
         "for the\nfirst; taking turns and the pool add a hand-over between threads to every step.\n";
  return right ? 0 : 1;
}
