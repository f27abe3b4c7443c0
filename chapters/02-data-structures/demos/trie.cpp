// The book's trie against a linear prefix scan: N random 32-letter strings of which exactly ten start
// with "AA", so every query returns the same ten ids and only the search itself can grow with N.
//
//   ch02_demo_trie           N = 10,000 / 20,000 / 30,000 / 100,000
//   ch02_demo_trie --quick   N = 10,000 / 20,000 / 30,000, fewer repeats (CI)
#include "hpc/datastructures/trie.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/common/demo.hpp"

namespace {

using namespace hpc::common::demo;
using hpc::datastructures::Trie;

// `letters` capital letters A-Z, uniformly at random.
std::string random_word(std::size_t letters, std::mt19937_64& gen) {
  std::uniform_int_distribution<int> letter('A', 'Z');
  std::string word(letters, 'A');
  for (char& c : word) c = static_cast<char>(letter(gen));
  return word;
}

// [snippet:ten-matches]
// N strings; exactly `matches` of them (spread over the collection) start with `prefix`.
std::vector<std::string> strings_with_matches(std::size_t n, std::string_view prefix, std::size_t matches,
                                              std::mt19937_64& rng) {
  std::vector<std::string> strings;
  while (strings.size() < n) {
    std::string s = random_word(32, rng);
    if (!s.starts_with(prefix)) strings.push_back(std::move(s));
  }
  for (std::size_t k = 0; k < matches; ++k) strings[k * (n / matches)].replace(0, prefix.size(), prefix);
  return strings;
}
// [/snippet:ten-matches]

// [snippet:prefix-scan]
std::vector<int> scan_prefix(const std::vector<std::string>& strings, std::string_view prefix) {
  std::vector<int> ids;
  for (std::size_t i = 0; i < strings.size(); ++i)
    if (std::string_view(strings[i]).starts_with(prefix)) ids.push_back(static_cast<int>(i));
  return ids;
}
// [/snippet:prefix-scan]

struct Timings {
  double scan_us, trie_us;
  std::size_t matches, nodes;
  bool same;
};

Timings measure(const std::vector<std::string>& strings, int repeats) {
  Trie trie;
  for (std::size_t i = 0; i < strings.size(); ++i) trie.insert(strings[i], static_cast<int>(i));
  std::string prefix = "AA";
  keep(prefix);  // a runtime prefix, not a constant the compiler can specialise on
  std::size_t found = 0;
  const double scan = best_seconds(
      [&] {
        found = scan_prefix(strings, prefix).size();
        keep(found);
      },
      repeats);
  const double query = best_seconds(
      [&] {
        found = trie.with_prefix(prefix).size();
        keep(found);
      },
      repeats * 10);
  return {scan * 1e6, query * 1e6, found, trie.node_count(),
          scan_prefix(strings, prefix) == trie.with_prefix(prefix)};
}

}  // namespace

int main(int argc, char** argv) {
  const bool quick =
      parse_quick(argc, argv, "Times a trie against a linear prefix scan (book ch. 2, tries).");
  const int repeats = quick ? 20 : 200;
  std::vector<std::size_t> sizes = {10'000, 20'000, 30'000};
  if (!quick) sizes.push_back(100'000);
  const char* book_trie[] = {"17.12", "17.27", "17.47", "-"};
  const char* book_scan[] = {"1978.44", "4075.72", "6398.06", "-"};

  std::mt19937_64 rng(2);
  bool ok = true;
  std::cout << "Ten strings start with \"AA\" at every N. Microseconds per query; ours: best of " << repeats
            << " (scan), " << repeats * 10 << " (trie)\n\n";
  Table table({"N", "scan (us)", "trie (us)", "ratio", "matches", "trie nodes", "book scan (us)",
               "book trie (us)", "book ratio"});
  for (std::size_t s = 0; s < sizes.size(); ++s) {
    const auto strings = strings_with_matches(sizes[s], "AA", 10, rng);
    const Timings t = measure(strings, repeats);
    ok = ok && t.same && t.matches == 10;
    const std::string book_ratio =
        s < 3 ? fixed(std::stod(book_scan[s]) / std::stod(book_trie[s]), 0) + "x" : "-";
    table.row({std::to_string(sizes[s]), fixed(t.scan_us, 2), fixed(t.trie_us, 3),
               fixed(t.scan_us / t.trie_us, 0) + "x", std::to_string(t.matches), std::to_string(t.nodes),
               book_scan[s], book_trie[s], book_ratio});
  }
  table.print();

  // The book's first experiment: 10,000 random strings, no planted matches (about N / 676 hit "AA").
  std::vector<std::string> random_strings;
  for (int i = 0; i < 10'000; ++i) random_strings.push_back(random_word(32, rng));
  const Timings r = measure(random_strings, repeats);
  ok = ok && r.same;
  std::cout << "\nRandom strings, N=10000: " << r.matches << " matches; scan " << fixed(r.scan_us, 2)
            << " us, trie " << fixed(r.trie_us, 3) << " us (book: scan 1760 us, trie 60.1 us).\n"
            << (ok ? "check: trie and scan return the same ids\n" : "check FAILED: trie and scan differ\n");
  return ok ? 0 : 1;
}
