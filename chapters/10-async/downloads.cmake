# Lab 10 task 5 (downloads on one event loop): the known-wrong versions its graded tests must catch, each
# one PATCH of the reference (solutions/10-async/src/downloads.cpp) with one classic mistake, failing the
# named test with the message that names the mistake (LAB.md, "Task 5"). Included by
# chapters/10-async/CMakeLists.txt after hpc_lab. (No ';' in PATCH texts: CMake would split there, hence
# the comma expressions. EXPECT_OUTPUT comes last: the bracket in "[^\n]" would swallow what follows.)

# The body written straight under its final name: a watcher sees a half file there.
hpc_lab_variant(NAME writes_final_name
                PATCH downloads.cpp "transfers[i].part_path = part_path_of(out_dir, requests[i].file_name)"
                                    "transfers[i].part_path = part_path_of(out_dir, requests[i].file_name).replace_extension()"
                FILTER Downloads.ChunksReachThePartFileAsTheyArrive
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.ChunksReachThePartFileAsTheyArrive[^\n]*appeared under its final name")

# The .part file never renamed: the final names stay empty.
hpc_lab_variant(NAME no_rename
                PATCH downloads.cpp "std::filesystem::rename(t.part_path, t.final_path, error)" "(void)error"
                FILTER Downloads.BookFilesByteIdentical
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.BookFilesByteIdentical[^\n]*never renamed")

# A failed transfer keeps its .part file.
hpc_lab_variant(NAME part_left_after_failure
                PATCH downloads.cpp "std::filesystem::remove(t.part_path, ignored)" "(void)ignored"
                FILTER Downloads.DroppedConnectionReported
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.DroppedConnectionReported[^\n]*half a body must never stay")

# One transfer at a time (the multi handle used like the easy interface): the waits do not overlap ...
hpc_lab_variant(NAME one_at_a_time
                PATCH downloads.cpp "options_.max_concurrent == 0 ? transfers_.size()"
                                    "options_.max_concurrent == 0 ? std::size_t{1}"
                FILTER Downloads.AllFiveInFlightAtOnce
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.AllFiveInFlightAtOnce[^\n]*one transfer at a time is not concurrent")

# ... and a stalled transfer holds up the ones behind it. UNSANITIZED: the test allows 0.8 s for a 100 ms
# answer, times 3 under ThreadSanitizer, which is past the 1 s stall this variant waits for.
hpc_lab_variant(NAME stall_holds_up_others
                PATCH downloads.cpp "options_.max_concurrent == 0 ? transfers_.size()"
                                    "options_.max_concurrent == 0 ? std::size_t{1}"
                FILTER Downloads.StallTimesOutAndOthersFinishOnTime
                UNSANITIZED
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.StallTimesOutAndOthersFinishOnTime[^\n]*waited for the stalled one")

# The HTTP status ignored: a 404 saved (empty) as a success.
hpc_lab_variant(NAME status_ignored
                PATCH downloads.cpp "} else if (!is_2xx(t.status)) {" "} else if (false) {"
                FILTER Downloads.HttpErrorStatusIsNotAFile
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.HttpErrorStatusIsNotAFile[^\n]*saved as success")

# Whole bodies buffered in memory (here in the result's message string) and written when complete.
hpc_lab_variant(NAME buffers_whole_body
                PATCH downloads.cpp "const ssize_t wrote = ::write(t.fd, data + done, n - done)"
                                    "const ssize_t wrote = (t.result.message.append(data + done, n - done), static_cast<ssize_t>(n - done))"
                      downloads.cpp "close_failed = ::close(t.fd) != 0"
                                    "close_failed = (t.bytes += 0 * static_cast<std::size_t>(::write(t.fd, t.result.message.data(), t.result.message.size())), t.result.message.clear(), ::close(t.fd) != 0)"
                FILTER Downloads.ChunksReachThePartFileAsTheyArrive
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.ChunksReachThePartFileAsTheyArrive[^\n]*buffered instead of written")

# No stall detection: the stalled body waits until the test's own stop after 6 s (no overall timeout).
hpc_lab_variant(NAME stall_ignored
                PATCH downloads.cpp "if (options_.stall_timeout.count() == 0 || remaining() == 0) return" "if (true) return"
                FILTER Downloads.StallTimesOutAndOthersFinishOnTime
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.StallTimesOutAndOthersFinishOnTime[^\n]*the stall was not detected")

# The transfer's own time-out never set: a body that trickles without stalling runs to its end.
hpc_lab_variant(NAME timeout_ignored
                PATCH downloads.cpp "curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options.timeout.count()))"
                                    "(void)options"
                FILTER Downloads.TimeoutEndsATrickleThatNeverStalls
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.TimeoutEndsATrickleThatNeverStalls[^\n]*timeout ignored")

# The loop polled without ever sleeping: right files, on time, and a core burnt. UNSANITIZED: a CPU share
# is a time measurement, which sanitizer builds distort.
hpc_lab_variant(NAME busy_polls
                PATCH downloads.cpp "loop.run()" "while (!loop.stopped()) loop.poll()"
                FILTER DownloadsSpeed.WaitsWithoutSpinning
                UNSANITIZED
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] DownloadsSpeed.WaitsWithoutSpinning[^\n]*polls instead of sleeping")

# Race-freedom (tsan build only): the stop callback sets the loop's plain "cancelled" flag itself, on the
# thread that requested the stop, while the loop's thread reads it. ThreadSanitizer must report it. (Doing
# the whole cancellation there is worse but hides from ThreadSanitizer: Asio's own locks and the engine's
# shared_ptr counts happen to order those accesses, except when the loop is in the middle of a handler.)
hpc_lab_variant(NAME stop_flag_set_off_the_loop
                PATCH downloads.cpp "asio::post(loop_, [self = shared_from_this()] { self->cancel_on_loop()"
                                    "cancelled_ = true, asio::post(loop_, [self = shared_from_this()] { self->cancel_on_loop()"
                FILTER Downloads.StopEndsEveryTransferPromptly
                SANITIZER thread
                TIMEOUT 300
                EXPECT_OUTPUT "ThreadSanitizer: data race")

# The loop polled with a 1 ms nap between looks: little CPU, a thousand wake-ups a second. UNSANITIZED
# like busy_polls (the speed tests need an optimised build).
hpc_lab_variant(NAME naps_between_polls
                PATCH downloads.cpp "loop.run()" "while (!loop.stopped()) (loop.poll(), ::usleep(1000))"
                FILTER DownloadsSpeed.WaitsWithoutSpinning
                UNSANITIZED
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] DownloadsSpeed.WaitsWithoutSpinning[^\n]*wakes up to look")

# Bonus: a "guest" that runs download_all on a thread of its own and posts `done` back to the loop: the
# ticker keeps ticking and `done` runs on the loop's thread, but the process has one thread more.
hpc_lab_variant(NAME guest_on_a_thread
                REPLACE downloads.cpp=broken/downloads_on_a_thread.cpp
                FILTER DownloadsLoop.GuestOnTheCallersLoopKeepsItResponsive
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] DownloadsLoop.GuestOnTheCallersLoopKeepsItResponsive[^\n]*started a thread")

# The stop heard late: the loop learns of it only 0.9 s after it was requested, as one that checks a
# flag when its wait's 1 s time-out runs out (a stop callback that sets the flag but never wakes it).
hpc_lab_variant(NAME stop_heard_late
                PATCH downloads.cpp "self->cancel_on_loop()" "(::usleep(900000), self->cancel_on_loop())"
                FILTER Downloads.ChunksReachThePartFileAsTheyArrive:Downloads.StopEndsEveryTransferPromptly
                UNSANITIZED
                TIMEOUT 60
                EXPECT_OUTPUT "FAILED  \\] Downloads.ChunksReachThePartFileAsTheyArrive[^\n]*reached the loop late.*FAILED  \\] Downloads.StopEndsEveryTransferPromptly[^\n]*reached the loop late")
