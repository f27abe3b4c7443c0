# Lab 08 tasks 4-5 (tree reduction over processes, map-reduce on threads): the known-wrong versions their
# graded tests must catch, each one PATCH of the reference with one classic mistake, and each failing the
# named test with the message that names the mistake (LAB.md, tasks 4 and 5). Included by
# chapters/08-processes/CMakeLists.txt after hpc_lab. (No ';' in PATCH texts: CMake would split there.
# EXPECT_OUTPUT comes last in each call: the bracket in "[^\n]" would otherwise swallow what follows.)

# Task 4: an odd round's last value dropped instead of carried over (the next round is one value short).
hpc_lab_variant(NAME reduce_dropped_carry
                PATCH reduction.cpp "m = pairs + m % 2" "m = pairs"
                FILTER ReduceProcesses.MatchesAccumulate
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.MatchesAccumulate[^\n]*dropped instead of carried over")

# Task 4: the buffers mapped MAP_PRIVATE: each worker writes into its own copy, the caller never sees it.
hpc_lab_variant(NAME reduce_private_memory
                PATCH reduction.cpp "MAP_SHARED | MAP_ANONYMOUS" "MAP_PRIVATE | MAP_ANONYMOUS"
                FILTER ReduceProcesses.MatchesAccumulate
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.MatchesAccumulate[^\n]*MAP_SHARED")

# Task 4: the caller reads a round's results without waiting for its workers (the book's race in another
# form: a partial sum), and leaves them unreaped.
hpc_lab_variant(NAME reduce_no_wait
                PATCH reduction.cpp "const std::string how = failure_of(wait_for(children[k]))"
                                    "const std::string how = ((void)&wait_for, failure_of(0))"
                FILTER ReduceProcesses.StressNoPartialSum
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.StressNoPartialSum[^\n]*read before every worker had finished")

# Task 4: every worker waited for, but how it ended never looked at: a killed worker leaves a hole.
hpc_lab_variant(NAME reduce_status_ignored
                PATCH reduction.cpp "if (!failure.empty()) throw std::runtime_error(" "if (false) throw std::runtime_error("
                FILTER ReduceProcesses.CrashedWorkerIsAnError
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.CrashedWorkerIsAnError[^\n]*a crashed worker was not reported")

# Task 4: no process at all: the "worker" code runs in the caller (right sums, nothing in parallel).
hpc_lab_variant(NAME reduce_in_the_caller
                PATCH reduction.cpp "const pid_t pid = ::fork()" "const pid_t pid = 0 * ::getpid()"
                      reduction.cpp "::_exit(status)" "(void)status"
                FILTER ReduceProcesses.WorkersDoTheCombiningTogether
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.WorkersDoTheCombiningTogether[^\n]*op ran in the calling process")

# Task 4: each worker waited for as soon as it is started: processes, but one at a time.
hpc_lab_variant(NAME reduce_serial_workers
                PATCH reduction.cpp "children.push_back(pid)" "children.push_back(pid), wait_for(pid)"
                FILTER ReduceProcesses.WorkersDoTheCombiningTogether
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.WorkersDoTheCombiningTogether[^\n]*one after the other")

# Task 5: the documents shared out as size / threads each: the remainder (the last chunk) never counted.
hpc_lab_variant(NAME map_reduce_dropped_last_chunk
                PATCH map_reduce.cpp "documents.size() * (t + 1) / n" "documents.size() / n * (t + 1)"
                FILTER MapReduce.EqualsSerialForAnyThreadCount
                EXPECT_OUTPUT "FAILED  \\] MapReduce.EqualsSerialForAnyThreadCount[^\n]*the last chunk was dropped")

# Task 5: reducer r takes mapper r's output (shuffle by thread) instead of every mapper's words it owns.
hpc_lab_variant(NAME map_reduce_shuffle_by_thread
                PATCH map_reduce.cpp "buckets[t][r]" "buckets[r][t]"
                FILTER MapReduce.EachWordInItsReducersPartition
                EXPECT_OUTPUT "FAILED  \\] MapReduce.EachWordInItsReducersPartition[^\n]*shuffle by key")

# Task 5: the helper threads joined as soon as they are started: the right counts, one thread at a time.
hpc_lab_variant(NAME map_reduce_serial_threads
                PATCH map_reduce.cpp "helpers.emplace_back(body, i)" "helpers.emplace_back(body, i).join()"
                FILTER MapReduce.RunsOnSeveralThreads
                EXPECT_OUTPUT "FAILED  \\] MapReduce.RunsOnSeveralThreads[^\n]*ran serially")

# Task 5, race-freedom (RACE_POINTS): every mapper counts into one shared table without a lock. The
# ThreadSanitizer build must report it and lose the stress test's race points; without a sanitizer the
# lost updates (or a crash of the table) must show in the stress test's counts.
hpc_lab_variant(NAME map_reduce_unsynchronised_merge
                PATCH map_reduce.cpp "count_into(documents[i], local)" "count_into(documents[i], buckets[0][0])"
                FILTER MapReduce.ManyThreadsStress
                SANITIZER thread
                TIMEOUT 300
                EXPECT_OUTPUT "ThreadSanitizer: data race.*FAILED  \\] MapReduce.ManyThreadsStress")

# The same shared table without a sanitizer: the stress test must fail in every run, with the lost updates
# (or the table's crash) when the threads collide inside it, else with the words of the one table in
# partition 0 whoever owns them (measured: 1 run in 6 lost counts, 5 showed the partitions).
hpc_lab_variant(NAME map_reduce_unsynchronised_counts
                PATCH map_reduce.cpp "count_into(documents[i], local)" "count_into(documents[i], buckets[0][0])"
                FILTER MapReduce.ManyThreadsStress
                UNSANITIZED
                EXPECT_OUTPUT "FAILED  \\] MapReduce.ManyThreadsStress[^\n]*(counts lost|is in partition 0 but|SIG)")

# Task 4: the book's reduce_sum itself, over processes: every value goes through a shared queue, pairs are
# whatever two values a worker takes, and the caller predicts ceil(m/2) results per round instead of
# counting them. Now and then a round leaves one more, and the sum comes back partial.
hpc_lab_variant(NAME reduce_book_queue
                REPLACE reduction.cpp=broken/reduce_book_queue.cpp
                FILTER ReduceProcesses.StressNoPartialSum
                EXPECT_OUTPUT "FAILED  \\] ReduceProcesses.StressNoPartialSum[^\n]*partial sum")
