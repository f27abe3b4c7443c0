// Task 5: counting primes with a static and a dynamic split: exact answers for any thread count.
#include <cstdint>
#include <functional>
#include <numeric>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/parallel/load_balance.hpp"
#include "support.hpp"

using namespace hpc::parallel;
using hpc::parallel::testing::kThreadCounts;
using hpc::parallel::testing::threads_text;
using hpc::parallel::testing::with_threads;

namespace {

// The book's input (chapter 9): the 1000 numbers from 10^13.
std::vector<std::uint64_t> book_input() {
  std::vector<std::uint64_t> numbers(1000);
  std::iota(numbers.begin(), numbers.end(), std::uint64_t{10'000'000'000'000});
  return numbers;
}

using TallyFunction = std::function<PrimeTally(std::span<const std::uint64_t>)>;

void expect_exact(const TallyFunction& tally, const char* name) {
  HPC_SKIP_PARALLEL_UNDER_THREAD_SANITIZER();
  const std::vector<std::uint64_t> numbers = book_input();
  for (int threads : kThreadCounts) {
    PrimeTally got;
    with_threads(threads, [&] { got = tally(numbers); });
    if (got != PrimeTally{34, 340000000018080}) {
      FAIL() << name << " of the book's 1000 numbers from 10^13, " << threads_text(threads) << ": "
             << got.count << " primes summing to " << got.sum
             << ", expected 34 summing to 340000000018080 (lost or doubled "
             << "updates of a shared count or sum?)";
    }
  }
  // Small cases: none, fewer numbers than threads, and the edges of is_prime.
  const std::vector<std::uint64_t> small = {0, 1, 2, 3, 4, 9, 25, 97, 1'000'003ULL * 1'000'003ULL, 1'000'003};
  for (int threads : kThreadCounts) {
    PrimeTally got, none{1, 1};
    with_threads(threads, [&] {
      got = tally(small);
      none = tally({});
    });
    EXPECT_EQ(got, (PrimeTally{4, 2 + 3 + 97 + 1'000'003}))
        << name << " of {0, 1, 2, 3, 4, 9, 25, 97, 1000003^2, "
        << "1000003}, " << threads_text(threads);
    EXPECT_EQ(none, (PrimeTally{0, 0})) << name << " of no numbers";
  }
}

}  // namespace

GRADED_TEST(LoadBalance, StaticSplitExact, 1) { expect_exact(tally_primes_static, "tally_primes_static"); }

GRADED_TEST(LoadBalance, DynamicSplitExact, 2) { expect_exact(tally_primes_dynamic, "tally_primes_dynamic"); }
