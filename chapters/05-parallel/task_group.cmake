# Task 6 of lab 05 (the work-stealing TaskGroup): the known-wrong versions its tests must catch, and the
# benchmark of the three schedulers. Included by chapters/05-parallel/CMakeLists.txt after hpc_lab.
#
# The speed tests and the benchmark compare with lab 06's single-queue ThreadPool. Only that one file of
# lab 06's reference is compiled for them (not all of lab06_reference, which would cost a student's first
# grade several more seconds), and it also works when this chapter is configured alone.
add_library(lab05_single_queue_pool STATIC "${HPC_COURSE_ROOT}/solutions/06-threads/src/thread_pool.cpp")
target_include_directories(lab05_single_queue_pool PUBLIC "${HPC_COURSE_ROOT}/labs/06-threads/include")
find_package(Threads REQUIRED)
target_link_libraries(lab05_single_queue_pool PUBLIC Threads::Threads)
target_link_libraries(lab05_test_objects PRIVATE lab05_single_queue_pool)

# Each variant is one PATCH of the reference (solutions/05-parallel/src/task_group.cpp) and must fail
# the named test with the message that names the mistake (LAB.md, task 6, "What the tests catch").

# Workers never steal from each other (they take only their own deque and the outside one): the children
# a blocked task spawned sit on its worker's deque, and TaskGroup.IdleWorkersSteal must time out saying so.
hpc_lab_variant(NAME no_stealing
                PATCH task_group.cpp "if (steal(slot, (slot + k) % count, task))"
                                     "if ((slot == 0 || (slot + k) % count == 0) && steal(slot, (slot + k) % count, task))"
                FILTER TaskGroup.IdleWorkersSteal
                EXPECT_OUTPUT "\\[  FAILED  \\] TaskGroup.IdleWorkersSteal.*timed out.*must steal them"
                TIMEOUT 120)

# run() never waking a sleeping thread is not proven by a variant: TaskGroup.IdleWorkersSteal catches it
# only when the other worker is already asleep after the odd rounds' 20 ms pause, and on a loaded machine
# its rounds of looking before it sleeps can take longer (a clean-clone check saw the variant pass the test).

# wait() sleeps until the count drops instead of running tasks itself: TaskGroup.WaitingThreadHelps must
# time out with its phase.
hpc_lab_variant(NAME sleeping_wait
                PATCH task_group.cpp "if (impl.find_task(0, task))" "if (false)"
                FILTER TaskGroup.WaitingThreadHelps
                EXPECT_OUTPUT "\\[  FAILED  \\] TaskGroup.WaitingThreadHelps.*timed out.*wait\\(\\) must run tasks itself"
                TIMEOUT 120)

# An exception caught on a worker is dropped: wait() returns normally.
hpc_lab_variant(NAME swallowed_exception
                PATCH task_group.cpp "first_error = std::current_exception()" "(void)first_error"
                FILTER TaskGroup.ExceptionReachesWait
                EXPECT_OUTPUT "\\[  FAILED  \\] TaskGroup.ExceptionReachesWait.*wait\\(\\) returned normally"
                TIMEOUT 120)

# One global locked queue: every task goes to the outside deque, and every thread takes one task at a
# time from it (workers the oldest, the waiting thread the newest). It runs every task once, steals and
# helps, and on two cores it is not much slower than the reference (measured 0.3-0.7x oneTBB and 14x
# lab 06's pool, against the reference's 0.6-0.7x and 12x, load 5-6), so the speed tests cannot tell;
# the deque discipline can: TaskGroup.OwnerNewestFirstThiefOldest sees a worker run its own children
# oldest first.
hpc_lab_variant(NAME global_queue
                PATCH task_group.cpp "const std::size_t slot = tl_group == impl_.get() ? tl_slot : 0"
                                     "const std::size_t slot = 0"
                      task_group.cpp "const std::size_t take = (victim.tasks.size() + 1) / 2"
                                     "const std::size_t take = 1"
                FILTER "TaskGroup.*"
                EXPECT_OUTPUT "\\[  FAILED  \\] TaskGroup.OwnerNewestFirstThiefOldest.*newest first.*\n10 passed, 1 failed"
                TIMEOUT 300)

# Race-freedom is graded in a ThreadSanitizer build (RACE_POINTS in tests/test_task_group.cpp). A thief
# that peeks at the victim's deque before taking its lock (and checks again under it) looks harmless and
# passes every test in a normal build; ThreadSanitizer must report the race and the stress tests lose
# their race points.
hpc_lab_variant(NAME racy_steal
                PATCH task_group.cpp "std::unique_lock lock(victim.mutex)"
                                     "std::unique_lock lock(victim.mutex, std::defer_lock)"
                      task_group.cpp "if (victim.tasks.empty()) return false"
                                     "if (victim.tasks.empty() || (lock.lock(), victim.tasks.empty())) return false"
                FILTER "TaskGroup.RunsEveryTaskOnce:TaskGroup.RecursiveSpawningLosesNothing"
                EXPECT_OUTPUT "ThreadSanitizer: data race.*\\[  FAILED  \\] TaskGroup.(RunsEveryTaskOnce|RecursiveSpawningLosesNothing).*sanitizer"
                SANITIZER thread
                TIMEOUT 600)

# The three schedulers (this lab's TaskGroup, lab 06's single-queue pool, tbb::task_group) on tiny and
# on uneven tasks. It measures the reference solution, never the student's code.
hpc_bench(NAME schedulers SOURCES bench/bench_schedulers.cpp LIBS lab05_reference lab05_single_queue_pool TBB::tbb)
