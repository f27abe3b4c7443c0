// The book's counting table: three ways to count N words (100 different ones), each O(N).
//
//   build/bench/bin/ch02_bench_counting
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "../demos/counting.hpp"
#include "hpc/datastructures/counter.hpp"

namespace {

using namespace hpc::datastructures::counting;

std::vector<std::string> words(benchmark::State& state) {
  state.SetComplexityN(state.range(0));
  return random_words(static_cast<std::size_t>(state.range(0)));
}

void BM_CountFindInsert(benchmark::State& state) {
  const auto items = words(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(count_find_insert(items).size());
  }
}

void BM_CountSubscript(benchmark::State& state) {
  const auto items = words(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(count_subscript(items).size());
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
    benchmark::DoNotOptimize(count_ordered(items).size());
  }
}

}  // namespace

BENCHMARK(BM_CountFindInsert)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
BENCHMARK(BM_CountSubscript)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
BENCHMARK(BM_Counter)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
BENCHMARK(BM_CountOrderedMap)->Arg(1000)->Arg(2000)->Arg(3000)->Complexity(benchmark::oN);
