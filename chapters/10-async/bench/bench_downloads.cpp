// Downloads against concurrency: 50 small downloads from the local test server, which waits 25 ms
// before each answer, with at most 1, 2, 5, 10 or 50 transfers under way at once on lab 10's event loop
// (download_all, max_concurrent), beside the one-at-a-time baseline. The ideal time is
// ceil(50 / in_flight) x 25 ms: the waits overlap, the loop does the rest. The notes' figure.
//
//   ch10_bench_downloads
//   ch10_bench_downloads --benchmark_filter=OneLoop
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <vector>

#include "hpc/async/downloads.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/temp_dir.hpp"

namespace {

constexpr int kDownloads = 50;
constexpr int kLatencyMs = 25;
constexpr std::size_t kBytes = 20'000;

hpc::common::HttpTestServer& server() {
  static hpc::common::HttpTestServer instance([] {
    hpc::common::HttpTestServer::Options options;
    options.base_latency = std::chrono::milliseconds(kLatencyMs);
    return options;
  }());
  return instance;
}

std::vector<hpc::async::DownloadRequest> requests() {
  std::vector<hpc::async::DownloadRequest> list;
  for (int i = 0; i < kDownloads; ++i)
    list.push_back({server().url("/bytes/" + std::to_string(kBytes) + "?seed=" + std::to_string(i)),
                    "file" + std::to_string(i) + ".bin"});
  return list;
}

template <class Download>
void run(benchmark::State& state, Download download) {
  const auto list = requests();
  hpc::common::TempDir out("ch10-bench");
  for (auto _ : state) {
    const auto results = download(list, out.path());
    for (const auto& result : results)
      if (!result.ok()) state.SkipWithError(result.message.c_str());
  }
  state.SetItemsProcessed(state.iterations() * kDownloads);
  state.counters["latency_ms"] = kLatencyMs;
}

void BM_DownloadsOneAtATime(benchmark::State& state) {
  run(state,
      [](const auto& list, const auto& folder) { return hpc::async::download_one_at_a_time(list, folder); });
}
BENCHMARK(BM_DownloadsOneAtATime)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DownloadsOneLoop(benchmark::State& state) {
  hpc::async::DownloadOptions options;
  options.max_concurrent = static_cast<int>(state.range(0));
  run(state, [&options](const auto& list, const auto& folder) {
    return hpc::async::download_all(list, folder, options);
  });
}
BENCHMARK(BM_DownloadsOneLoop)
    ->ArgName("in_flight")
    ->Arg(1)
    ->Arg(2)
    ->Arg(5)
    ->Arg(10)
    ->Arg(50)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
