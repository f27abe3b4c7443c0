// Seed 002 runs its trial-division is_prime on nine primes just below 8,000, first in one loop and then
// on one Python thread per number, and the threads make it slower (3.85 ms against 14.5 ms): the GIL
// lets only one of them run Python code at a time. C++ has no such lock. We run the same two versions
// on the seed's numbers, and again on nine primes a thousand times larger, where each thread has enough
// work to pay for its start-up.
//
//   ch06_demo_is_prime_threads           primes near 8,000 and near 8,000,000
//   ch06_demo_is_prime_threads --quick   primes near 8,000 and near 400,000 (CI)
#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

// Trial division by every candidate below the number, the seed's algorithm (n - 2 divisions for a prime).
bool is_prime(std::uint32_t number) {
  for (std::uint32_t divisor = 2; divisor < number; ++divisor) {
    if (number % divisor == 0) return false;
  }
  return number >= 2;
}

// A fast test (divisors up to the square root), only used to pick the inputs.
bool is_prime_fast(std::uint32_t number) {
  if (number < 2) return false;
  for (std::uint32_t divisor = 2; divisor * divisor <= number; ++divisor) {
    if (number % divisor == 0) return false;
  }
  return true;
}

// The nine largest primes below `bound` (the seed's nine are the largest below 7,920).
std::vector<std::uint32_t> nine_primes_below(std::uint32_t bound) {
  std::vector<std::uint32_t> primes;
  for (std::uint32_t n = bound - 1; primes.size() < 9; --n) {
    if (is_prime_fast(n)) primes.push_back(n);
  }
  std::reverse(primes.begin(), primes.end());
  return primes;
}

int serial(const std::vector<std::uint32_t>& numbers) {
  int primes = 0;
  for (const auto number : numbers) primes += is_prime(number) ? 1 : 0;
  return primes;
}

// [snippet:thread-per-number]
// The seed's second cell: one thread per number, started in a loop, then every thread joined.
int thread_per_number(const std::vector<std::uint32_t>& numbers) {
  std::vector<char> verdicts(numbers.size(), 0);  // one slot per thread: nothing is shared for writing
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    threads.emplace_back([&verdicts, &numbers, i] { verdicts[i] = is_prime(numbers[i]) ? 1 : 0; });
  }
  for (auto& thread : threads) thread.join();
  return static_cast<int>(std::count(verdicts.begin(), verdicts.end(), 1));
}
// [/snippet:thread-per-number]

// As many threads as cores; thread t takes numbers t, t + T, t + 2T, ...
int thread_per_core(const std::vector<std::uint32_t>& numbers, unsigned cores) {
  std::vector<int> counts(cores, 0);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < cores; ++t) {
    threads.emplace_back([&, t] {
      int mine = 0;
      for (std::size_t i = t; i < numbers.size(); i += cores) mine += is_prime(numbers[i]) ? 1 : 0;
      counts[t] = mine;
    });
  }
  for (auto& thread : threads) thread.join();
  int total = 0;
  for (const int c : counts) total += c;
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace hpc::common::demo;
  const bool quick =
      parse_quick(argc, argv, "Seed 002's is_prime on nine primes: one loop against one thread per number.");
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::uint32_t large_bound = quick ? 400'000 : 8'000'000;
  const int repeats_small = quick ? 20 : 200;
  const int repeats_large = quick ? 3 : 7;

  struct Case {
    std::string label;
    std::vector<std::uint32_t> numbers;
    int repeats;
    std::string seed_serial;
    std::string seed_threads;
  };
  std::vector<std::uint32_t> seed_numbers = {7853, 7867, 7873, 7877, 7879, 7883, 7901, 7907, 7919};
  const std::vector<Case> cases = {
      {"seed's nine (7,853 .. 7,919)", seed_numbers, repeats_small, "3.85 ms", "14.5 ms"},
      {"nine below " + grouped(large_bound), nine_primes_below(large_bound), repeats_large, "-", "-"}};

  Table table({"numbers", "one loop (ms)", "9 threads (ms)", "speed-up",
               std::to_string(cores) + " threads (ms)", "speed-up", "seed loop", "seed 9 threads"});
  bool right = true;
  for (const auto& c : cases) {
    auto numbers = c.numbers;
    keep(numbers.data());
    int found = 0;
    const double loop = best_seconds(
        [&] {
          found = serial(numbers);
          keep(found);
        },
        c.repeats);
    right = right && found == 9;
    const double per_number = best_seconds(
        [&] {
          found = thread_per_number(numbers);
          keep(found);
        },
        c.repeats);
    right = right && found == 9;
    const double per_core = best_seconds(
        [&] {
          found = thread_per_core(numbers, cores);
          keep(found);
        },
        c.repeats);
    right = right && found == 9;
    table.row({c.label, fixed(loop * 1e3, 3), fixed(per_number * 1e3, 3), fixed(loop / per_number, 2) + "x",
               fixed(per_core * 1e3, 3), fixed(loop / per_core, 2) + "x", c.seed_serial, c.seed_threads});
  }
  table.print();
  std::cout << "\nBest of " << repeats_small << " (small) and " << repeats_large << " (large) runs, " << cores
            << " hardware threads. The seed's threads are " << fixed(14.5 / 3.85, 2)
            << "x slower than its loop: the GIL runs one\nthread at a time and adds hand-over costs. "
               "Ours run at once; on the seed's tiny inputs the\ncost of starting a thread (tens of "
               "microseconds) can still eat the gain, on the larger ones it cannot.\n";
  return right ? 0 : 1;
}
