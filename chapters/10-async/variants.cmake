# Known-wrong variants of lab 10, part (a) (tasks 1-2, the tiny event loop; LAB.md, "What the tests
# catch"): each is the reference with one classic mistake, and the test that must catch it fails with
# a message naming that mistake. Included by CMakeLists.txt after hpc_lab(). (No ';' in PATCH texts.)

# Task 1: the ready queue as a stack (LIFO).
hpc_lab_variant(NAME lifo_ready_queue
                PATCH mini_loop.cpp "state.ready.front()" "state.ready.back()"
                      mini_loop.cpp "state.ready.pop_front()" "state.ready.pop_back()"
                FILTER MiniLoop.SpawnedTasksStartInSpawnOrder
                EXPECT_OUTPUT "FAILED  \\] MiniLoop.SpawnedTasksStartInSpawnOrder[^\n]*LIFO")
# Task 1: final_suspend that does not suspend (suspend_never): the frame destroys itself, then its Task
# destroys it again. Only AddressSanitizer names that for sure.
hpc_lab_variant(NAME final_suspend_never
                PATCH mini_loop.cpp "frame_destroys_itself = false" "frame_destroys_itself = true"
                FILTER MiniTask.EachFrameIsDestroyedExactlyOnce
                SANITIZER address
                EXPECT_OUTPUT "FAILED  \\] MiniTask.EachFrameIsDestroyedExactlyOnce[^\n]*(double-free|use-after-free)")
# Task 1: the awaiting coroutine resumed by a nested resume() instead of symmetric transfer: a long chain
# overflows the stack (a crash the test reports, not a crash of the test program).
hpc_lab_variant(NAME no_symmetric_transfer
                PATCH mini_loop.cpp "if (promise.continuation) return promise.continuation"
                      "if (promise.continuation) return (promise.continuation.resume(), std::noop_coroutine())"
                FILTER MiniTask.ChainOf100000AwaitsKeepsTheStackFlat
                UNSANITIZED
                EXPECT_OUTPUT "FAILED  \\] MiniTask.ChainOf100000AwaitsKeepsTheStackFlat[^\n]*a stack overflow if")
# Task 1: unhandled_exception() that drops the exception.
hpc_lab_variant(NAME exception_swallowed
                PATCH mini_loop.cpp "promise.exception = std::current_exception()" "(void)promise"
                FILTER MiniTask.ExceptionsReachTheAwaiter:MiniLoop.ExceptionOfASpawnedTaskIsRethrownByRun
                EXPECT_OUTPUT "FAILED  \\] MiniTask.ExceptionsReachTheAwaiter[^\n]*swallowed.*FAILED  \\] MiniLoop.ExceptionOfASpawnedTaskIsRethrownByRun[^\n]*swallowed")
# Task 2: sleep_for that blocks the thread (std::this_thread::sleep_until inside the awaitable): the
# countdowns run one after the other, the timeline of the synchronous version.
hpc_lab_variant(NAME sleep_blocks_the_thread
                PATCH mini_loop.cpp "state.timers.push(Timer{deadline, state.next_sequence++, waiting})"
                      "(std::this_thread::sleep_until(deadline), state.ready.push_back(waiting))"
                FILTER MiniTimers.BookCountdownTimeline
                EXPECT_OUTPUT "FAILED  \\] MiniTimers.BookCountdownTimeline[^\n]*block the thread")
# Task 2: a loop that spins on the clock while it waits for the next timer.
hpc_lab_variant(NAME busy_waiting_loop
                PATCH mini_loop.cpp "std::this_thread::sleep_until(state.timers.top().deadline)" "(void)0"
                FILTER MiniTimers.IdleLoopSleepsInsteadOfSpinning
                EXPECT_OUTPUT "FAILED  \\] MiniTimers.IdleLoopSleepsInsteadOfSpinning[^\n]*busy-waits")
# Task 2: timers ordered by deadline alone: a heap is not stable, equal deadlines come out of order.
hpc_lab_variant(NAME timers_without_tiebreak
                PATCH mini_loop.cpp "std::tie(a.deadline, a.sequence) > std::tie(b.deadline, b.sequence)"
                      "a.deadline > b.deadline"
                FILTER MiniTimers.EqualDeadlinesFireInTheOrderTheyWereSet
                EXPECT_OUTPUT "FAILED  \\] MiniTimers.EqualDeadlinesFireInTheOrderTheyWereSet[^\n]*tiebreak")
# Task 2: a loop that runs ready tasks as long as there are any before it looks at the timers: a task
# that keeps yielding starves every timer.
hpc_lab_variant(NAME timers_starved_by_yields
                PATCH mini_loop.cpp "for (std::size_t n = state.ready.size()" "for (std::size_t n = SIZE_MAX"
                FILTER MiniTimers.TimersFireWhileOtherTasksKeepYielding
                EXPECT_OUTPUT "FAILED  \\] MiniTimers.TimersFireWhileOtherTasksKeepYielding[^\n]*starved")
# Task 2: gather that awaits its tasks one after the other: the sum of their times, not the longest.
hpc_lab_variant(NAME sequential_gather
                PATCH mini_loop.cpp "for (auto& child : children) schedule(child)"
                      "for (auto& child : children) co_await child"
                FILTER MiniGather.TakesTheLongestNotTheSum
                EXPECT_OUTPUT "FAILED  \\] MiniGather.TakesTheLongestNotTheSum[^\n]*one after the other")
# Task 2: a loop that naps 1 ms at a time while it waits: little CPU, but a thousand wake-ups a second.
hpc_lab_variant(NAME polling_loop
                PATCH mini_loop.cpp "std::this_thread::sleep_until(state.timers.top().deadline)"
                      "std::this_thread::sleep_for(std::chrono::milliseconds(1))"
                FILTER MiniTimers.IdleLoopSleepsInsteadOfSpinning
                EXPECT_OUTPUT "FAILED  \\] MiniTimers.IdleLoopSleepsInsteadOfSpinning[^\n]*polls")
# Task 1: a spawned task's frame never destroyed when it ends (though dropped from the loop's set): every
# finished spawned task leaks.
hpc_lab_variant(NAME finished_spawned_frames_leak
                PATCH mini_loop.cpp "frame.destroy()" "(void)frame"
                FILTER MiniLoop.SpawnedTasksStartInSpawnOrder
                EXPECT_OUTPUT "FAILED  \\] MiniLoop.SpawnedTasksStartInSpawnOrder[^\n]*must destroy a spawned task.s frame when the task ends")
# Task 1: the last exception of the spawned tasks kept, not the first.
hpc_lab_variant(NAME last_exception_kept
                PATCH mini_loop.cpp "if (promise.exception && !state.escaped)" "if (promise.exception)"
                FILTER MiniLoop.ExceptionOfASpawnedTaskIsRethrownByRun
                EXPECT_OUTPUT "FAILED  \\] MiniLoop.ExceptionOfASpawnedTaskIsRethrownByRun[^\n]*not the last")
# Task 1: run_until_complete that does not rethrow a spawned task's exception (it is held back, here
# dropped, when the awaited task finishes).
hpc_lab_variant(NAME run_until_complete_hides_spawned_failure
                PATCH mini_loop.cpp "std::exception_ptr escaped" "std::exception_ptr escaped, held_back"
                      mini_loop.cpp "while (!promise.finished) {"
                      "while (!promise.finished || (state_->held_back = std::exchange(state_->escaped, nullptr), false)) {"
                FILTER MiniLoop.ExceptionOfASpawnedTaskIsRethrownByRun
                EXPECT_OUTPUT "FAILED  \\] MiniLoop.ExceptionOfASpawnedTaskIsRethrownByRun[^\n]*must rethrow it")
