// Requests per second against the local test server, two questions:
//
// 1. How the clients scale with the number of requests in flight, at a server latency of 10 ms: one
//    thread per request (the lab's ping_threaded), a pool of N workers (lab 06's ThreadPool) that
//    calls the lab's http_get (a new easy handle, so a new connection, per request), the same pool
//    with one easy handle kept per worker (its connection reused), and curl multi on one thread (the
//    lab's ping_multi).
// 2. What a connection costs, at latency 0, one request at a time: a new handle per request, one handle
//    kept (keep-alive: the connection is reused), one handle kept with CURLOPT_FORBID_REUSE, and one
//    handle kept against a server that closes every connection.
//
// The counter "connections" is the server's count of TCP connections accepted per request: 1 when
// every request opens its own, near 0 when they are reused.
//
//   ch07_bench_requests
//   ch07_bench_requests --benchmark_filter=Connection
#include <benchmark/benchmark.h>
#include <curl/curl.h>

#include <chrono>
#include <cstddef>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "hpc/common/http_test_server.hpp"
#include "hpc/threads/thread_pool.hpp"
#include "hpc/web/http.hpp"
#include "hpc/web/ping.hpp"

namespace {

using hpc::common::HttpTestServer;
using namespace std::chrono_literals;

// One server per keep-alive setting, made on first use and kept for the whole run (starting one per
// benchmark would add its start-up to nothing but would make the runs harder to compare).
HttpTestServer& server(bool keep_alive) {
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;  // before any thread
  (void)curl_ready;
  auto make = [](bool keep) {
    HttpTestServer::Options options;
    options.keep_alive = keep;
    options.threads = 80;  // more than the most in flight below: the server is not the limit
    return std::make_unique<HttpTestServer>(options);
  };
  static const std::unique_ptr<HttpTestServer> kept = make(true);
  static const std::unique_ptr<HttpTestServer> closing = make(false);
  return keep_alive ? *kept : *closing;
}

// [snippet:kept-handle]
// One easy handle used for request after request. libcurl keeps the connection of the last transfer
// open in the handle's cache and sends the next request over it when the server allows (HTTP/1.1
// keep-alive): no new TCP handshake, no new socket on either side.
class KeptHandle {
 public:
  explicit KeptHandle(bool forbid_reuse = false) : curl_(curl_easy_init(), curl_easy_cleanup) {
    if (!curl_) throw std::runtime_error("curl_easy_init failed");
    curl_easy_setopt(curl_.get(), CURLOPT_NOSIGNAL, 1L);  // no signals: safe on any thread
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEFUNCTION, &KeptHandle::append);
    curl_easy_setopt(curl_.get(), CURLOPT_WRITEDATA, &body_);
    curl_easy_setopt(curl_.get(), CURLOPT_FORBID_REUSE, forbid_reuse ? 1L : 0L);
  }

  const std::string& get(const std::string& url) {
    body_.clear();
    curl_easy_setopt(curl_.get(), CURLOPT_URL, url.c_str());
    if (const CURLcode code = curl_easy_perform(curl_.get()); code != CURLE_OK)
      throw std::runtime_error(url + ": " + curl_easy_strerror(code));
    return body_;
  }

 private:
  static std::size_t append(char* data, std::size_t size, std::size_t count, void* body) {
    static_cast<std::string*>(body)->append(data, size * count);
    return size * count;
  }

  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl_;
  std::string body_;
};
// [/snippet:kept-handle]

void report(benchmark::State& state, const HttpTestServer& srv, long requests_per_iteration) {
  const long requests = state.iterations() * requests_per_iteration;
  state.SetItemsProcessed(requests);
  state.counters["connections"] = static_cast<double>(srv.connections()) / static_cast<double>(requests);
}

// --- 1. scaling with the number in flight, 10 ms latency ---------------------------------------------

constexpr auto kLatency = 10ms;

HttpTestServer& latency_server() {
  HttpTestServer& srv = server(true);
  srv.set_base_latency(kLatency);
  srv.reset_counters();
  return srv;
}

void BM_ThreadPerRequest(benchmark::State& state) {
  HttpTestServer& srv = latency_server();
  const std::vector<std::string> urls(state.range(0), srv.url("/200"));
  for (auto _ : state) benchmark::DoNotOptimize(hpc::web::ping_threaded(urls));
  report(state, srv, state.range(0));
}

void BM_PoolNewHandle(benchmark::State& state) {
  HttpTestServer& srv = latency_server();
  const std::string url = srv.url("/200");
  hpc::threads::ThreadPool pool(state.range(0));
  std::vector<std::future<long>> futures;
  for (auto _ : state) {
    futures.clear();
    for (long i = 0; i < state.range(0); ++i)
      futures.push_back(pool.submit([&url] { return hpc::web::http_get(url).status; }));
    for (auto& future : futures) benchmark::DoNotOptimize(future.get());
  }
  report(state, srv, state.range(0));
}

// [snippet:pool-kept-handles]
void BM_PoolKeptHandle(benchmark::State& state) {
  HttpTestServer& srv = latency_server();
  const std::string url = srv.url("/200");
  hpc::threads::ThreadPool pool(state.range(0));
  std::vector<std::future<std::size_t>> futures;
  for (auto _ : state) {
    futures.clear();
    for (long i = 0; i < state.range(0); ++i) {
      futures.push_back(pool.submit([&url] {
        thread_local KeptHandle handle;  // one per worker thread, kept as long as the worker lives
        return handle.get(url).size();
      }));
    }
    for (auto& future : futures) benchmark::DoNotOptimize(future.get());
  }
  report(state, srv, state.range(0));
}
// [/snippet:pool-kept-handles]

void BM_Multi(benchmark::State& state) {
  HttpTestServer& srv = latency_server();
  const std::vector<std::string> urls(state.range(0), srv.url("/200"));
  for (auto _ : state) benchmark::DoNotOptimize(hpc::web::ping_multi(urls));
  report(state, srv, state.range(0));
}

void in_flight(benchmark::internal::Benchmark* b) {
  b->Arg(1)->Arg(4)->Arg(16)->Arg(64)->ArgName("in_flight")->UseRealTime()->Unit(benchmark::kMillisecond);
}
BENCHMARK(BM_ThreadPerRequest)->Apply(in_flight);
BENCHMARK(BM_PoolNewHandle)->Apply(in_flight);
BENCHMARK(BM_PoolKeptHandle)->Apply(in_flight);
BENCHMARK(BM_Multi)->Apply(in_flight);

// --- 2. what a connection costs, latency 0, one request at a time ------------------------------------

HttpTestServer& instant_server(bool keep_alive) {
  HttpTestServer& srv = server(keep_alive);
  srv.set_base_latency(0ms);
  srv.reset_counters();
  return srv;
}

void BM_ConnectionNewHandle(benchmark::State& state) {
  HttpTestServer& srv = instant_server(true);
  const std::string url = srv.url("/200");
  for (auto _ : state) benchmark::DoNotOptimize(hpc::web::http_get(url).status);
  report(state, srv, 1);
}

void BM_ConnectionKeptHandle(benchmark::State& state) {
  HttpTestServer& srv = instant_server(true);
  const std::string url = srv.url("/200");
  KeptHandle handle;
  for (auto _ : state) benchmark::DoNotOptimize(handle.get(url).size());
  report(state, srv, 1);
}

void BM_ConnectionKeptHandleForbidReuse(benchmark::State& state) {
  HttpTestServer& srv = instant_server(true);
  const std::string url = srv.url("/200");
  KeptHandle handle(/*forbid_reuse=*/true);
  for (auto _ : state) benchmark::DoNotOptimize(handle.get(url).size());
  report(state, srv, 1);
}

void BM_ConnectionKeptHandleServerCloses(benchmark::State& state) {
  HttpTestServer& srv = instant_server(false);
  const std::string url = srv.url("/200");
  KeptHandle handle;
  for (auto _ : state) benchmark::DoNotOptimize(handle.get(url).size());
  report(state, srv, 1);
}

BENCHMARK(BM_ConnectionNewHandle)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConnectionKeptHandle)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConnectionKeptHandleForbidReuse)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ConnectionKeptHandleServerCloses)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace
