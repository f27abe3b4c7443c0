// Graded tests, lab 07 task 5: download_all, what it downloads and how it fails.
// (test_download_safety.cpp checks the back-off's timing and that no half file ever shows under a final
// name.) Every test starts its own server on 127.0.0.1 and downloads into a fresh temporary folder.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/web/download.hpp"
#include "support.hpp"

namespace {

using hpc::common::HttpTestServer;
using hpc::common::TempDir;
using hpc::web::download_all;
using hpc::web::DownloadJob;
using hpc::web::DownloadOptions;
using hpc::web::DownloadResult;
using hpc::web::ErrorKind;
using namespace std::chrono_literals;

// The names in a folder, sorted: what another program looking at it would see.
std::vector<std::string> folder_entries(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// Fails, leading with `why`, unless the folder holds exactly `expected` (sorted names).
void expect_folder_holds(const std::filesystem::path& folder, const std::vector<std::string>& expected,
                         const std::string& why) {
  const std::vector<std::string> actual = folder_entries(folder);
  if (actual != expected) {
    ADD_FAILURE() << why << ": the folder holds " << hpc::web::testing::joined(actual) << ", expected "
                  << hpc::web::testing::joined(expected);
  }
}

using hpc::common::same_bytes;

std::string describe(const DownloadResult& result) {
  std::string text = result.ok() ? "ok " + result.path.string() : "failed";
  text +=
      ", attempts " + std::to_string(result.attempts) + ", last status " + std::to_string(result.last_status);
  if (result.error) text += ", error " + std::string(hpc::web::to_string(*result.error));
  if (!result.message.empty()) text += ", message \"" + result.message + "\"";
  return text;
}

// Quick retries, so that the tests about counting attempts do not wait for long back-offs.
DownloadOptions quick_retries(int max_attempts) {
  DownloadOptions options;
  options.max_in_flight = 4;
  options.retry.max_attempts = max_attempts;
  options.retry.first_backoff = 10ms;
  options.retry.multiplier = 2.0;
  options.retry.jitter = 0.1;
  return options;
}

GRADED_TEST(Download, ByteIdenticalFromZeroToEightMegabytes, 3) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::vector<std::size_t> sizes{0, 1, 4096, (1u << 20) + 7, 8u << 20};
  std::vector<DownloadJob> jobs;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    jobs.push_back({server.url("/bytes/" + std::to_string(sizes[i]) + "?seed=" + std::to_string(i + 11)),
                    "file-" + std::to_string(sizes[i]) + ".bin"});
  }
  hpc::common::set_test_phase("download_all of 5 files, 0 B to 8 MiB, 4 in flight");
  const auto results = download_all(jobs, folder.path(), quick_retries(3));
  ASSERT_EQ(results.size(), jobs.size()) << "one result per job";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    SCOPED_TRACE("job " + std::to_string(i) + ": " + jobs[i].url);
    const DownloadResult& result = results[i];
    ASSERT_TRUE(result.ok()) << describe(result);
    EXPECT_EQ(result.path, folder.path() / jobs[i].file_name) << "the result's path is folder / file_name";
    EXPECT_EQ(result.attempts, 1) << "a download that succeeds at once is one attempt";
    EXPECT_EQ(result.last_status, 200);
    EXPECT_FALSE(result.error.has_value()) << describe(result);
    EXPECT_TRUE(same_bytes(hpc::common::http_test_body(sizes[i], i + 11),
                           hpc::common::read_file(folder.path() / jobs[i].file_name)))
        << "the file must hold the body byte for byte (opened in binary? every chunk written, in order?)";
  }
  std::vector<std::string> names;
  for (const auto& job : jobs) names.push_back(job.file_name);
  std::sort(names.begin(), names.end());
  expect_folder_holds(folder.path(), names, "the folder must hold the five files and nothing else");
}

GRADED_TEST(Download, RetriesAServerErrorUntilItSucceeds, 2) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::vector<DownloadJob> jobs{{server.url("/flaky/twice?fail=2&code=503"), "twice.txt"},
                                      {server.url("/flaky/once?fail=1&code=500"), "once.txt"}};
  const auto results = download_all(jobs, folder.path(), quick_retries(3));
  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0].ok()) << "503, 503, then 200 with 3 attempts allowed must succeed: "
                               << describe(results[0]);
  ASSERT_TRUE(results[1].ok()) << "500, then 200 must succeed: " << describe(results[1]);
  EXPECT_EQ(results[0].attempts, 3) << describe(results[0]);
  EXPECT_EQ(results[1].attempts, 2) << describe(results[1]);
  EXPECT_EQ(server.hits("/flaky/twice"), 3) << "the server must see exactly 2 failed requests and 1 good one";
  EXPECT_EQ(server.hits("/flaky/once"), 2);
  EXPECT_EQ(hpc::common::read_file(folder.path() / "twice.txt"), "200 OK");
  expect_folder_holds(folder.path(), std::vector<std::string>{"once.txt", "twice.txt"},
                      "only the final files may remain (a failed attempt must remove its temporary file)");
}

GRADED_TEST(Download, GivesUpAfterMaxAttemptsAndLeavesNoFile, 2) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::vector<DownloadJob> jobs{{server.url("/bytes/5000?seed=3"), "good.bin"},
                                      {server.url("/flaky/never?fail=9&code=503"), "never.txt"},
                                      {server.url("/bytes/7?seed=4"), "also-good.bin"}};
  const auto results = download_all(jobs, folder.path(), quick_retries(3));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_TRUE(results[0].ok()) << describe(results[0]);
  EXPECT_TRUE(results[2].ok()) << describe(results[2]);
  const DownloadResult& failed = results[1];
  EXPECT_FALSE(failed.ok()) << "9 failures with 3 attempts allowed must fail: " << describe(failed);
  EXPECT_EQ(server.hits("/flaky/never"), 3) << "max_attempts 3 means exactly 3 requests, the first included";
  EXPECT_EQ(failed.attempts, 3) << describe(failed);
  EXPECT_EQ(failed.last_status, 503) << describe(failed);
  EXPECT_FALSE(failed.error.has_value()) << "an HTTP status is not a transport error: " << describe(failed);
  EXPECT_NE(failed.message.find(jobs[1].url), std::string::npos)
      << "the message must name the URL: " << failed.message;
  expect_folder_holds(
      folder.path(), std::vector<std::string>{"also-good.bin", "good.bin"},
      "a job that failed leaves no file at all: neither under its final name nor a temporary file");
}

GRADED_TEST(Download, NoRetryForA404OrARefusedConnection, 2) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::string refused = hpc::web::testing::refused_base_url() + "/bytes/10";
  const std::vector<DownloadJob> jobs{{server.url("/404"), "missing.txt"},
                                      {server.url("/400"), "bad-request.txt"},
                                      {refused, "refused.bin"},
                                      {server.url("/bytes/10"), "ten.bin"}};
  const auto results = download_all(jobs, folder.path(), quick_retries(4));
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(server.hits("/404"), 1) << "a 404 will be a 404 next time too: retrying it only loads the server";
  EXPECT_EQ(server.hits("/400"), 1) << "a 4xx is the client's mistake: it must not be retried";
  EXPECT_FALSE(results[0].ok()) << describe(results[0]);
  EXPECT_EQ(results[0].attempts, 1) << describe(results[0]);
  EXPECT_EQ(results[0].last_status, 404) << describe(results[0]);
  EXPECT_FALSE(results[0].error.has_value()) << describe(results[0]);
  EXPECT_EQ(results[1].last_status, 400) << describe(results[1]);
  EXPECT_FALSE(results[2].ok()) << describe(results[2]);
  EXPECT_EQ(results[2].error, ErrorKind::connect) << "nobody listens there: " << describe(results[2]);
  EXPECT_EQ(results[2].attempts, 1) << "a refused connection is not retried: " << describe(results[2]);
  EXPECT_EQ(results[2].last_status, 0) << "no status arrived: " << describe(results[2]);
  EXPECT_TRUE(results[3].ok()) << describe(results[3]);
  expect_folder_holds(folder.path(), std::vector<std::string>{"ten.bin"},
                      "an error page is not the file: a 404's body must not be saved");
}

GRADED_TEST(Download, StallAndDroppedConnectionFailOnlyTheirJob, 3) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::vector<DownloadJob> jobs{{server.url("/bytes/300000?seed=5&stall_after=20000"), "stalls.bin"},
                                      {server.url("/bytes/300000?seed=6&drop_after=20000"), "drops.bin"},
                                      {server.url("/bytes/200000?seed=7"), "fine.bin"},
                                      {server.url("/200?sleep=5000"), "slow.txt"}};
  DownloadOptions options = quick_retries(2);
  options.stall_timeout = 300ms;
  options.timeout = 1500ms;
  hpc::common::set_test_phase(
      "download_all with a stalled body (stall_timeout 300 ms), a dropped connection "
      "and a 5 s response (timeout 1.5 s), 2 attempts each");
  const auto results = download_all(jobs, folder.path(), options);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_FALSE(results[0].ok()) << describe(results[0]);
  EXPECT_EQ(results[0].error, ErrorKind::timeout) << "a stall is a time-out: " << describe(results[0]);
  EXPECT_EQ(results[0].attempts, 2) << "a stall is transient: retried up to max_attempts: "
                                    << describe(results[0]);
  EXPECT_FALSE(results[1].ok()) << describe(results[1]);
  EXPECT_EQ(results[1].error, ErrorKind::transfer)
      << "a dropped connection is a transfer error: " << describe(results[1]);
  EXPECT_EQ(results[1].attempts, 2) << "a dropped connection is transient: retried: " << describe(results[1]);
  EXPECT_EQ(server.hits("/bytes/300000"), 4) << "2 attempts for the stalled and 2 for the dropped body";
  ASSERT_TRUE(results[2].ok()) << "the other downloads must complete: " << describe(results[2]);
  EXPECT_TRUE(
      same_bytes(hpc::common::http_test_body(200000, 7), hpc::common::read_file(folder.path() / "fine.bin")));
  EXPECT_FALSE(results[3].ok()) << describe(results[3]);
  EXPECT_EQ(results[3].error, ErrorKind::timeout)
      << "the attempt's timeout must end it: " << describe(results[3]);
  EXPECT_EQ(results[3].attempts, 2) << describe(results[3]);
  for (const std::size_t failed : {0u, 1u, 3u}) {
    EXPECT_NE(results[failed].message.find(jobs[failed].url), std::string::npos)
        << "a failed job's message is one line naming its URL and what went wrong: "
        << describe(results[failed]);
  }
  expect_folder_holds(folder.path(), std::vector<std::string>{"fine.bin"},
                      "half a body must never stay: not under the final name, not as a temporary file");
}

// The attempt's timeout bounds the whole transfer, also while bytes keep coming: a body that trickles
// (8000 bytes a second, a piece every 20 ms) never stalls, so only `timeout` can end it. And the first
// attempt starts at once: the back-off is the wait *between* attempts.
GRADED_TEST(Download, TimeoutWhileBytesTrickleAndNoWaitBeforeTheFirstAttempt, 1) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::vector<DownloadJob> trickle{{server.url("/bytes/40000?seed=3&rate=8000"), "trickle.bin"}};
  DownloadOptions options = quick_retries(1);
  options.stall_timeout = 300ms;
  options.timeout = 800ms;
  hpc::common::set_test_phase("download_all of a 5 s trickling body, timeout 800 ms, stall_timeout 300 ms");
  auto start = std::chrono::steady_clock::now();
  const auto results = download_all(trickle, folder.path(), options);
  double seconds = hpc::web::testing::seconds_since(start);
  EXPECT_LT(seconds, 3.0) << "the 800 ms timeout of the attempt was ignored while bytes kept coming: "
                          << "download_all took " << seconds << " s (timeout never set on the transfer?)";
  ASSERT_EQ(results.size(), 1u);
  EXPECT_FALSE(results[0].ok()) << "a 5 s body with an 800 ms timeout per attempt: " << describe(results[0]);
  EXPECT_EQ(results[0].error, ErrorKind::timeout) << describe(results[0]);
  expect_folder_holds(folder.path(), {}, "half a body must not stay");

  DownloadOptions slow_backoff = quick_retries(3);
  slow_backoff.retry.first_backoff = 2000ms;
  hpc::common::set_test_phase("download_all of one good URL, first_backoff 2 s");
  start = std::chrono::steady_clock::now();
  const auto good = download_all({{server.url("/bytes/10"), "ten.bin"}}, folder.path(), slow_backoff);
  seconds = hpc::web::testing::seconds_since(start);
  ASSERT_EQ(good.size(), 1u);
  EXPECT_TRUE(good[0].ok()) << describe(good[0]);
  EXPECT_LT(seconds, 1.0) << "one good download with first_backoff 2 s took " << seconds
                          << " s: a back-off before the first attempt? It is the wait between attempts";
}

GRADED_TEST(Download, InFlightNeverAboveTheLimitAndNoThreadLeft, 2) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  std::vector<DownloadJob> jobs;
  for (int i = 0; i < 12; ++i)
    jobs.push_back(
        {server.url("/bytes/1000?sleep=120&seed=" + std::to_string(i)), "part" + std::to_string(i)});
  DownloadOptions options = quick_retries(1);
  options.max_in_flight = 3;
  const int threads_before = hpc::web::testing::thread_count();
  // The server counts a request until its thread has written the answer, which a client within its limit
  // can outrun for a moment (see InFlightWatch); each request here takes 120 ms.
  hpc::web::testing::InFlightWatch watch([&] { return server.in_flight(); }, 3);
  const auto results = download_all(jobs, folder.path(), options);
  const auto seen = watch.stop();
  const int threads_after = hpc::web::testing::wait_for_thread_count(threads_before, 2000ms);
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << describe(result);
  EXPECT_LT(seen.longest_over_ms, 20.0)
      << "max_in_flight 3, and the server had more than 3 requests at once for " << seen.longest_over_ms
      << " ms (up to " << seen.most << "): the limit is ignored";
  EXPECT_GE(server.max_in_flight(), 3)
      << "12 slow jobs and a limit of 3 must keep 3 under way (the server saw at most "
      << server.max_in_flight() << " at once)";
  EXPECT_EQ(threads_after, threads_before) << "download_all returned with threads still running";
}

GRADED_TEST(Download, BadInputRejectedBeforeAnyRequest, 2) {
  HttpTestServer server;
  TempDir folder("lab07-download");
  const std::string good = server.url("/bytes/10");
  const std::filesystem::path a_file = folder.path() / "not-a-folder";
  { std::ofstream(a_file) << "x"; }
  auto rejected = [&](const std::string& what, auto call) {
    try {
      call();
      ADD_FAILURE() << what << ": download_all returned instead of throwing";
    } catch (const std::invalid_argument&) {
    } catch (const hpc::web::HttpError&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << ": threw " << e.what() << " instead of std::invalid_argument or HttpError";
    }
    EXPECT_EQ(server.total_hits(), 0) << what << ": a request was sent before the bad input was reported";
  };
  const DownloadOptions fine = quick_retries(2);
  rejected("a missing folder", [&] { download_all({{good, "a"}}, folder.path() / "missing", fine); });
  rejected("a file given as the folder", [&] { download_all({{good, "a"}}, a_file, fine); });
  // Not even root may create files in /proc: only trying to write tells "writable" (permission bits do not).
  rejected("an unwritable folder (/proc)", [&] { download_all({{good, "a"}}, "/proc", fine); });
  rejected("a malformed URL", [&] { download_all({{good, "a"}, {"not a url", "b"}}, folder.path(), fine); });
  rejected("an ftp:// URL", [&] {
    download_all({{good, "a"}, {"ftp://127.0.0.1/x", "b"}}, folder.path(), fine);
  });
  rejected("a name used twice", [&] { download_all({{good, "a"}, {good, "a"}}, folder.path(), fine); });
  rejected("a name with a '/'", [&] { download_all({{good, "a"}, {good, "sub/b"}}, folder.path(), fine); });
  rejected("an empty name", [&] { download_all({{good, "a"}, {good, ""}}, folder.path(), fine); });
  rejected("max_in_flight 0", [&] {
    DownloadOptions options = fine;
    options.max_in_flight = 0;
    download_all({{good, "a"}}, folder.path(), options);
  });
  rejected("max_attempts 0", [&] {
    DownloadOptions options = fine;
    options.retry.max_attempts = 0;
    download_all({{good, "a"}}, folder.path(), options);
  });
  rejected("the name \".\"", [&] { download_all({{good, "a"}, {good, "."}}, folder.path(), fine); });
  rejected("the name \"..\"", [&] { download_all({{good, "a"}, {good, ".."}}, folder.path(), fine); });
  // Each option the header bounds, one step past its bound.
  const std::pair<const char*, std::function<void(DownloadOptions&)>> bad_options[] = {
      {"first_backoff -1 ms", [](DownloadOptions& o) { o.retry.first_backoff = -1ms; }},
      {"multiplier 0.5", [](DownloadOptions& o) { o.retry.multiplier = 0.5; }},
      {"jitter -0.1", [](DownloadOptions& o) { o.retry.jitter = -0.1; }},
      {"timeout -1 ms", [](DownloadOptions& o) { o.timeout = -1ms; }},
      {"stall_timeout -1 ms", [](DownloadOptions& o) { o.stall_timeout = -1ms; }},
  };
  for (const auto& [what, make_bad] : bad_options) {
    rejected(what, [&] {
      DownloadOptions options = fine;
      make_bad(options);
      download_all({{good, "a"}}, folder.path(), options);
    });
  }
  expect_folder_holds(folder.path(), std::vector<std::string>{"not-a-folder"}, "nothing may be written");
  // And the bad URL is an HttpError in particular (task 1's check_url), like every function of this lab.
  EXPECT_THROW(download_all({{"http://", "b"}}, folder.path(), fine), hpc::web::HttpError);
}

// Race-freedom (DESIGN.md §8 rule 4): in a ThreadSanitizer build these are the graded tests of task 5.
RACE_POINTS(Download, ByteIdenticalFromZeroToEightMegabytes, 1);
RACE_POINTS(Download, StallAndDroppedConnectionFailOnlyTheirJob, 1);
RACE_POINTS(Download, InFlightNeverAboveTheLimitAndNoThreadLeft, 1);

}  // namespace
