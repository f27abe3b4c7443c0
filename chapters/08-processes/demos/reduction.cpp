// Reduction operators (the book's chapter 14): what an operator needs so that the work can be split, the
// book's worked example as a tree, operators that fail the test, and the race in the book's queue-based
// reduction replayed step by step (no processes needed: the schedule is written down, so it happens
// every time).
//
//   ch08_demo_reduction            (--quick: the same; it takes microseconds)
//
// Exits 1 when a value differs from the book's (23, 960, false, 190) or the replay does not lose a value.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

std::string label(std::int64_t v) { return std::to_string(v); }
std::string label(const std::string& v) { return '"' + v + '"'; }
std::string label(int v) { return v ? "true" : "false"; }

// [snippet:tree-rounds]
// One round pairs neighbours in index order, v[0] op v[1], v[2] op v[3], ..., and carries an odd last
// value over. Rounds repeat until one value is left: ceil(log2 n) rounds, each round's pairs independent.
template <class T, class Op>
T reduce_tree(std::vector<T> values, Op op, T identity, bool print = false) {
  if (values.empty()) return identity;
  while (values.size() > 1) {
    std::vector<T> next;
    for (std::size_t i = 0; i + 1 < values.size(); i += 2) next.push_back(op(values[i], values[i + 1]));
    if (values.size() % 2 == 1) next.push_back(values.back());
    values = std::move(next);
    if (print) {
      std::printf("  round:");
      for (const auto& v : values) std::printf(" %s", label(v).c_str());
      std::printf("\n");
    }
  }
  return values.front();
}
// [/snippet:tree-rounds]

bool ok = true;

void expect(bool condition, const char* what) {
  std::printf("  %s %s\n", condition ? "yes:" : "NO: ", what);
  if (!condition) ok = false;
}

// The book's example1.py bookkeeping under one schedule that can happen with two consumers: each round
// the main process puts the m values and one None per consumer, then reads exactly ceil(m/2) results.
// A consumer takes items two at a time and puts their sum; a None ends it, after it puts back the one
// value it may hold. Nothing makes one consumer take a pair: the count of results depends on timing.
std::int64_t replay_book_race() {
  // Round 1 over {a, b, c, d} = {1, 2, 3, 4} with consumers A and B; the queue holds a b c d None None.
  std::deque<std::optional<std::int64_t>> tasks = {1, 2, 3, 4, std::nullopt, std::nullopt};
  std::vector<std::int64_t> results;
  auto take = [&] {
    auto item = tasks.front();
    tasks.pop_front();
    return item;
  };
  // [snippet:book-race]
  const auto a = take();  // consumer A takes a
  const auto b = take();  // consumer B takes b, then is descheduled
  const auto c = take();  // A takes c and puts a + c
  results.push_back(*a + *c);
  const auto d = take();  // A takes d, then a None: it puts d alone and exits
  take();
  results.push_back(*d);
  take();  // B wakes up, takes the other None: puts b alone and exits
  results.push_back(*b);
  // 3 results where the main process expects ceil(4 / 2) = 2: it reads 2 of them for the next round.
  const std::size_t expected = (4 + 1) / 2;
  // [/snippet:book-race]
  std::printf("  round 1 results: %lld, %lld, %lld; the main process reads %zu of them\n",
              static_cast<long long>(results[0]), static_cast<long long>(results[1]),
              static_cast<long long>(results[2]), expected);
  return results[0] + results[1];  // round 2 adds the two it read: the third value is lost
}

}  // namespace

int main(int argc, char** argv) {
  hpc::common::demo::parse_quick(argc, argv,
                                 "Reduction operators: the book's tree, non-examples, the book's race.");
  std::setvbuf(stdout, nullptr, _IOLBF, 0);

  std::printf("## The book's worked example: sum of {1, 4, 8, 3, 2, 5}\n\n");
  const std::vector<std::int64_t> six = {1, 4, 8, 3, 2, 5};
  const auto tree_sum = reduce_tree(six, std::plus<>{}, std::int64_t{0}, true);
  const auto tree_product = reduce_tree(six, std::multiplies<>{}, std::int64_t{1});
  std::printf("  sum %lld (left fold %lld), product %lld, 3 rounds instead of 5 steps\n",
              static_cast<long long>(tree_sum),
              static_cast<long long>(std::accumulate(six.begin(), six.end(), 0LL)),
              static_cast<long long>(tree_product));
  expect(tree_sum == 23 && tree_product == 960, "23 and 960, as the book says");
  const std::vector<int> truth = {1, 0, 0, 1};
  expect(reduce_tree(truth, std::logical_and<>{}, 1) == 0, "AND of (True, False, False, True) is False");
  std::vector<std::int64_t> twenty(20);
  std::iota(twenty.begin(), twenty.end(), 0);
  expect(reduce_tree(twenty, std::plus<>{}, std::int64_t{0}) == 190,
         "sum of 0..19 is 190 (the book's example1.py)");

  std::printf(
      "\n## Order matters, grouping does not: string concatenation (associative, not commutative)\n\n");
  const std::vector<std::string> letters = {"a", "b", "c", "d", "e", "f"};
  const std::string joined = reduce_tree(letters, std::plus<>{}, std::string{});
  std::printf("  tree in index order: \"%s\"; b + a = \"ba\", not \"ab\"\n", joined.c_str());
  expect(joined == "abcdef", "a tree that keeps index order needs associativity only");

  std::printf("\n## Not reduction operators\n\n");
  const auto right = std::pow(2.0, std::pow(1.0, 2.0));
  const auto left = std::pow(std::pow(2.0, 1.0), 2.0);
  std::printf("  power over {2, 1, 2}: 2^(1^2) = %g, (2^1)^2 = %g: not associative\n", right, left);
  expect(right != left, "power cannot be split (the book calls this non-commutative; it is non-associative)");
  const double x = (0.1 + 0.2) + 0.3, y = 0.1 + (0.2 + 0.3);
  std::printf("  doubles: (0.1 + 0.2) + 0.3 = %.17g, 0.1 + (0.2 + 0.3) = %.17g\n", x, y);
  expect(x != y, "floating-point + is not associative: a parallel sum may differ in the last bits");

  std::printf("\n## The book's reduction race, replayed: sum of {1, 2, 3, 4} with two consumers\n\n");
  const auto replayed = replay_book_race();
  std::printf("  final result %lld instead of 10\n", static_cast<long long>(replayed));
  expect(replayed != 10, "the round-size bookkeeping lost a partial sum (lab 08 task 4 must not)");
  return ok ? 0 : 1;
}
