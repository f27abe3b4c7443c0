// What lab 08's reduction tests share: inputs, the tree shape reduction.hpp fixes (computed here, as the
// tests' own serial baseline), and diagnoses that name the likely mistake behind a wrong result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "hpc/processes/reduction.hpp"

namespace hpc::processes::testing {

// Sizes where tree reductions go wrong: none, one, odd, powers of two and their neighbours.
inline std::vector<std::size_t> interesting_sizes() {
  return {0,  1,  2,  3,  4,  5,  6,   7,   8,   9,   15,   16,   17,
          31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000, 1023, 1025};
}

// n integers in [-10^6, 10^6] from the seed.
inline std::vector<std::int64_t> random_integers(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<std::int64_t> value(-1'000'000, 1'000'000);
  std::vector<std::int64_t> xs(n);
  for (std::int64_t& x : xs) x = value(random);
  return xs;
}

// "a", "b", ..., "z", "a", ... (n strings).
inline std::vector<std::string> letters(std::size_t n) {
  std::vector<std::string> xs;
  for (std::size_t i = 0; i < n; ++i) xs.emplace_back(1, static_cast<char>('a' + i % 26));
  return xs;
}

// "0", "1", ..., "n-1".
inline std::vector<std::string> numbered(std::size_t n) {
  std::vector<std::string> xs;
  for (std::size_t i = 0; i < n; ++i) xs.push_back(std::to_string(i));
  return xs;
}

// A non-associative operator that writes the bracketing it was called with: the tree's shape, visible.
inline BinaryOp<std::string> bracketing() {
  return [](const std::string& a, const std::string& b) { return "(" + a + "," + b + ")"; };
}

// The result of the rounds reduction.hpp describes, for any op (the tests' own, independent of yours).
template <class T, class Op>
T expected_tree(std::vector<T> values, const Op& op) {
  while (values.size() > 1) {
    std::vector<T> next;
    for (std::size_t i = 0; i + 1 < values.size(); i += 2) next.push_back(op(values[i], values[i + 1]));
    if (values.size() % 2 == 1) next.push_back(values.back());
    values = std::move(next);
  }
  return values.front();
}

// Why a bracketing came out wrong, as far as the tests can tell.
inline std::string diagnose_shape(const std::vector<std::string>& names, const std::string& got) {
  std::string left_fold = names.front();
  for (std::size_t i = 1; i < names.size(); ++i) left_fold = "(" + left_fold + "," + names[i] + ")";
  if (names.size() > 2 && got == left_fold) return "a left fold, not pairwise rounds";
  return "the shape must be pairwise rounds in index order, the odd last value carried to the next round";
}

// Why a sum came out wrong (expected: the sum of xs), as far as the tests can tell. The mistake first:
// the failure line is cut after about 240 characters.
inline std::string diagnose_sum(const std::vector<std::int64_t>& xs, std::int64_t got) {
  const std::int64_t expected = std::accumulate(xs.begin(), xs.end(), std::int64_t{0});
  if (got == expected) return "right";
  if (got == 0)
    return "nothing the workers combined reached the caller (got 0): is the memory MAP_SHARED, and mapped "
           "before fork?";
  std::int64_t suffix = 0;
  for (std::size_t k = xs.size(); k-- > 1;) {
    suffix += xs[k];
    if (got + suffix == expected)
      return "the last " + std::to_string(xs.size() - k) +
             " value(s) are missing: an odd round's last value was dropped instead of carried over";
  }
  return "a partial sum (" + std::to_string(got) + " for " + std::to_string(expected) +
         "): some pairs were never combined, or read before they were written, or a round left more results "
         "than were read (the book's race)";
}

}  // namespace hpc::processes::testing
