// Graded tests, lab 11 task 8: exactly one creator of a file, among threads and among processes.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <latch>
#include <random>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "hpc/common/grading.hpp"
#include "hpc/common/not_implemented.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/races/exclusive_file.hpp"

namespace {

namespace fs = std::filesystem;
using hpc::common::within_time_limit;
using hpc::races::create_exclusive;

using hpc::common::read_file;
using hpc::common::TempDir;

GRADED_TEST(ExclusiveFile, CreatesOnceThenRefuses, 1) {
  TempDir dir;
  const fs::path lock_file = dir.path() / "admin.lock";
  EXPECT_TRUE(create_exclusive(lock_file, "first"));
  EXPECT_EQ(read_file(lock_file), "first");
  EXPECT_FALSE(create_exclusive(lock_file, "second")) << "the file already existed";
  EXPECT_EQ(read_file(lock_file), "first") << "the loser must not touch the winner's file";
  EXPECT_TRUE(create_exclusive(dir.path() / "empty", ""));
  EXPECT_TRUE(fs::is_regular_file(dir.path() / "empty"));
}

GRADED_TEST(ExclusiveFile, ExactlyOneCreatorAmongThreads, 1) {
  within_time_limit(20, [] {
    TempDir dir;
    constexpr int kThreads = 8;
    for (int round = 0; round < 20; ++round) {
      const fs::path target = dir.path() / ("round-" + std::to_string(round));
      std::atomic<int> creators{0};
      std::atomic<int> winner{-1};
      std::latch start(kThreads);
      {
        std::vector<std::jthread> threads;
        for (int t = 0; t < kThreads; ++t) {
          threads.emplace_back([&, t] {
            start.arrive_and_wait();
            if (create_exclusive(target, "thread " + std::to_string(t))) {
              creators.fetch_add(1);
              winner.store(t);
            }
          });
        }
      }
      ASSERT_EQ(creators.load(), 1) << "round " << round;
      EXPECT_EQ(read_file(target), "thread " + std::to_string(winner.load()));
    }
  });
}

// The same race between processes: four children wait on a pipe and are released together when the
// parent closes its end. Each reports through its exit status: 10 created the file, 20 found it there.
// A child's exit status when create_exclusive is still the stub.
constexpr int kNotImplementedExit = 40;

GRADED_TEST(ExclusiveFile, ExactlyOneCreatorAmongProcesses, 1) {
  within_time_limit(20, [] {
    TempDir dir;
    constexpr int kChildren = 4;
    for (int round = 0; round < 5; ++round) {
      const fs::path target = dir.path() / ("process-round-" + std::to_string(round));
      int gate[2];
      ASSERT_EQ(::pipe(gate), 0);
      std::vector<pid_t> children;
      for (int c = 0; c < kChildren; ++c) {
        const pid_t pid = ::fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
          ::close(gate[1]);
          char byte;
          while (::read(gate[0], &byte, 1) > 0) {
          }
          int status = 30;
          try {
            status = create_exclusive(target, "child " + std::to_string(c)) ? 10 : 20;
          } catch (const hpc::common::NotImplemented&) {
            status = kNotImplementedExit;  // the stub: say so, not "failed or crashed"
          } catch (...) {
          }
          ::_exit(status);
        }
        children.push_back(pid);
      }
      ::close(gate[0]);
      ::close(gate[1]);  // the starting gun
      int created = 0;
      int refused = 0;
      bool stub = false;
      for (const pid_t child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
        if (WIFEXITED(status) && WEXITSTATUS(status) == 10) ++created;
        if (WIFEXITED(status) && WEXITSTATUS(status) == 20) ++refused;
        if (WIFEXITED(status) && WEXITSTATUS(status) == kNotImplementedExit) stub = true;
      }
      ASSERT_FALSE(stub) << "not implemented yet: create_exclusive (the child processes hit the stub)";
      EXPECT_EQ(created, 1) << "round " << round;
      EXPECT_EQ(refused, kChildren - 1) << "round " << round << " (other children failed or crashed)";
      EXPECT_EQ(read_file(target).rfind("child ", 0), 0u);
    }
  });
}

GRADED_TEST(ExclusiveFile, MissingDirectoryIsClearError, 1) {
  TempDir dir;
  const fs::path nowhere = dir.path() / "no-such-folder" / "admin.lock";
  try {
    create_exclusive(nowhere, "x");
    ADD_FAILURE() << "creating a file in a missing folder did not throw";
  } catch (const std::system_error& error) {
    EXPECT_EQ(error.code(), std::errc::no_such_file_or_directory) << error.what();
    EXPECT_NE(std::string(error.what()).find(nowhere.string()), std::string::npos)
        << "the message should name the path: " << error.what();
  }
  EXPECT_FALSE(fs::exists(nowhere.parent_path()))
      << "the folder must not be created behind the caller's back";
}

}  // namespace
