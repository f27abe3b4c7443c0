# Lab 10, tasks 3-4 (lab10b): known-wrong variants of the Asio countdowns, prime checks and echo server
# (LAB.md, "What the tests catch"). Each is the reference with one classic mistake; the test that must
# catch it fails with a message naming that mistake. Included by CMakeLists.txt after hpc_lab().
# (No ';' in PATCH texts: CMake splits lists there.)

# Task 3: the "async" countdown sleeps the thread instead of awaiting a timer: the synchronous timeline.
hpc_lab_variant(NAME countdown_sleeps_the_thread
                PATCH countdown.cpp "count_down_on_timer(c, log)" "count_down_sleeping_the_thread(c, log)"
                FILTER Countdown.AsyncBookTimeline
                EXPECT_OUTPUT "FAILED  \\] Countdown.AsyncBookTimeline[^\n]*sleep the thread")
# Task 3: the io_context run by two threads: handlers (and log lines) on both.
hpc_lab_variant(NAME countdown_loop_on_two_threads
                PATCH countdown.cpp "countdown_loop.run()"
                      "(std::jthread([&] { while (countdown_loop.run_one()) {} }), countdown_loop.run())"
                FILTER Countdown.AsyncHandlersOnTheCallersThread
                EXPECT_OUTPUT "FAILED  \\] Countdown.AsyncHandlersOnTheCallersThread[^\n]*(one thread only|another thread)")
# Task 3: the async prime check never yields: the checks run one after the other (the sync order).
hpc_lab_variant(NAME primes_without_yield
                PATCH countdown.cpp "if (i % yield_every == 1) co_await" "if ((void)yield_every, false) co_await"
                FILTER Primes.AsyncInTheBooksOrder
                EXPECT_OUTPUT "FAILED  \\] Primes.AsyncInTheBooksOrder[^\n]*yield to the loop")
# Task 3: an executor of one thread: blocking countdowns and prime checks queue behind each other.
hpc_lab_variant(NAME executor_of_one_thread
                PATCH countdown.cpp "asio::thread_pool pool(workers)" "asio::thread_pool pool(((void)workers, 1))"
                FILTER Primes.ExecutorRunsTheChecksOnWorkers:Countdown.ExecutorGivesTheAsyncTimeline
                EXPECT_OUTPUT "FAILED  \\] Countdown.ExecutorGivesTheAsyncTimeline[^\n]*executor of one thread.*FAILED  \\] Primes.ExecutorRunsTheChecksOnWorkers[^\n]*executor of one thread")
# Task 4: the accept loop awaits each session before it accepts the next: one client at a time.
hpc_lab_variant(NAME echo_one_client_at_a_time
                PATCH echo.cpp "asio::co_spawn(loop, serve(socket), asio::detached)" "co_await serve(socket)"
                FILTER EchoServerFaults.SilentAndVanishingClientsDisturbNobody
                TIMEOUT 90
                EXPECT_OUTPUT "FAILED  \\] EchoServerFaults.SilentAndVanishingClientsDisturbNobody[^\n]*one client at a time")
# Task 4: every read taken for one whole message: a message split by the network is answered in pieces.
hpc_lab_variant(NAME echo_one_read_is_one_message
                PATCH echo.cpp "(end = pending.find('\\n')) != std::string::npos"
                      "!pending.empty() && (end = pending.size() - 1) + 1 > 0"
                FILTER EchoServerEcho.MessagesSplitOrJoinedByTheNetwork
                EXPECT_OUTPUT "FAILED  \\] EchoServerEcho.MessagesSplitOrJoinedByTheNetwork[^\n]*one read is not one message")
# Task 4: EchoAndClose answers but keeps the connection open.
hpc_lab_variant(NAME echo_and_close_forgets_to_close
                PATCH echo.cpp "co_return true" "co_return false"
                FILTER EchoServerEchoAndClose.AnswersThenCloses
                EXPECT_OUTPUT "FAILED  \\] EchoServerEchoAndClose.AnswersThenCloses[^\n]*forget to close")
# Task 4: close() stops accepting but leaves the open sessions reading: run() never returns. Unsanitized:
# the tsan preset's HPC_WATCHDOG_SCALE stretches the test's 10 s limit past this TIMEOUT.
hpc_lab_variant(NAME close_leaves_sessions_open
                PATCH echo.cpp "for (const auto& socket : open)" "for (const auto& socket : decltype(open){})"
                FILTER EchoServerClose.CloseWithClientsConnected
                UNSANITIZED
                TIMEOUT 90
                EXPECT_OUTPUT "FAILED  \\] EchoServerClose.CloseWithClientsConnected[^\n]*(sessions left open|sessions still open)")
# Task 4: the logged message copied between quotes without Python's escapes.
hpc_lab_variant(NAME repr_without_escapes
                PATCH echo.cpp "out += detail::escape_for_repr(ch, quote)" "out += ch"
                FILTER EchoRepr.LikePython:EchoServerLogOnly.LogsConnectionAndDataSendsNothing
                EXPECT_OUTPUT "FAILED  \\] EchoRepr.LikePython.*FAILED  \\] EchoServerLogOnly.LogsConnectionAndDataSendsNothing")
