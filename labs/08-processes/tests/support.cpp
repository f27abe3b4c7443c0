#include "support.hpp"

#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "hpc/common/proc_self.hpp"

namespace hpc::processes::testing {

namespace {

// A process that is gone keeps the name empty and the state '?'.
ChildInfo read_child(pid_t pid) {
  ChildInfo info;
  info.pid = pid;
  if (const auto stat = hpc::common::read_proc_stat("/proc/" + std::to_string(pid) + "/stat")) {
    info.name = stat->name;
    info.state = stat->state;
  }
  return info;
}

}  // namespace

std::vector<ChildInfo> children_of_this_process() {
  std::vector<ChildInfo> children;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task", ec)) {
    std::ifstream list(task.path() / "children");
    pid_t pid = 0;
    while (list >> pid) children.push_back(read_child(pid));
  }
  return children;
}

std::string describe(const std::vector<ChildInfo>& children) {
  std::ostringstream out;
  for (std::size_t i = 0; i < children.size(); ++i) {
    const ChildInfo& c = children[i];
    out << (i ? ", " : "") << "pid " << c.pid << " (" << c.name << ", "
        << (c.state == 'Z' ? "zombie: ended but not reaped" : "still running") << ")";
  }
  return out.str();
}

char state_of(pid_t pid) { return read_child(pid).state; }

bool process_exists(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

void kill_and_reap_all_children() {
  for (int round = 0; round < 200; ++round) {
    const auto children = children_of_this_process();
    if (children.empty()) return;
    for (const ChildInfo& c : children) ::kill(c.pid, SIGKILL);
    int status = 0;
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

void ChildFree::SetUp() {
  // Orphans of the code under test come back to us (see support.hpp), so the check below sees them.
  ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), 0) << "prctl(PR_SET_CHILD_SUBREAPER) failed";
  ASSERT_TRUE(children_of_this_process().empty())
      << "children before the test: " << describe(children_of_this_process());
}

void ChildFree::TearDown() {
  // No grace period: the code's own destructors and joins have returned, so whatever it started must
  // already be reaped. (A process killed a moment ago but not yet waited for is a zombie: not reaped.)
  const auto left = children_of_this_process();
  if (!left.empty()) {
    ADD_FAILURE() << "processes left behind after the test (every child must be reaped, and a worker's "
                     "own children ended too): "
                  << describe(left);
    kill_and_reap_all_children();
  }
}

}  // namespace hpc::processes::testing
