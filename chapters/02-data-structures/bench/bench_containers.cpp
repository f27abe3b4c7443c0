// The book's list and deque tables as Google Benchmark cases. Each iteration does one operation and
// its opposite, so the container keeps its N elements; Complexity() fits the time per N.
//
//   build/bench/bin/ch02_bench_containers
#include <benchmark/benchmark.h>

#include <deque>
#include <iterator>
#include <list>
#include <vector>

namespace {

template <class Container>
Container filled(benchmark::State& state) {
  state.SetComplexityN(state.range(0));
  return Container(static_cast<std::size_t>(state.range(0)), 1);
}

void BM_VectorPopBack(benchmark::State& state) {
  auto v = filled<std::vector<int>>(state);
  for (auto _ : state) {
    v.pop_back();
    v.push_back(1);
    benchmark::DoNotOptimize(v.data());
  }
}

void BM_VectorPopFront(benchmark::State& state) {
  auto v = filled<std::vector<int>>(state);
  for (auto _ : state) {
    v.erase(v.begin());  // list.pop(0): every other element moves one slot
    v.push_back(1);
    benchmark::DoNotOptimize(v.data());
  }
}

void BM_VectorInsertFront(benchmark::State& state) {
  auto v = filled<std::vector<int>>(state);
  for (auto _ : state) {
    v.insert(v.begin(), 1);  // list.insert(0, 1)
    v.pop_back();
    benchmark::DoNotOptimize(v.data());
  }
}

void BM_DequePopFront(benchmark::State& state) {
  auto d = filled<std::deque<int>>(state);
  for (auto _ : state) {
    d.pop_front();  // deque.popleft()
    d.push_back(1);
    benchmark::DoNotOptimize(d.back());
  }
}

// [snippet:bench-middle]
template <class Container>
void BM_ReadMiddle(benchmark::State& state) {
  auto c = filled<Container>(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(c);  // c may have changed: walk to the middle again
    benchmark::DoNotOptimize(*std::next(c.begin(), c.size() / 2));
  }
}
// [/snippet:bench-middle]

}  // namespace

// [snippet:bench-register]
BENCHMARK(BM_VectorPopBack)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::o1);
BENCHMARK(BM_VectorPopFront)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::oN);
// [/snippet:bench-register]
BENCHMARK(BM_VectorInsertFront)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::oN);
BENCHMARK(BM_DequePopFront)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::o1);
BENCHMARK(BM_ReadMiddle<std::deque<int>>)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::o1);
BENCHMARK(BM_ReadMiddle<std::list<int>>)->Arg(10'000)->Arg(20'000)->Arg(30'000)->Complexity(benchmark::oN);
