// The book's list.index against bisect: std::find against std::lower_bound on a sorted vector, with the
// complexity fitted over N.
//
//   build/bench/bin/ch02_bench_search
#include <benchmark/benchmark.h>

#include <algorithm>
#include <numeric>
#include <random>
#include <vector>

namespace {

// Sorted values 0 .. N-1 and 256 random targets among them.
struct SearchData {
  std::vector<int> values;
  std::vector<int> targets;
  explicit SearchData(benchmark::State& state)
      : values(static_cast<std::size_t>(state.range(0))), targets(256) {
    std::iota(values.begin(), values.end(), 0);
    std::mt19937 rng(2);
    std::uniform_int_distribution<int> pick(0, static_cast<int>(state.range(0)) - 1);
    for (int& t : targets) t = pick(rng);
    state.SetComplexityN(state.range(0));
  }
};

void BM_Find(benchmark::State& state) {
  const SearchData data(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const int target = data.targets[next++ % data.targets.size()];
    benchmark::DoNotOptimize(std::find(data.values.begin(), data.values.end(), target));
  }
}

void BM_LowerBound(benchmark::State& state) {
  const SearchData data(state);
  std::size_t next = 0;
  for (auto _ : state) {
    const int target = data.targets[next++ % data.targets.size()];
    benchmark::DoNotOptimize(std::lower_bound(data.values.begin(), data.values.end(), target));
  }
}

}  // namespace

BENCHMARK(BM_Find)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::oN);
// Wider sizes for the logarithm: 1,000 to 1,000,000.
BENCHMARK(BM_LowerBound)->RangeMultiplier(10)->Range(1'000, 1'000'000)->Complexity(benchmark::oLogN);
