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

namespace hpc::processes::testing {

namespace {

ChildInfo read_child(pid_t pid) {
  ChildInfo info;
  info.pid = pid;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // "pid (comm) S ...": comm may hold spaces and parentheses, so take the last ')'.
  const auto open = text.find('(');
  const auto close = text.rfind(')');
  if (open != std::string::npos && close != std::string::npos && close > open) {
    info.name = text.substr(open + 1, close - open - 1);
    if (close + 2 < text.size()) info.state = text[close + 2];
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
