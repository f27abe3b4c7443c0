# Known-wrong variants of lab 08, tasks 1-3 (LAB.md, "What the tests catch"): each is the reference with
# one classic mistake, and the test that must catch it fails with a message naming that mistake.
# Included by CMakeLists.txt after hpc_lab(). (No ';' in PATCH texts: CMake splits lists there.)
# The two that hang until the test's time limit are UNSANITIZED: the tsan preset's HPC_WATCHDOG_SCALE=5
# stretches that limit (30 s) past the variant's CTest TIMEOUT.

# Task 1: join(timeout) that ignores the timeout and waits for the child.
hpc_lab_variant(NAME join_without_timeout
                PATCH process.cpp "if (!timeout) {" "if (true) {"
                FILTER ProcessJoin.TimeoutReturnsOnTime
                TIMEOUT 90
                EXPECT_OUTPUT "FAILED  \\] ProcessJoin.TimeoutReturnsOnTime[^\n]*waited for the child, not for the timeout")
# Task 1: terminate() that sends SIGTERM only: a child ignoring it is waited for.
hpc_lab_variant(NAME sigterm_only
                PATCH process.cpp "::kill(pid_, SIGKILL)" "(void)0"
                FILTER ProcessTerminate.ChildIgnoringSigtermIsKilled
                TIMEOUT 120
                EXPECT_OUTPUT "FAILED  \\] ProcessTerminate.ChildIgnoringSigtermIsKilled[^\n]*(SIGKILL after the grace period|SIGTERM only)")
# Task 1: the destructor kills the child but never waits for it: a zombie.
hpc_lab_variant(NAME destructor_without_reaping
                PATCH process.cpp "      terminate()" "      ::kill(pid_, SIGKILL)"
                FILTER ProcessReaping.DestructorEndsAndReapsARunningChild
                EXPECT_OUTPUT "FAILED  \\] ProcessReaping.DestructorEndsAndReapsARunningChild[^\n]*not reaped")
# Task 1: the child leaves with exit(), running the parent's static destructors.
hpc_lab_variant(NAME child_calls_exit
                PATCH process.cpp "::_exit(code & 0xff)" "std::exit(code & 0xff)"
                FILTER ProcessExit.ChildEndsWithUnderscoreExit
                EXPECT_OUTPUT "FAILED  \\] ProcessExit.ChildEndsWithUnderscoreExit[^\n]*_exit\\(\\), not exit\\(\\)")
# Task 1: WEXITSTATUS read without WIFEXITED: a killed child "exits" with a made-up code.
hpc_lab_variant(NAME exit_code_of_a_signal
                PATCH process.cpp "if (!reaped_ || !WIFEXITED(status_)) return std::nullopt" "if (!reaped_) return std::nullopt"
                FILTER ProcessExit.SignalIsReportedNotAnExitCode
                EXPECT_OUTPUT "FAILED  \\] ProcessExit.SignalIsReportedNotAnExitCode[^\n]*WIFSIGNALED")
# Task 2: put() without the writers' shared lock: messages over PIPE_BUF interleave.
hpc_lab_variant(NAME put_without_lock
                PATCH pipe_queue.cpp "SharedLockGuard whole_message(&static_cast<SharedLocks*>(locks_)->write_lock)" "(void)0"
                FILTER PipeQueueWriters.OneMegabyteMessagesDoNotInterleave
                TIMEOUT 120
                EXPECT_OUTPUT "FAILED  \\] PipeQueueWriters.OneMegabyteMessagesDoNotInterleave[^\n]*PIPE_BUF")
# Task 2: put() that lets SIGPIPE end the process when the reader is gone.
hpc_lab_variant(NAME sigpipe_kills_the_writer
                PATCH pipe_queue.cpp "SigpipeBlocked no_sigpipe" "struct { void raised() {} } no_sigpipe"
                FILTER PipeQueueClosed.PutWithoutReaderIsAnError
                UNSANITIZED
                EXPECT_OUTPUT "FAILED  \\] PipeQueueClosed.PutWithoutReaderIsAnError[^\n]*SIGPIPE")
# Task 2: the parent keeps its own copy of the answers' write end: the answers never end.
hpc_lab_variant(NAME parent_keeps_a_write_end
                PATCH pipe_queue.cpp "answers.close_writer()" "(void)0"
                FILTER PoisonPill.BookExampleTenInputsThreeConsumers
                UNSANITIZED
                TIMEOUT 150
                EXPECT_OUTPUT "FAILED  \\] PoisonPill.BookExampleTenInputsThreeConsumers[^\n]*timed out after[^\n]*write end")
# Task 3: results stored in the order the workers finish.
hpc_lab_variant(NAME results_in_completion_order
                PATCH process_pool.cpp "results[w.task].value = std::move(out)" "results[finished].value = std::move(out)"
                FILTER PoolResults.InInputOrderNotCompletionOrder
                EXPECT_OUTPUT "FAILED  \\] PoolResults.InInputOrderNotCompletionOrder[^\n]*completion order")
# Task 3: a "pool" that forks a fresh process for every task.
hpc_lab_variant(NAME fork_per_task
                PATCH process_pool.cpp "if (write_all(w.task_fd, &fn, sizeof fn) &&"
                      "if ((State::end_worker(w), state_->start_worker(w), true) && write_all(w.task_fd, &fn, sizeof fn) &&"
                FILTER PoolWorkers.WorkersAreForkedOnceAndReused
                EXPECT_OUTPUT "FAILED  \\] PoolWorkers.WorkersAreForkedOnceAndReused[^\n]*not a pool")
# Task 3: the destructor ends each worker but not its process group: what a worker started lives on.
hpc_lab_variant(NAME worker_group_left_running
                PATCH process_pool.cpp "::kill(-w.pid, SIGKILL)" "::kill(w.pid, SIGKILL)"
                      process_pool.cpp "while (::waitpid(-w.pid, &other, 0) > 0 || errno == EINTR)" "while (other != 0)"
                FILTER PoolCleanup.ProcessesAWorkerStartedEndWithThePool
                EXPECT_OUTPUT "FAILED  \\] PoolCleanup.ProcessesAWorkerStartedEndWithThePool[^\n]*orphan")
# Task 2: the parent writes every input before it reads any answer: with both pipes full, it waits for
# consumers that wait for it.
hpc_lab_variant(NAME inputs_before_answers
                PATCH pipe_queue.cpp "  feeder.join()" "  (void)0"
                      pipe_queue.cpp "  PoisonPillRun run" "  PoisonPillRun run = (feeder.join(), PoisonPillRun{})"
                FILTER PoisonPill.ManyInputsFewerConsumersThanCores
                UNSANITIZED
                TIMEOUT 150
                EXPECT_OUTPUT "FAILED  \\] PoisonPill.ManyInputsFewerConsumersThanCores[^\n]*timed out after[^\n]*both pipes full")
# Task 3: the destructor kills each worker but not its group, and then waits for the group: it waits out
# whatever a worker started (sleep 25) instead of ending it.
hpc_lab_variant(NAME worker_group_waited_out
                PATCH process_pool.cpp "::kill(-w.pid, SIGKILL)" "::kill(w.pid, SIGKILL)"
                FILTER PoolCleanup.ProcessesAWorkerStartedEndWithThePool
                TIMEOUT 90
                EXPECT_OUTPUT "FAILED  \\] PoolCleanup.ProcessesAWorkerStartedEndWithThePool[^\n]*process group")
# Task 3: a dead worker noticed only by end-of-file on its answer pipe (no pidfd, no wait): a child the
# worker started keeps that pipe open and the crash is seen only when that child ends.
hpc_lab_variant(NAME crash_seen_by_eof_only
                PATCH process_pool.cpp "w.pidfd = open_pidfd(pid)" "w.pidfd = (::close(open_pidfd(pid)), -1)"
                      process_pool.cpp "(w.pidfd >= 0 || !State::has_ended(w))" "true"
                FILTER PoolFailures.CrashSignalIsNamed
                TIMEOUT 90
                EXPECT_OUTPUT "FAILED  \\] PoolFailures.CrashSignalIsNamed[^\n]*watch the worker itself")
# Task 1: join(timeout) that checks waitpid(WNOHANG) every 200 ms: it returns long after the child ended.
hpc_lab_variant(NAME join_polls_every_200ms
                PATCH process.cpp "if (pidfd_ >= 0) {" "if (false) {"
                      process.cpp "auto pause = std::chrono::milliseconds(1)" "auto pause = std::chrono::milliseconds(200)"
                      process.cpp "pause = std::min(pause * 2, std::chrono::milliseconds(20))" "(void)0"
                FILTER ProcessJoin.ReturnsAsSoonAsTheChildEnds
                EXPECT_OUTPUT "FAILED  \\] ProcessJoin.ReturnsAsSoonAsTheChildEnds[^\n]*polls")
# Task 2: get() hands out the first bytes of a message whose writer died half-way.
hpc_lab_variant(NAME partial_message_returned
                PATCH pipe_queue.cpp "if (read_all(read_fd_, message.data(), size) < size)"
                      "if (message.resize(read_all(read_fd_, message.data(), size)), false)"
                FILTER PipeQueueBasics.EndWhenEveryWriterHasClosed
                EXPECT_OUTPUT "FAILED  \\] PipeQueueBasics.EndWhenEveryWriterHasClosed[^\n]*cut short must throw")
# Task 2: put() without the size check: a message over kMaxMessageBytes is written (here: EPIPE).
hpc_lab_variant(NAME no_size_check
                PATCH pipe_queue.cpp "if (message.size() > kMaxMessageBytes)" "if (false)"
                FILTER PipeQueueClosed.UseAfterCloseIsAnError
                EXPECT_OUTPUT "FAILED  \\] PipeQueueClosed.UseAfterCloseIsAnError[^\n]*over kMaxMessageBytes must throw std::length_error")
# Task 2: get() without the readers' shared lock: two consumers read parts of one message.
hpc_lab_variant(NAME get_without_lock
                PATCH pipe_queue.cpp "SharedLockGuard prefix_and_bytes(&static_cast<SharedLocks*>(locks_)->read_lock)" "(void)0"
                FILTER PoisonPill.ManyInputsFewerConsumersThanCores
                UNSANITIZED
                TIMEOUT 150
                EXPECT_OUTPUT "FAILED  \\] PoisonPill.ManyInputsFewerConsumersThanCores[^\n]*readers' lock")
