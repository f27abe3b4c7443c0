// A test program whose tests plant every fault that student code can cause (issue 17): exits, aborts,
// crashes, hangs, an exception in a worker thread, a setsid() child, files written to the working
// directory. common/tests/test_isolation.cpp runs it and checks that each fault costs only its own test,
// with a reason that names it, and that nothing is left behind. Linked with grading_main.cpp, so it is
// isolated exactly as a lab's graded tests are.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"

GRADED_TEST(Faults, Passes, 1) { EXPECT_EQ(2 + 2, 4); }
GRADED_TEST(Faults, ExitZero, 1) { std::exit(0); }
GRADED_TEST(Faults, UnderscoreExitZero, 1) { ::_exit(0); }
GRADED_TEST(Faults, QuickExitZero, 1) { std::quick_exit(0); }
GRADED_TEST(Faults, Aborts, 1) { std::abort(); }
GRADED_TEST(Faults, NullDereference, 1) {
  volatile int* nothing = nullptr;
  *nothing = 1;
}
GRADED_TEST(Faults, ThrowsInAThread, 1) {
  std::thread worker([] { throw std::runtime_error("boom in a worker 4242"); });
  worker.join();
}
HPC_TIME_LIMIT(Faults, BusyLoop, 1);
GRADED_TEST(Faults, BusyLoop, 1) {
  volatile unsigned long spin = 0;
  for (;;) spin = spin + 1;
}
HPC_TIME_LIMIT(Faults, SlowBaseline, 1);
GRADED_TEST(Faults, SlowBaseline, 1) {
  hpc::common::set_test_phase("baseline: a very slow reference");
  std::this_thread::sleep_for(std::chrono::seconds(30));
}
// Exits 0 inside a watchdog: the watchdog must see the missing completion token too.
GRADED_TEST(Faults, ExitInsideWatchdog, 1) {
  hpc::common::within_time_limit(5, [] { std::exit(0); });
}
// A child that escapes into its own session and would live on; its PID goes to HPC_FAULT_PID_FILE.
GRADED_TEST(Faults, LeavesASetsidChild, 1) {
  const pid_t child = ::fork();
  if (child == 0) {
    ::setsid();
    if (::fork() == 0) {  // the grandchild, orphaned at once: only a subreaper can find it
      if (const char* path = std::getenv("HPC_FAULT_PID_FILE")) std::ofstream(path) << ::getpid() << "\n";
      ::sleep(300);
    }
    ::_exit(0);
  }
  for (int i = 0; i < 200; ++i) {  // wait until the grandchild has written its PID
    if (const char* path = std::getenv("HPC_FAULT_PID_FILE"); path && std::ifstream(path).peek() != EOF) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  SUCCEED();
}
GRADED_TEST(Faults, WritesIntoItsWorkingDirectory, 1) {
  std::ofstream("stray-file-from-a-test.txt") << "should land in the test's own folder\n";
  const char* tmp = std::getenv("TMPDIR");
  ASSERT_NE(tmp, nullptr);
  std::ofstream(std::string(tmp) + "/leftover.tmp") << "removed with the test's folder\n";
}
GRADED_TEST(Faults, Skips, 1) { GTEST_SKIP() << "skip reason 77"; }

// A ThreadSanitizer build grades only the tests with race points (hpc/common/grading.hpp): without these
// the results file that test_isolation.cpp reads would be empty in the tsan preset.
RACE_POINTS(Faults, Passes, 1);
RACE_POINTS(Faults, ExitZero, 1);
RACE_POINTS(Faults, UnderscoreExitZero, 1);
RACE_POINTS(Faults, QuickExitZero, 1);
RACE_POINTS(Faults, Aborts, 1);
RACE_POINTS(Faults, NullDereference, 1);
RACE_POINTS(Faults, ThrowsInAThread, 1);
RACE_POINTS(Faults, BusyLoop, 1);
RACE_POINTS(Faults, SlowBaseline, 1);
RACE_POINTS(Faults, ExitInsideWatchdog, 1);
RACE_POINTS(Faults, LeavesASetsidChild, 1);
RACE_POINTS(Faults, WritesIntoItsWorkingDirectory, 1);
RACE_POINTS(Faults, Skips, 1);
