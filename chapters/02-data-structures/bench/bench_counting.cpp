// The book's counting table: three ways to count N words (100 different ones), each O(N).
//
//   build/bench/bin/ch02_bench_counting
#include <benchmark/benchmark.h>

#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "hpc/datastructures/counter.hpp"

namespace {

std::vector<std::string> words(benchmark::State& state) {
  state.SetComplexityN(state.range(0));
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> pick(0, 99);
  std::vector<std::string> items;
  for (int64_t i = 0; i < state.range(0); ++i) {
    std::string word = "word";
    word += std::to_string(pick(rng));
    items.push_back(std::move(word));
  }
  return items;
}

void BM_CountFindInsert(benchmark::State& state) {
  const auto items = words(state);
  for (auto _ : state) {
    std::unordered_map<std::string, int> counts;
    for (const auto& item : items) {
      if (auto it = counts.find(item); it == counts.end())
        counts.emplace(item, 1);
      else
        ++it->second;
    }
    benchmark::DoNotOptimize(counts.size());
  }
}

void BM_CountSubscript(benchmark::State& state) {
  const auto items = words(state);
  for (auto _ : state) {
    std::unordered_map<std::string, int> counts;
    for (const auto& item : items) ++counts[item];
    benchmark::DoNotOptimize(counts.size());
  }
}

void BM_Counter(benchmark::State& state) {
  const auto items = words(state);
  for (auto _ : state) {
    const hpc::datastructures::Counter counter(items);
    benchmark::DoNotOptimize(counter.distinct());
  }
}

void BM_CountOrderedMap(benchmark::State& state) {
  const auto items = words(state);
  for (auto _ : state) {
    std::map<std::string, int> counts;
    for (const auto& item : items) ++counts[item];
    benchmark::DoNotOptimize(counts.size());
  }
}

}  // namespace

BENCHMARK(BM_CountFindInsert)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
BENCHMARK(BM_CountSubscript)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
BENCHMARK(BM_Counter)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
BENCHMARK(BM_CountOrderedMap)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
