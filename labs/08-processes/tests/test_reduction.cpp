// Graded tests, lab 08 task 4 (serial part): reduce_sequential, reduce_tree and the operator checks.
//
// The tree's shape is fixed by reduction.hpp (pairwise rounds in index order, an odd last value carried
// over). A non-associative operator that writes its own bracketing, op(a, b) = "(" + a + "," + b + ")",
// makes the shape visible: reduce_tree over {"1", "4", "8", "3", "2", "5"} must give
// "(((1,4),(8,3)),(2,5))", the book's ((1+4)+(8+3))+(2+5).
#include <cmath>
#include <cstdint>
#include <functional>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/processes/reduction.hpp"
#include "test_reduction_support.hpp"

namespace {

using hpc::processes::is_associative_on;
using hpc::processes::is_commutative_on;
using hpc::processes::Matrix2;
using hpc::processes::reduce_sequential;
using hpc::processes::reduce_tree;
using namespace hpc::processes::testing;

const hpc::processes::BinaryOp<std::int64_t> plus = std::plus<>{};
const hpc::processes::BinaryOp<std::string> concat = std::plus<>{};

GRADED_TEST(ReduceSequential, MatchesAccumulate, 1) {
  for (const std::size_t n : interesting_sizes()) {
    const std::vector<std::int64_t> xs = random_integers(n, 1000 + n);
    EXPECT_EQ(reduce_sequential(xs, plus, 0), std::accumulate(xs.begin(), xs.end(), std::int64_t{0}))
        << "size " << n << " (seed " << 1000 + n << ")";
  }
  EXPECT_EQ(reduce_sequential(std::vector<std::int64_t>{}, plus, 42), 42) << "no values: the identity";
}

GRADED_TEST(ReduceSequential, LeftFoldInOrder, 1) {
  // Subtraction is neither associative nor commutative: only a left fold from the identity gives 94.
  const hpc::processes::BinaryOp<std::int64_t> minus = std::minus<>{};
  EXPECT_EQ(reduce_sequential(std::vector<std::int64_t>{1, 2, 3}, minus, 100), 94)
      << "((100 - 1) - 2) - 3: a left fold starting from the identity";
  EXPECT_EQ(reduce_sequential(letters(26), concat, std::string{}), "abcdefghijklmnopqrstuvwxyz");
}

GRADED_TEST(ReduceTree, BookExample, 1) {
  const std::vector<std::int64_t> book{1, 4, 8, 3, 2, 5};
  EXPECT_EQ(reduce_tree(book, plus, 0), 23);
  EXPECT_EQ(reduce_tree(book, hpc::processes::BinaryOp<std::int64_t>(std::multiplies<>{}), 1), 960);
  const hpc::processes::BinaryOp<std::int64_t> logical_and = [](std::int64_t a, std::int64_t b) {
    return std::int64_t{a != 0 && b != 0};
  };
  EXPECT_EQ(reduce_tree(std::vector<std::int64_t>{1, 0, 0, 1}, logical_and, 1), 0);
  const std::vector<std::string> names{"1", "4", "8", "3", "2", "5"};
  EXPECT_EQ(reduce_tree(names, bracketing(), std::string{}), "(((1,4),(8,3)),(2,5))")
      << "the book's tree ((1+4)+(8+3))+(2+5): pairs in index order, the odd one carried to the next round";
}

GRADED_TEST(ReduceTree, ShapeIsPairwiseRoundsInIndexOrder, 2) {
  for (std::size_t n = 1; n <= 33; ++n) {
    const std::vector<std::string> names = numbered(n);
    const std::string got = reduce_tree(names, bracketing(), std::string{});
    EXPECT_EQ(got, expected_tree(names, bracketing())) << diagnose_shape(names, got);
  }
}

GRADED_TEST(ReduceTree, MatchesAccumulateAtManySizes, 1) {
  for (const std::size_t n : interesting_sizes()) {
    const std::vector<std::int64_t> xs = random_integers(n, 2000 + n);
    const std::int64_t expected = std::accumulate(xs.begin(), xs.end(), std::int64_t{0});
    const std::int64_t got = reduce_tree(xs, plus, 0);
    if (got != expected)
      ADD_FAILURE() << diagnose_sum(xs, got) << " (size " << n << ", seed " << 2000 + n << ")";
  }
}

GRADED_TEST(ReduceTree, NoValuesIsTheIdentityAndOneValueIsItself, 1) {
  int calls = 0;
  const hpc::processes::BinaryOp<std::int64_t> counting = [&](std::int64_t a, std::int64_t b) {
    ++calls;
    return a + b;
  };
  EXPECT_EQ(reduce_tree(std::vector<std::int64_t>{}, counting, 7), 7) << "no values: the identity";
  EXPECT_EQ(reduce_tree(std::vector<std::int64_t>{-5}, counting, 7), -5) << "one value: itself";
  EXPECT_EQ(calls, 0) << "op was called although there was nothing to combine";
  EXPECT_EQ(reduce_tree(std::vector<std::int64_t>(9, 1), counting, 0), 9);
  EXPECT_EQ(calls, 8) << "a tree over 9 values combines 8 times (n - 1); the identity is not combined in";
}

GRADED_TEST(ReduceTree, ConcatenationStaysInOrder, 1) {
  // Associative, not commutative: a tree may regroup but never swap.
  for (const std::size_t n : {1, 2, 3, 5, 8, 26, 27, 63, 64, 65, 200}) {
    const std::vector<std::string> xs = letters(n);
    const std::string expected = std::accumulate(xs.begin(), xs.end(), std::string{});
    const std::string got = reduce_tree(xs, concat, std::string{});
    EXPECT_EQ(got, expected) << "size " << n
                             << ": concatenation is not commutative, keep every pair's left value left";
  }
}

GRADED_TEST(Operators, TheNotesTable, 1) {
  const std::vector<std::int64_t> ints{-7, -1, 0, 1, 2, 3, 10};
  const hpc::processes::BinaryOp<std::int64_t> times = std::multiplies<>{};
  const hpc::processes::BinaryOp<std::int64_t> max = [](std::int64_t a, std::int64_t b) {
    return std::max(a, b);
  };
  const hpc::processes::BinaryOp<std::int64_t> min = [](std::int64_t a, std::int64_t b) {
    return std::min(a, b);
  };
  const hpc::processes::BinaryOp<std::int64_t> minus = std::minus<>{};
  for (const auto& [name, op] :
       {std::pair{"+", plus}, std::pair{"*", times}, std::pair{"max", max}, std::pair{"min", min}}) {
    EXPECT_TRUE(is_associative_on(op, ints)) << name << " is associative";
    EXPECT_TRUE(is_commutative_on(op, ints)) << name << " is commutative";
  }
  EXPECT_FALSE(is_associative_on(minus, ints)) << "(1 - 2) - 3 != 1 - (2 - 3)";
  EXPECT_FALSE(is_commutative_on(minus, ints)) << "1 - 2 != 2 - 1";

  const std::vector<std::string> words{"", "a", "ab", "ba", "c"};
  EXPECT_TRUE(is_associative_on(concat, words)) << "string concatenation is associative";
  EXPECT_FALSE(is_commutative_on(concat, words)) << "\"a\" + \"ab\" != \"ab\" + \"a\"";

  // The book's non-example: power. 2^(1^2) = 2 but (2^1)^2 = 4.
  const hpc::processes::BinaryOp<std::int64_t> power = [](std::int64_t a, std::int64_t b) {
    std::int64_t result = 1;
    for (std::int64_t i = 0; i < b; ++i) result *= a;
    return result;
  };
  EXPECT_FALSE(is_associative_on(power, std::vector<std::int64_t>{2, 1, 2})) << "(2^1)^2 = 4, 2^(1^2) = 2";
  EXPECT_FALSE(is_commutative_on(power, std::vector<std::int64_t>{2, 1, 2})) << "2^1 != 1^2";

  const std::vector<Matrix2> matrices{{1, 1, 1, 0}, {2, 0, 1, 3}, {0, 1, 1, 0}};
  const hpc::processes::BinaryOp<Matrix2> product = hpc::processes::multiply;
  EXPECT_TRUE(is_associative_on(product, matrices)) << "matrix products are associative";
  EXPECT_FALSE(is_commutative_on(product, matrices)) << "matrix products are not commutative";
}

GRADED_TEST(Operators, CommutativeIsNotAssociative, 1) {
  // The mean of two numbers: commutative, not associative. A check that tests one property for the
  // other (or only pairs where it needs triples) gets these wrong.
  const hpc::processes::BinaryOp<double> mean = [](double a, double b) { return (a + b) / 2; };
  const std::vector<double> samples{0.0, 4.0, 8.0};
  EXPECT_TRUE(is_commutative_on(mean, samples)) << "(a + b) / 2 == (b + a) / 2";
  EXPECT_FALSE(is_associative_on(mean, samples))
      << "mean(mean(0, 4), 8) = 5 but mean(0, mean(4, 8)) = 3: associativity needs every triple";
  // Floating-point addition is commutative but not associative: (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3).
  const hpc::processes::BinaryOp<double> add = std::plus<>{};
  EXPECT_TRUE(is_commutative_on(add, std::vector<double>{0.1, 0.2, 0.3}));
  EXPECT_FALSE(is_associative_on(add, std::vector<double>{0.1, 0.2, 0.3}))
      << "(0.1 + 0.2) + 0.3 is 0.6000000000000001, 0.1 + (0.2 + 0.3) is 0.6";
  EXPECT_TRUE(is_associative_on(add, std::vector<double>{})) << "no samples: nothing contradicts it";
  EXPECT_TRUE(is_commutative_on(add, std::vector<double>{}));
}

}  // namespace
