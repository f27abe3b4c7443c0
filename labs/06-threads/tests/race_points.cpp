// Race-freedom points of lab 06 (DESIGN.md §8 rule 4), in one place so that their sum is easy to check.
//
// In a ThreadSanitizer build of your code (`build/grade/bin/lab grade 06 --sanitize thread`), the graded
// tests are exactly these, each worth the points below: a test passes there only when it passes AND
// ThreadSanitizer reports no data race while it runs. Each structure has tests here that drive all its
// operations from several threads at once; lighter tests of the same structure (two threads, a few
// operations) are left out, so that one race costs a few points, not one per test that happens to touch
// it. Total: 14 points, against 64 base points (about 18% of the lab).
//
// The check proves the points can be lost: chapters/06-threads/CMakeLists.txt builds the reference with
// a size() that reads without the lock (variant racy_queue) and expects exactly
// BoundedQueue.SizeNeverExceedsCapacity to fail, and a lock-free queue with relaxed ordering (variant
// relaxed_mpmc) to fail MpmcQueue.StressNoLostOrDuplicated and BlockingPushAndPopWait with ThreadSanitizer's
// report.
#include "hpc/common/grading.hpp"

// Task 1, BoundedQueue
RACE_POINTS(BoundedQueue, CloseWakesEveryWaiter, 1);
RACE_POINTS(BoundedQueue, SizeNeverExceedsCapacity, 1);
RACE_POINTS(BoundedQueue, StressNoLostOrDuplicated, 1);
RACE_POINTS(BoundedQueue, WokenPopChecksAgain, 1);

// Task 2, run_pipeline
RACE_POINTS(Pipeline, SeveralWorkersLoseNothing, 1);
RACE_POINTS(Pipeline, CloseWaitsForTheLastWorkerOfAStage, 1);
RACE_POINTS(Pipeline, FailingStageShutsDownCleanly, 1);

// Task 3, BlockingPriorityQueue
RACE_POINTS(PriorityQueue, PopWaitsAndCloseWakesAll, 1);
RACE_POINTS(PriorityQueue, ConcurrentProducersAndConsumers, 1);

// Task 4, ThreadPool
RACE_POINTS(ThreadPool, ShutdownFinishesQueuedWork, 1);
RACE_POINTS(ThreadPool, ConcurrentSubmittersLoseNothing, 1);

// Task 5, count_primes_parallel
RACE_POINTS(CountPrimes, ParallelMatchesSerial, 1);

// Task 6, MpmcQueue
RACE_POINTS(MpmcQueue, StressNoLostOrDuplicated, 1);
RACE_POINTS(MpmcQueue, BlockingPushAndPopWait, 1);
