// What lab 08's tests share: the "no process left behind" check and small helpers around children.
//
// Each test already runs in a process of its own (common/'s isolation forks and execs the test program
// once per test). ChildFree, the fixture of every lab 08 test, makes that process a child subreaper
// (PR_SET_CHILD_SUBREAPER) when the test starts: a process the code under test started and then lost
// (a worker's own child whose parent died: an orphan) is re-parented to the test's process instead of
// to init, so it shows up as our child. When the test body has finished, the fixture lists the children
// of the test's process (/proc/self/task/*/children): every one left, running or a zombie nobody
// reaped, fails the test with its pid, name and state, and is then killed and reaped.
#pragma once

#include <gtest/gtest.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace hpc::processes::testing {

struct ChildInfo {
  pid_t pid = 0;
  char state = '?';  // from /proc/<pid>/stat: R, S, D, Z (zombie), T, ...
  std::string name;  // comm
};

// The children of this process now, zombies included.
std::vector<ChildInfo> children_of_this_process();

// "pid 123 (lab08_tests, zombie: ended but not reaped), pid 124 (sleep, running)".
std::string describe(const std::vector<ChildInfo>& children);

// True when `pid` names a process that exists (a zombie counts) -- for a process that is not our child.
bool process_exists(pid_t pid);

// The state letter of process `pid` from /proc/<pid>/stat ('S': asleep, waiting for something), '?' when
// there is no such process.
char state_of(pid_t pid);

// Kills and reaps every child of this process (after a check has failed, so the next check is clean).
void kill_and_reap_all_children();

class ChildFree : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
};

}  // namespace hpc::processes::testing
