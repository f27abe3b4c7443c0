// Binary search written by hand, as Python's bisect module does it, with a comparison counter so its
// O(log N) cost can be checked exactly rather than timed.
// Lab task 2 (labs/02-data-structures/src/bisect.cpp). Do not call std::lower_bound, std::upper_bound,
// std::equal_range or std::binary_search.
#pragma once

#include <cstddef>
#include <span>

namespace hpc::datastructures {

// Every function takes a sorted (non-decreasing) array. When `comparisons` is not null, it is
// incremented once for every comparison between x and an element of the array.

// The first position where x could be inserted keeping the order: every element before it is < x.
std::size_t bisect_left(std::span<const int> sorted, int x, std::size_t* comparisons = nullptr);
// The position after the last element <= x (Python's bisect.bisect): every element before it is <= x.
std::size_t bisect_right(std::span<const int> sorted, int x, std::size_t* comparisons = nullptr);

// The position of the first element equal to x. When x is absent, throws std::out_of_range whose
// message contains x in decimal (Python's list.index raises ValueError).
std::size_t index_bisect(std::span<const int> sorted, int x, std::size_t* comparisons = nullptr);

}  // namespace hpc::datastructures
