// Bonus test, lab 10 task 5 (stretch): start_downloads as a guest on the caller's Asio loop. The only test
// file of task 5 that includes Asio (its headers cost seconds per file).
//
// A 10 ms ticker shares the loop with five downloads whose answers take 400 ms. A loop that lets libcurl
// tell it which sockets to watch (CURLMOPT_SOCKETFUNCTION, CURLMOPT_TIMERFUNCTION) keeps ticking on time;
// one that blocks in curl_multi_poll or curl_easy_perform inside a handler stops the ticker for as long.
// A guest does the work on the loop's own thread: the ticker also counts the process's threads, which
// must stay as they were before start_downloads (the server's threads all exist once it is constructed),
// so download_all on a thread of its own that posts `done` back to the loop is not a guest.
#include <gtest/gtest.h>

#include <algorithm>
#include <asio/io_context.hpp>
#include <asio/steady_timer.hpp>
#include <chrono>
#include <functional>
#include <thread>

#include "downloads_support.hpp"
#include "hpc/async/downloads.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/temp_dir.hpp"

namespace {

using hpc::async::DownloadRequest;
using hpc::async::DownloadResult;
using hpc::common::HttpTestServer;
using hpc::common::TempDir;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

BONUS_TEST(DownloadsLoop, GuestOnTheCallersLoopKeepsItResponsive, 3) {
  HttpTestServer server;
  TempDir folder("lab10-loop");
  std::vector<DownloadRequest> requests;
  for (int i = 0; i < 5; ++i)
    requests.push_back({server.url(hpc::async::testing::numbered("/bytes/30000?sleep=400&seed=", i)),
                        hpc::async::testing::numbered("f", i)});

  asio::io_context loop;
  int done_calls = 0;
  std::thread::id done_thread;
  std::vector<DownloadResult> results;
  bool finished = false;
  const int threads_before = hpc::async::testing::thread_count();
  int most_threads = threads_before;
  hpc::async::start_downloads(loop, requests, folder.path(), {}, [&](std::vector<DownloadResult> r) {
    ++done_calls;
    done_thread = std::this_thread::get_id();
    results = std::move(r);
    finished = true;
  });
  EXPECT_EQ(done_calls, 0) << "start_downloads must return at once; `done` runs on the loop";

  // The ticker: a 10 ms timer re-armed from its own handler until the downloads are done.
  asio::steady_timer ticker(loop);
  double longest_gap_ms = 0;
  int ticks = 0;
  Clock::time_point last = Clock::now();
  std::function<void(std::error_code)> tick = [&](std::error_code) {
    const auto now = Clock::now();
    longest_gap_ms = std::max(longest_gap_ms, std::chrono::duration<double, std::milli>(now - last).count());
    last = now;
    ++ticks;
    most_threads = std::max(most_threads, hpc::async::testing::thread_count());
    if (finished) return;
    ticker.expires_after(10ms);
    ticker.async_wait(tick);
  };
  ticker.expires_after(10ms);
  ticker.async_wait(tick);
  const auto start = Clock::now();
  loop.run();
  const double seconds = hpc::async::testing::seconds_since(start);

  EXPECT_EQ(done_calls, 1) << "`done` must be called exactly once";
  EXPECT_EQ(done_thread, std::this_thread::get_id()) << "`done` must run on the thread that runs the loop";
  ASSERT_EQ(results.size(), requests.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << hpc::async::testing::describe(results[i]);
    EXPECT_TRUE(
        hpc::async::testing::same_bytes(hpc::common::http_test_body(30000, i),
                                        hpc::common::read_file(folder.path() / requests[i].file_name)));
  }
  if (most_threads != threads_before)
    ADD_FAILURE() << "start_downloads started a thread: the process had " << threads_before
                  << " threads before and " << most_threads << " while the downloads ran; a guest on the "
                  << "caller's loop does the transfers on the loop's own thread, waiting on their sockets";
  EXPECT_EQ(server.max_in_flight(), 5) << "the five downloads must run at once";
  EXPECT_LT(longest_gap_ms, 150.0 * hpc::async::testing::timing_scale())
      << "a 10 ms ticker on the same loop was held up for " << longest_gap_ms << " ms while five 400 ms "
      << "answers were awaited (" << ticks << " ticks in " << seconds
      << " s): the downloads block the loop instead of letting it wait on their sockets";
}

}  // namespace
