// Graded tests, lab 07 task 5: the back-off between attempts, and the promise that another program never
// sees half a file under a final name.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/http_test_server.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/web/download.hpp"
#include "support.hpp"

namespace {

using hpc::common::HttpTestServer;
using hpc::common::TempDir;
using hpc::web::backoff_delay;
using hpc::web::download_all;
using hpc::web::DownloadJob;
using hpc::web::DownloadOptions;
using hpc::web::RetryPolicy;
using namespace std::chrono_literals;

long long ms(std::chrono::milliseconds d) { return d.count(); }

GRADED_TEST(Download, BackoffDelayGrowsRepeatsAndJitters, 1) {
  RetryPolicy policy;
  policy.first_backoff = 100ms;
  policy.multiplier = 2.0;
  policy.jitter = 0.0;
  for (int retry = 1; retry <= 5; ++retry) {
    EXPECT_EQ(ms(backoff_delay(policy, 0, retry)), 100LL << (retry - 1))
        << "without jitter, retry " << retry << " waits first_backoff * multiplier^(retry - 1)";
  }
  policy.jitter = 0.5;
  std::set<long long> by_seed;
  std::set<long long> by_job;
  for (std::uint64_t seed = 0; seed < 12; ++seed) {
    policy.seed = seed;
    for (int retry = 1; retry <= 3; ++retry) {
      const long long base = 100LL << (retry - 1);
      const long long wait = ms(backoff_delay(policy, 4, retry));
      EXPECT_GE(wait, base) << "jitter stretches a wait, it never shortens it (seed " << seed << ", retry "
                            << retry << ")";
      EXPECT_LE(wait, base + base / 2 + 1)
          << "jitter 0.5 stretches a wait by at most half (seed " << seed << ")";
      EXPECT_EQ(wait, ms(backoff_delay(policy, 4, retry)))
          << "the same seed, job and retry must give the same wait (seed " << seed
          << "): seed the random numbers "
          << "from them instead of from the clock or a shared generator";
    }
    by_seed.insert(ms(backoff_delay(policy, 4, 1)));
  }
  policy.seed = 99;
  for (std::size_t job = 0; job < 12; ++job) by_job.insert(ms(backoff_delay(policy, job, 1)));
  EXPECT_GE(by_seed.size(), 4u) << "12 seeds gave only " << by_seed.size()
                                << " different waits: the seed must change the jitter";
  EXPECT_GE(by_job.size(), 4u) << "12 jobs gave only " << by_job.size()
                               << " different waits: jobs that failed together would all retry together";
}

GRADED_TEST(Download, BackoffReallyWaitsBetweenAttempts, 2) {
  HttpTestServer server;
  TempDir folder("lab07-backoff");
  DownloadOptions options;
  options.retry.max_attempts = 3;
  options.retry.first_backoff = 120ms;
  options.retry.multiplier = 2.0;
  options.retry.jitter = 1.0;
  // A seed whose jitter adds much (at least a third of the most it may add), so a downloader that waits
  // the plain back-off without its jitter is seen too.
  long long expected = 0;
  for (std::uint64_t seed = 1; seed < 200; ++seed) {
    options.retry.seed = seed;
    expected = ms(backoff_delay(options.retry, 0, 1)) + ms(backoff_delay(options.retry, 0, 2));
    if (expected >= 360 + 120) break;
  }
  const auto start = std::chrono::steady_clock::now();
  const auto results = download_all({{server.url("/flaky/b?fail=2"), "b.txt"}}, folder.path(), options);
  const double waited_ms = 1000 * hpc::web::testing::seconds_since(start);
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok()) << results[0].message;
  EXPECT_EQ(server.hits("/flaky/b"), 3);
  if (waited_ms < static_cast<double>(expected) - 1.0) {
    ADD_FAILURE()
        << "No back-off, or the back-off without its jitter? Two failed attempts must be followed by "
        << "the two waits of backoff_delay (seed " << options.retry.seed << "), " << expected
        << " ms in all, but the whole download took " << waited_ms << " ms";
  }
}

// A program that watches the folder while a slow download runs (the file arrives at about 400 KB/s for
// half a second) must never see the final name with fewer bytes than the whole body, and must see the
// body arrive somewhere else in the same folder first.
GRADED_TEST(Download, NoHalfFileEverUnderTheFinalName, 3) {
  HttpTestServer server;
  TempDir folder("lab07-partial");
  constexpr std::size_t kSize = 200'000;
  const std::filesystem::path final_path = folder.path() / "slow.bin";
  std::uintmax_t partial_size = 0;
  bool saw_partial = false;
  bool saw_temporary = false;
  int looks = 0;
  // A jthread asks its loop to stop and joins when it is destroyed, also when download_all throws.
  std::jthread watcher([&](std::stop_token stop) {
    while (!stop.stop_requested()) {
      ++looks;
      std::error_code error;
      for (const auto& entry : std::filesystem::directory_iterator(folder.path(), error)) {
        const auto size = std::filesystem::file_size(entry.path(), error);
        if (error) continue;  // renamed or removed between listing and looking
        if (entry.path() == final_path && size != kSize && !saw_partial) {
          saw_partial = true;
          partial_size = size;
        }
        if (entry.path() != final_path && size > 0) saw_temporary = true;
      }
      std::this_thread::sleep_for(1ms);
    }
  });
  const auto results =
      download_all({{server.url("/bytes/200000?seed=9&rate=400000"), "slow.bin"}}, folder.path());
  watcher.request_stop();
  watcher.join();
  ASSERT_EQ(results.size(), 1u);
  ASSERT_TRUE(results[0].ok()) << results[0].message;
  EXPECT_GT(looks, 20) << "the folder was looked at only " << looks << " times";
  EXPECT_FALSE(saw_partial) << "the final name appeared with " << partial_size << " of " << kSize
                            << " bytes: write to a temporary name and rename only when the body is complete";
  EXPECT_TRUE(saw_temporary) << "no other file grew in the folder while the body arrived: the temporary file "
                                "belongs in the same folder (rename is atomic only within one file system)";
  EXPECT_EQ(hpc::common::read_file(final_path), hpc::common::http_test_body(kSize, 9));
}

RACE_POINTS(Download, NoHalfFileEverUnderTheFinalName, 1);

}  // namespace
