// Task 1: spawn() -- another program as a Process, and a bad path as a clear error.
#include <signal.h>

#include <chrono>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/processes/process.hpp"
#include "support.hpp"

namespace {

using hpc::processes::Process;
using hpc::processes::ProcessError;
using namespace std::chrono_literals;

using Spawn = hpc::processes::testing::ChildFree;

GRADED_TEST_F(Spawn, RunsAProgramWithItsArguments, 1) {
  Process p =
      hpc::processes::spawn("/bin/sh", {"-c", "test \"$1\" = 'two words' && exit 3", "sh", "two words"});
  EXPECT_GT(p.pid(), 0);
  ASSERT_TRUE(p.join(20s)) << "/bin/sh -c 'exit 3' did not end";
  EXPECT_EQ(p.exit_code(), 3)
      << "the arguments must reach the program one by one (argv[1]...), argv[0] being the path";
}

GRADED_TEST_F(Spawn, SignalOfASpawnedProgram, 1) {
  Process p = hpc::processes::spawn("/bin/sh", {"-c", "kill -TERM $$"});
  ASSERT_TRUE(p.join(20s)) << "/bin/sh -c 'kill -TERM $$' did not end within 20 s";
  EXPECT_EQ(p.term_signal(), SIGTERM)
      << "the program killed itself with SIGTERM: term_signal() must say so (WIFSIGNALED, WTERMSIG)";
  EXPECT_FALSE(p.exit_code().has_value())
      << "a program ended by a signal has no exit code: exit_code() must be nullopt (WIFEXITED first)";
}

GRADED_TEST_F(Spawn, SpawnedProgramCanBeTimedOutAndTerminated, 1) {
  Process p = hpc::processes::spawn("/bin/sleep", {"20"});
  const auto start = std::chrono::steady_clock::now();
  const bool ended = p.join(100ms);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(took, 2.0) << "join(100 ms) returned after " << took
                       << " s: it waited for the program, not for the timeout";
  EXPECT_FALSE(ended) << "join(100 ms) returned true after " << took << " s, but sleep 20 runs 20 s";
  EXPECT_TRUE(p.is_alive()) << "sleep 20 still runs: is_alive() must be true";
  p.terminate(1s);
  EXPECT_EQ(p.term_signal(), SIGTERM)
      << "terminate(1 s) of sleep 20 (which does not handle SIGTERM): it must end by SIGTERM first";
}

GRADED_TEST_F(Spawn, BadPathIsAClearError, 2) {
  const std::string path = "/no/such/dir/hpc-lab08-missing-program";
  try {
    Process p = hpc::processes::spawn(path, {"--help"});
    ADD_FAILURE()
        << "spawn of a path that does not exist must throw ProcessError (posix_spawn returns ENOENT); "
           "it returned a Process with pid "
        << p.pid() << (p.join(5s) ? ", exit code " + std::to_string(p.exit_code().value_or(-1)) : "");
  } catch (const ProcessError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << "the error must name the path; it says: " << what;
    EXPECT_NE(what.find("No such file"), std::string::npos)
        << "the error must say why (strerror of posix_spawn's result); it says: " << what;
  }
  // The fixture checks that no process was left behind.
}

GRADED_TEST_F(Spawn, NotExecutableIsAClearError, 1) {
  EXPECT_THROW(hpc::processes::spawn("/etc/hostname"), ProcessError) << "a file that is not a program";
  EXPECT_THROW(hpc::processes::spawn("/tmp"), ProcessError) << "a folder";
}

}  // namespace
