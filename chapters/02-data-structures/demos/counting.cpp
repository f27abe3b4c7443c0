// The book's counting table in C++: counting N = 1,000 / 2,000 / 3,000 words (drawn from 100 different
// ones) by find-then-insert, by operator[]++, with the lab's Counter class and with an ordered std::map.
//
//   ch02_demo_counting           best of 500 counts per cell
//   ch02_demo_counting --quick   best of 50 (CI)
#include "counting.hpp"

#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/datastructures/counter.hpp"

namespace {

using namespace hpc::common::demo;
using namespace hpc::datastructures::counting;

}  // namespace

int main(int argc, char** argv) {
  const bool quick = parse_quick(argc, argv, "Times three ways of counting words (book ch. 2, Counter).");
  const int repeats = quick ? 50 : 500;
  const std::vector<int> sizes = {1000, 2000, 3000};

  std::vector<std::vector<std::string>> inputs;
  for (const int n : sizes) inputs.push_back(random_words(static_cast<std::size_t>(n)));

  struct Way {
    std::string name;
    std::string python;
    std::vector<std::string> book;  // µs at N = 1000, 2000, 3000
  };
  const std::vector<Way> ways = {
      {"find, then emplace or ++ (unordered_map)", "counter_dict", {"111.96", "197.13", "282.79"}},
      {"++counts[item] (unordered_map)", "counter_defaultdict", {"120.90", "238.27", "359.60"}},
      {"hpc::datastructures::Counter(items)", "Counter(items)", {"51.48", "96.63", "140.26"}},
      {"++counts[item] (std::map)", "-", {"-", "-", "-"}},
  };

  std::cout << "Microseconds to count N words (100 different ones); ours: best of " << repeats << "\n\n";
  Table table({"C++", "us N=1000", "us N=2000", "us N=3000", "Python (book)", "book N=1000", "book N=2000",
               "book N=3000"});
  bool agree = true;
  for (std::size_t w = 0; w < ways.size(); ++w) {
    std::vector<std::string> cells = {ways[w].name};
    for (const auto& items : inputs) {
      std::size_t distinct = 0;
      const double seconds = best_seconds(
          [&] {
            switch (w) {
              case 0:
                distinct = count_find_insert(items).size();
                break;
              case 1:
                distinct = count_subscript(items).size();
                break;
              case 2:
                distinct = hpc::datastructures::Counter(items).distinct();
                break;
              default:
                distinct = count_ordered(items).size();
                break;
            }
            keep(distinct);
          },
          repeats);
      agree = agree && distinct == count_subscript(items).size();
      cells.push_back(fixed(seconds * 1e6, 2));
    }
    cells.push_back(ways[w].python);
    for (const auto& b : ways[w].book) cells.push_back(b);
    table.row(std::move(cells));
  }
  table.print();

  const hpc::datastructures::Counter counter(inputs.back());
  std::cout << "\nmost_common(3) of the N=3000 words:";
  for (const auto& [word, count] : counter.most_common(3)) std::cout << ' ' << word << '=' << count;
  std::cout << "\n"
            << (agree ? "check: all four counters found the same distinct words\n"
                      : "check FAILED: the counters disagree\n");
  return agree ? 0 : 1;
}
