// The book's list and deque tables in C++: six operations on std::vector, std::deque and std::list
// holding N = 10,000 / 20,000 / 30,000 ints, with the book's CPython times beside ours.
//
//   ch02_demo_containers           200 timed batches per cell
//   ch02_demo_containers --quick   20 batches per cell (CI)
#include <deque>
#include <iterator>
#include <list>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

using namespace hpc::common::demo;

constexpr int kBatch = 100;  // operations per timed batch: 1% of the smallest N, so N barely moves

// One generic spelling of each operation. For std::vector, "front" operations shift every element.
struct PopBack {
  static void run(auto& c) { c.pop_back(); }
};
struct PopFront {
  static void run(auto& c) {
    if constexpr (requires { c.pop_front(); })
      c.pop_front();
    else
      c.erase(c.begin());
  }
};
struct PushBack {
  static void run(auto& c) { c.push_back(1); }
};
struct PushFront {
  static void run(auto& c) {
    if constexpr (requires { c.push_front(1); })
      c.push_front(1);
    else
      c.insert(c.begin(), 1);
  }
};
// [snippet:middle]
// The same two lines for all three containers. std::next is one addition for the random-access
// iterators of vector and deque, and N/2 pointer hops for std::list.
struct InsertMiddle {
  static void run(auto& c) { c.insert(std::next(c.begin(), c.size() / 2), 1); }
};
struct ReadMiddle {
  static void run(auto& c) { keep(*std::next(c.begin(), c.size() / 2)); }
};
// [/snippet:middle]

// Nanoseconds per operation on a container of n elements: the best of `repeats` batches of kBatch
// operations. Between batches (untimed) the container is put back to n elements.
template <class Container, class Op>
double ns_per_op(std::size_t n, int repeats) {
  Container c(n, 1);
  keep(&c);  // the container's address escapes, so every operation really reads and writes it
  double best = 1e300;
  for (int r = 0; r < repeats; ++r) {
    const double seconds = best_seconds(
        [&] {
          for (int i = 0; i < kBatch; ++i) Op::run(c);
        },
        1);
    best = std::min(best, seconds);
    c.resize(n, 1);
  }
  return best / kBatch * 1e9;
}

struct BookRow {
  std::string python;
  std::string times[3];  // µs at N = 10k, 20k, 30k; empty when the book has no such row
};

template <class Container, class Op>
void add_row(Table& table, const std::string& container, const std::string& op, const BookRow& book,
             const std::vector<std::size_t>& sizes, int repeats) {
  std::vector<std::string> cells = {container, op};
  for (const std::size_t n : sizes) cells.push_back(fixed(ns_per_op<Container, Op>(n, repeats), 1));
  cells.push_back(book.python);
  for (const auto& t : book.times) cells.push_back(t.empty() ? "-" : t);
  table.row(std::move(cells));
}

template <class Container>
void add_container(Table& table, const std::string& name, const BookRow (&book)[6],
                   const std::vector<std::size_t>& sizes, int repeats) {
  add_row<Container, PopBack>(table, name, "pop_back()", book[0], sizes, repeats);
  add_row<Container, PopFront>(table, name, "pop front", book[1], sizes, repeats);
  add_row<Container, PushBack>(table, name, "push_back(1)", book[2], sizes, repeats);
  add_row<Container, PushFront>(table, name, "push front", book[3], sizes, repeats);
  add_row<Container, InsertMiddle>(table, name, "insert(middle, 1)", book[4], sizes, repeats);
  add_row<Container, ReadMiddle>(table, name, "read middle", book[5], sizes, repeats);
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick =
      parse_quick(argc, argv, "Times pop/push/insert/read on vector, deque and list (book ch. 2).");
  const int repeats = quick ? 20 : 200;
  const std::vector<std::size_t> sizes = {10'000, 20'000, 30'000};

  // The book's CPython times (µs per operation), list table and deque tables.
  const BookRow vector_book[6] = {{"list.pop()", {"0.50", "0.59", "0.58"}},
                                  {"list.pop(0)", {"4.20", "8.36", "12.09"}},
                                  {"list.append(1)", {"0.43", "0.45", "0.46"}},
                                  {"list.insert(0, 1)", {"6.20", "11.97", "17.41"}},
                                  {"list.insert(N//2, 1)", {}},
                                  {"list[N//2]", {}}};
  const BookRow deque_book[6] = {{"deque.pop()", {"0.41", "0.47", "0.51"}},
                                 {"deque.popleft()", {"0.39", "0.51", "0.47"}},
                                 {"deque.append(1)", {"0.42", "0.48", "0.50"}},
                                 {"deque.appendleft(1)", {"0.38", "0.47", "0.51"}},
                                 {"deque.insert(N//2, 1)", {}},
                                 {"deque[N//2]", {"1.14", "1.71", "2.48"}}};
  const BookRow list_book[6] = {{"-", {}}, {"-", {}}, {"-", {}}, {"-", {}}, {"-", {}}, {"-", {}}};

  std::cout << "Nanoseconds per operation (ours: best of " << repeats << " batches of " << kBatch
            << "; book: CPython, microseconds)\n\n";
  Table table({"container", "operation", "ns N=10k", "ns N=20k", "ns N=30k", "Python (book)", "us N=10k",
               "us N=20k", "us N=30k"});
  add_container<std::vector<int>>(table, "vector", vector_book, sizes, repeats);
  add_container<std::deque<int>>(table, "deque", deque_book, sizes, repeats);
  add_container<std::list<int>>(table, "list", list_book, sizes, repeats);
  table.print();
  std::cout
      << "\nstd::deque reads its middle in constant time (a map of fixed-size blocks, random-access\n"
         "iterators); CPython's deque walks its linked blocks, so the book's deque[N//2] grows with N.\n"
         "Walking to the middle is what std::list pays, for reading and for inserting alike.\n";
  return 0;
}
