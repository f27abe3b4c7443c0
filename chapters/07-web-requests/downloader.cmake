# Lab 07 tasks 5-6 (the downloader and the open-design Fetcher): the known-wrong versions their graded
# tests must catch, each one PATCH of the reference with one classic mistake, and each failing the named
# test with the message that names the mistake (LAB.md, "What the tests catch"). Included by
# chapters/07-web-requests/CMakeLists.txt after hpc_lab. (No ';' in PATCH texts: CMake would split there. EXPECT_OUTPUT
# comes last in each call: the bracket in "[^\n]" would otherwise swallow the arguments after it.)

# Task 5: the body written straight under its final name (no temporary file, so nothing to rename): a
# program watching the folder sees a half file under the final name.
hpc_lab_variant(NAME writes_final_name
                PATCH download.cpp "const std::filesystem::path temp_path = folder / (\".\" + job.file_name + \".part\")"
                                   "const std::filesystem::path temp_path = final_path"
                FILTER Download.NoHalfFileEverUnderTheFinalName
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.NoHalfFileEverUnderTheFinalName[^\n]*final name appeared with")

# Task 5: every error status retried, 4xx included.
hpc_lab_variant(NAME retries_404
                PATCH download.cpp "outcome.retry = outcome.status >= 500 && outcome.status < 600"
                                   "outcome.retry = outcome.status >= 400"
                FILTER Download.NoRetryForA404OrARefusedConnection
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.NoRetryForA404OrARefusedConnection[^\n]*a 404 will be a 404 next time too")

# Task 5: the attempts follow each other without any wait.
hpc_lab_variant(NAME no_backoff
                PATCH download.cpp "if (attempt > 1) std::this_thread::sleep_for(backoff_delay(options.retry, index, attempt - 1))"
                                   "(void)index"
                FILTER Download.BackoffReallyWaitsBetweenAttempts
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.BackoffReallyWaitsBetweenAttempts[^\n]*No back-off")

# Task 5: the back-off without jitter: every job and every seed waits the same.
hpc_lab_variant(NAME no_jitter
                PATCH download.cpp "std::ceil(base * (1.0 + policy.jitter * unit))" "std::ceil(base + 0 * unit)"
                FILTER Download.BackoffDelayGrowsRepeatsAndJitters
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.BackoffDelayGrowsRepeatsAndJitters[^\n]*the seed must change the jitter")

# Task 5: a failed attempt keeps its temporary file.
hpc_lab_variant(NAME temp_left_behind
                PATCH download.cpp "std::filesystem::remove(temp_path, ignored)" "(void)ignored"
                FILTER Download.GivesUpAfterMaxAttemptsAndLeavesNoFile
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.GivesUpAfterMaxAttemptsAndLeavesNoFile[^\n]*neither under its final name nor a temporary file")

# Task 5: one worker per job, whatever max_in_flight says.
hpc_lab_variant(NAME download_limit_ignored
                PATCH download.cpp "std::min(jobs.size(), static_cast<std::size_t>(options.max_in_flight))"
                                   "jobs.size()"
                FILTER Download.InFlightNeverAboveTheLimitAndNoThreadLeft
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.InFlightNeverAboveTheLimitAndNoThreadLeft[^\n]*the limit is ignored")

# Task 5: the attempt's timeout never set: a body that trickles without stalling runs to its end.
hpc_lab_variant(NAME attempt_timeout_ignored
                PATCH download.cpp "curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()))"
                                   "(void)options"
                FILTER Download.TimeoutWhileBytesTrickleAndNoWaitBeforeTheFirstAttempt
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.TimeoutWhileBytesTrickleAndNoWaitBeforeTheFirstAttempt[^\n]*timeout of the attempt was ignored")

# Task 5: a back-off before every attempt, the first one included.
hpc_lab_variant(NAME backoff_before_first_attempt
                PATCH download.cpp "if (attempt > 1) std::this_thread::sleep_for(backoff_delay(options.retry, index, attempt - 1))"
                                   "std::this_thread::sleep_for(backoff_delay(options.retry, index, attempt > 1 ? attempt - 1 : 1))"
                FILTER Download.TimeoutWhileBytesTrickleAndNoWaitBeforeTheFirstAttempt
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.TimeoutWhileBytesTrickleAndNoWaitBeforeTheFirstAttempt[^\n]*a back-off before the first attempt")

# Task 5: a failed job's message that does not say which URL failed.
hpc_lab_variant(NAME message_without_url
                PATCH download.cpp "result.message = job.url + \": \" + outcome.what" "result.message = std::string() + outcome.what"
                FILTER Download.StallAndDroppedConnectionFailOnlyTheirJob
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.StallAndDroppedConnectionFailOnlyTheirJob[^\n]*naming its URL")

# Task 5: the names "." and ".." taken for plain file names.
hpc_lab_variant(NAME dot_names_accepted
                PATCH download.cpp "name.empty() || name == \".\" || name == \"..\" ||" "name.empty() ||"
                FILTER Download.BadInputRejectedBeforeAnyRequest
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.BadInputRejectedBeforeAnyRequest[^\n]*the name")

# Task 5: a multiplier below 1 accepted (the back-offs would shrink).
hpc_lab_variant(NAME small_multiplier_accepted
                PATCH download.cpp "if (!(retry.multiplier >= 1.0)) throw" "if (false) throw"
                FILTER Download.BadInputRejectedBeforeAnyRequest
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Download.BadInputRejectedBeforeAnyRequest[^\n]*multiplier 0.5")

# Task 6: a fresh connection per request (every result right, every request pays a TCP handshake).
hpc_lab_variant(NAME fresh_connection_per_request
                PATCH fetcher.cpp "curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L)"
                                  "curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, 1L)"
                FILTER Fetcher.ReusesConnections
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Fetcher.ReusesConnections[^\n]*a fresh connection per request")

# Task 6: the per-host limit ignored (only the total one kept).
hpc_lab_variant(NAME per_host_limit_ignored
                PATCH fetcher.cpp "host.running < options_.max_per_host" "host.running < options_.max_in_flight"
                FILTER Fetcher.PerHostLimitNeverExceeded
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Fetcher.PerHostLimitNeverExceeded[^\n]*the per-host limit is ignored")

# Task 6: the host keyed by its name alone, so two servers on one machine share one limit.
hpc_lab_variant(NAME port_left_out
                PATCH fetcher.cpp "key += port" "key += \"any\""
                FILTER Fetcher.HostMeansHostAndPort
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Fetcher.HostMeansHostAndPort[^\n]*is the port left out of the key")

# Race-freedom (RACE_POINTS in the tests): the workers take job numbers from a plain counter instead of
# an atomic one. ThreadSanitizer must report the race and the downloads' race points are lost.
hpc_lab_variant(NAME racy_job_counter
                PATCH download.cpp "std::atomic<std::size_t> next{0}" "std::size_t next{0}"
                FILTER Download.InFlightNeverAboveTheLimitAndNoThreadLeft
                SANITIZER thread
                TIMEOUT 300
                EXPECT_OUTPUT "ThreadSanitizer: data race.*FAILED  \\] Download.InFlightNeverAboveTheLimitAndNoThreadLeft")


# Task 6 is open design: a Fetcher built from threads and a shared schedule (not curl multi) must pass
# every graded Fetcher test too. Its stretch ratios are in LAB.md.
hpc_lab_variant(NAME threads_fetcher
                REPLACE fetcher.cpp=broken/fetcher_threads.cpp
                FILTER "Fetcher.*"
                TIMEOUT 120
                EXPECT_OUTPUT "\n8 passed, 0 failed, 0 skipped")

# Task 6: a fresh multi handle per fetch_all: connections serve one call only, the next call opens new ones.
hpc_lab_variant(NAME fresh_multi_per_call
                PATCH fetcher.cpp "std::vector<FetchResult> results(urls.size())"
                                  "std::vector<FetchResult> results((impl_ = std::make_unique<Impl>(), curl_multi_setopt(impl_->multi, CURLMOPT_MAXCONNECTS, static_cast<long>(options_.max_in_flight)), urls.size()))"
                FILTER Fetcher.ReusesConnections
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Fetcher.ReusesConnections[^\n]*a fresh multi handle per fetch_all")

# Task 6: a negative timeout accepted by the Fetcher.
hpc_lab_variant(NAME fetcher_negative_timeout_accepted
                PATCH fetcher.cpp "if (options.timeout.count() < 0) throw" "if (false) throw"
                FILTER Fetcher.BadInputRejectedBeforeAnyRequest
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Fetcher.BadInputRejectedBeforeAnyRequest[^\n]*negative timeout")
