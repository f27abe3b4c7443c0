// Race-freedom points of lab 07 (DESIGN.md §8 rule 4). In a ThreadSanitizer build of your code
// (`build/grade/bin/lab grade 07 --sanitize thread`) the graded tests are exactly these: the tests that
// run several threads of yours at once. A test passes there only when it passes AND ThreadSanitizer
// reports no data race while it runs.
#include "hpc/common/grading.hpp"

// Task 2: one thread per URL (and the multi interface, which must not need a lock at all).
RACE_POINTS(Ping, ThreadedSixCodes, 1);
RACE_POINTS(Ping, ThreadedKeepsInputOrder, 1);
RACE_POINTS(Ping, ThreadedFaultsPerUrl, 1);

// Task 3: the deadline's threads and their stop.
RACE_POINTS(Deadline, BookExample, 1);
RACE_POINTS(Deadline, LeavesNoThread, 1);

// Task 4: the workers that share the list of URLs.
RACE_POINTS(Polite, TwoInFlight, 1);
RACE_POINTS(Polite, FiveInFlight, 1);
