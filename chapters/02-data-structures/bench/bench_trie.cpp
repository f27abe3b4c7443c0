// The book's trie table: N random 32-letter strings of which exactly ten start with "AA". The scan is
// O(N); the trie query depends on the prefix and the ten matches only, O(1) in N.
//
//   build/bench/bin/ch02_bench_trie
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/datastructures/trie.hpp"

namespace {

struct Collection {
  std::vector<std::string> strings;
  hpc::datastructures::Trie trie;
};

// Built once per N (Google Benchmark calls a case several times while it picks an iteration count).
const Collection& collection(std::size_t n) {
  static std::map<std::size_t, Collection> built;
  auto [it, inserted] = built.try_emplace(n);
  if (inserted) {
    std::mt19937_64 rng(2);
    std::uniform_int_distribution<int> letter('A', 'Z');
    auto& strings = it->second.strings;
    while (strings.size() < n) {
      std::string s(32, 'A');
      for (char& c : s) c = static_cast<char>(letter(rng));
      if (!s.starts_with("AA")) strings.push_back(std::move(s));
    }
    for (std::size_t k = 0; k < 10; ++k) strings[k * (n / 10)].replace(0, 2, "AA");
    for (std::size_t i = 0; i < n; ++i) it->second.trie.insert(strings[i], static_cast<int>(i));
  }
  return it->second;
}

void BM_LinearScan(benchmark::State& state) {
  const Collection& c = collection(static_cast<std::size_t>(state.range(0)));
  std::string prefix = "AA";
  for (auto _ : state) {
    benchmark::DoNotOptimize(prefix);
    std::vector<int> ids;
    for (std::size_t i = 0; i < c.strings.size(); ++i)
      if (std::string_view(c.strings[i]).starts_with(prefix)) ids.push_back(static_cast<int>(i));
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetComplexityN(state.range(0));
}

void BM_TriePrefix(benchmark::State& state) {
  const Collection& c = collection(static_cast<std::size_t>(state.range(0)));
  std::string prefix = "AA";
  for (auto _ : state) {
    benchmark::DoNotOptimize(prefix);
    auto ids = c.trie.with_prefix(prefix);
    benchmark::DoNotOptimize(ids.data());
  }
  state.SetComplexityN(state.range(0));
}

}  // namespace

BENCHMARK(BM_LinearScan)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::oN);
BENCHMARK(BM_TriePrefix)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::o1);
