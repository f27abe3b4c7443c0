// Runs isolation_faults (every fault a student's code can cause, one per test) and checks that each
// costs only its own test, with a reason that names the fault, and that no process or folder survives.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "hpc/common/isolation.hpp"
#include "hpc/common/temp_dir.hpp"

#ifndef HPC_ISOLATION_FAULTS_PROGRAM
#error "the build passes the path of isolation_faults"
#endif

namespace fs = std::filesystem;

namespace {

struct FaultRun {
  std::map<std::string, nlohmann::json> tests;  // by name
  int exit_code = -1;
  pid_t setsid_grandchild = 0;
  std::vector<std::string> left_in_tmp;
  std::vector<std::string> left_in_cwd;
};

// Runs the fault program once, in a folder of its own with its own TMPDIR, and collects what it left.
const FaultRun& fault_run() {
  static const FaultRun run = [] {
    FaultRun r;
    hpc::common::TempDir work("isolation-check");
    const fs::path tmp = work.path() / "tmp";
    const fs::path cwd = work.path() / "cwd";
    fs::create_directories(tmp);
    fs::create_directories(cwd);
    const fs::path results = work.path() / "results.json";
    const fs::path pid_file = work.path() / "grandchild.pid";
    const std::string command = "cd '" + cwd.string() + "' && TMPDIR='" + tmp.string() +
                                "' HPC_FAULT_PID_FILE='" + pid_file.string() + "' '" +
                                HPC_ISOLATION_FAULTS_PROGRAM + "' --hpc_results='" + results.string() +
                                "' > '" + (work.path() / "log.txt").string() + "' 2>&1";
    const int status = std::system(command.c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(results);
    if (in) {
      const auto json = nlohmann::json::parse(in);
      for (const auto& test : json.at("tests")) r.tests[test.at("name").get<std::string>()] = test;
    }
    std::ifstream pid_in(pid_file);
    pid_in >> r.setsid_grandchild;
    for (const auto& entry : fs::directory_iterator(tmp)) r.left_in_tmp.push_back(entry.path().string());
    for (const auto& entry : fs::directory_iterator(cwd)) r.left_in_cwd.push_back(entry.path().string());
    if (r.tests.empty()) {
      std::ifstream log(work.path() / "log.txt");
      std::cerr << log.rdbuf();
    }
    return r;
  }();
  return run;
}

void expect_failed_with(const std::string& test, const std::string& words) {
  const auto& tests = fault_run().tests;
  const auto it = tests.find("Faults." + test);
  ASSERT_NE(it, tests.end()) << "no result for Faults." << test;
  EXPECT_EQ(it->second.at("status"), "failed") << it->second.dump();
  EXPECT_NE(it->second.at("reason").get<std::string>().find(words), std::string::npos)
      << "the reason should say '" << words << "': " << it->second.dump();
}

}  // namespace

TEST(Isolation, EveryTestHasAResultAndTheRunFails) {
  EXPECT_EQ(fault_run().tests.size(), 13u);
  EXPECT_EQ(fault_run().exit_code, 1);
}

TEST(Isolation, HealthyTestStillPasses) {
  EXPECT_EQ(fault_run().tests.at("Faults.Passes").at("status"), "passed");
}

TEST(Isolation, ExitsAreFailuresThatSaySo) {
  expect_failed_with("ExitZero", "did not run to its end");
  expect_failed_with("UnderscoreExitZero", "exited with status 0");
  expect_failed_with("QuickExitZero", "quick_exit");
  expect_failed_with("ExitInsideWatchdog", "ended early");
}

TEST(Isolation, CrashesNameTheSignalAndTheException) {
  expect_failed_with("Aborts", "SIGABRT");
  expect_failed_with("NullDereference", "SEGV");  // a sanitizer reports "SEGV on unknown address" itself
  expect_failed_with("ThrowsInAThread", "boom in a worker 4242");
}

TEST(Isolation, HangsEndAtTheLimit) {
  expect_failed_with("BusyLoop", "timed out after");
  const auto& slow = fault_run().tests.at("Faults.SlowBaseline");
  EXPECT_EQ(slow.at("status"), "skipped") << "a slow baseline is the machine's fault, not a deadlock";
  EXPECT_NE(slow.at("reason").get<std::string>().find("baseline"), std::string::npos) << slow.dump();
}

TEST(Isolation, SkipsStaySkips) {
  const auto& skip = fault_run().tests.at("Faults.Skips");
  EXPECT_EQ(skip.at("status"), "skipped");
  EXPECT_NE(skip.at("reason").get<std::string>().find("skip reason 77"), std::string::npos);
}

TEST(Isolation, NoProcessSurvives) {
  const pid_t orphan = fault_run().setsid_grandchild;
  ASSERT_GT(orphan, 0) << "the setsid grandchild never wrote its PID";
  EXPECT_EQ(fault_run().tests.at("Faults.LeavesASetsidChild").at("status"), "passed");
  errno = 0;
  EXPECT_EQ(::kill(orphan, 0), -1) << "process " << orphan << " escaped with setsid() and is still alive";
  EXPECT_EQ(errno, ESRCH);
}

TEST(Isolation, NoFileOrFolderSurvives) {
  EXPECT_EQ(fault_run().tests.at("Faults.WritesIntoItsWorkingDirectory").at("status"), "passed");
  EXPECT_TRUE(fault_run().left_in_cwd.empty()) << "written into the caller's folder: " << fault_run().left_in_cwd[0];
  EXPECT_TRUE(fault_run().left_in_tmp.empty()) << "left in TMPDIR: " << fault_run().left_in_tmp[0];
}

TEST(Isolation, FilterMatchesLikeGoogleTest) {
  using hpc::common::matches_gtest_filter;
  EXPECT_TRUE(matches_gtest_filter("A.b", "*"));
  EXPECT_TRUE(matches_gtest_filter("A.b", ""));
  EXPECT_TRUE(matches_gtest_filter("Queue.Close", "Queue.*"));
  EXPECT_FALSE(matches_gtest_filter("Pool.Run", "Queue.*"));
  EXPECT_TRUE(matches_gtest_filter("Pool.Run", "Queue.*:Pool.R?n"));
  EXPECT_FALSE(matches_gtest_filter("Queue.Close", "*-Queue.*"));
  EXPECT_TRUE(matches_gtest_filter("Speed.X", "*-Queue.*"));
  EXPECT_FALSE(matches_gtest_filter("Speed.X", "Speed.X-*.X"));
}
