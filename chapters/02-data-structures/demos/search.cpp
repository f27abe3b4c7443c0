// The book's list.index vs bisect table in C++: std::find (a linear scan) against std::lower_bound (a
// binary search) on a sorted std::vector<int> of N = 10,000 / 20,000 / 30,000 elements.
//
//   ch02_demo_search           best of 500 timed batches of 256 searches
//   ch02_demo_search --quick   best of 50 batches (CI)
#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

using namespace hpc::common::demo;

// [snippet:index-bisect]
// Python's index_bisect: the position of x in the sorted range, or an error when it is absent.
std::size_t index_sorted(const std::vector<int>& sorted, int x) {
  const auto it = std::lower_bound(sorted.begin(), sorted.end(), x);  // bisect_left
  if (it == sorted.end() || *it != x) throw std::out_of_range("value not in the vector");
  return static_cast<std::size_t>(it - sorted.begin());
}

std::size_t index_linear(const std::vector<int>& values, int x) {
  const auto it = std::find(values.begin(), values.end(), x);  // list.index
  if (it == values.end()) throw std::out_of_range("value not in the vector");
  return static_cast<std::size_t>(it - values.begin());
}
// [/snippet:index-bisect]

}  // namespace

int main(int argc, char** argv) {
  const bool quick =
      parse_quick(argc, argv, "Times std::find against std::lower_bound (book ch. 2, bisect).");
  const int repeats = quick ? 50 : 500;
  constexpr int kBatch = 256;
  const std::vector<int> sizes = {10'000, 20'000, 30'000};
  const char* book_linear[] = {"87.55", "171.06", "263.17"};
  const char* book_bisect[] = {"3.16", "3.20", "4.71"};

  // bisect.bisect([1, 2, 4, 5, 6], 3) is 2 in the book; upper_bound is bisect_right.
  const std::vector<int> small = {1, 2, 4, 5, 6};
  const auto upper = std::upper_bound(small.begin(), small.end(), 3) - small.begin();
  std::cout << "upper_bound({1, 2, 4, 5, 6}, 3) = " << upper << " (the book's bisect gives 2)\n\n";

  std::cout << "Microseconds per search for a random element of the vector (ours: mean of a batch of "
            << kBatch << ", best of " << repeats << " batches)\n\n";
  Table table({"N", "std::find (us)", "std::lower_bound (us)", "ratio", "book list.index (us)",
               "book index_bisect (us)", "book ratio"});
  std::mt19937 rng(2);
  for (std::size_t s = 0; s < sizes.size(); ++s) {
    std::vector<int> values(static_cast<std::size_t>(sizes[s]));
    std::iota(values.begin(), values.end(), 0);
    // Random targets: the scan walks N/2 elements on average, and the binary search cannot learn one
    // path by heart. They are runtime values, so the compiler cannot precompute the answers.
    std::vector<int> targets(kBatch);
    for (int& t : targets) t = std::uniform_int_distribution<int>(0, sizes[s] - 1)(rng);
    const auto time_batch = [&](auto index) {
      return best_seconds(
                 [&] {
                   for (const int t : targets) keep(index(values, t));
                 },
                 repeats) /
             kBatch;
    };
    const double linear = time_batch(index_linear);
    const double binary = time_batch(index_sorted);
    table.row({std::to_string(sizes[s]), fixed(linear * 1e6, 3), fixed(binary * 1e6, 4),
               fixed(linear / binary, 0) + "x", book_linear[s], book_bisect[s],
               fixed(std::stod(book_linear[s]) / std::stod(book_bisect[s]), 0) + "x"});
  }
  table.print();
  std::cout << "\nThe scan grows with N; the binary search does about log2(N) = 14 or 15 comparisons at all "
               "three sizes,\nso its time hardly moves.\n";
  return 0;
}
