#include "hpc/common/isolation.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "hpc/common/channel.hpp"
#include "hpc/common/watchdog.hpp"

extern char** environ;

namespace hpc::common {

namespace fs = std::filesystem;

namespace {

double monotonic_now() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double limit_scale() {
  const char* text = std::getenv("HPC_WATCHDOG_SCALE");
  const double scale = text != nullptr ? std::atof(text) : 1.0;
  return scale > 0 ? scale : 1.0;
}

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", seconds);
  return text;
}

// The parent process ID and state of /proc/<pid>/stat ("pid (comm) S ppid ..."; comm may hold spaces
// and parentheses, so parse after the last ')').
bool read_parent(pid_t pid, pid_t& parent, char& state) {
  // Plain open/read: the process may end between the two, and a stream would throw on that read.
  const int fd = ::open(("/proc/" + std::to_string(pid) + "/stat").c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buffer[512];
  const ssize_t n = ::read(fd, buffer, sizeof buffer - 1);
  ::close(fd);
  if (n <= 0) return false;
  const std::string text(buffer, static_cast<std::size_t>(n));
  const std::size_t close = text.rfind(')');
  if (close == std::string::npos || close + 4 >= text.size()) return false;
  state = text[close + 2];
  parent = static_cast<pid_t>(std::atol(text.c_str() + close + 4));
  return true;
}

std::vector<pid_t> living_children() {
  std::vector<pid_t> children;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return children;
  const pid_t self = ::getpid();
  while (const dirent* entry = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atol(entry->d_name));
    pid_t parent = 0;
    char state = 0;
    if (pid > 0 && read_parent(pid, parent, state) && parent == self && state != 'Z') children.push_back(pid);
  }
  ::closedir(proc);
  return children;
}

// A fresh folder for one test: its working directory, with tmp/ inside as its TMPDIR.
fs::path make_test_folder() {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/hpc-test-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) return {};
  std::error_code ignored;
  fs::create_directory(fs::path(pattern) / "tmp", ignored);
  return pattern;
}

void remove_test_folder(const fs::path& folder) {
  std::error_code error;
  fs::remove_all(folder, error);
  if (error) {
    // A test may have taken away its own write permission; give it back and try once more.
    for (auto it = fs::recursive_directory_iterator(folder, error); !error && it != fs::end(it);
         it.increment(error))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, error);
    fs::permissions(folder, fs::perms::owner_all, fs::perm_options::add, error);
    error.clear();
    fs::remove_all(folder, error);
    if (error) std::cerr << "[ isolation] could not remove " << folder << ": " << error.message() << "\n";
  }
}

TestResult result_from_record(const std::string& payload) {
  TestResult result;
  try {
    const auto json = nlohmann::json::parse(payload);
    result.name = json.value("name", "");
    result.status = json.value("status", "failed");
    result.reason = json.value("reason", "");
    result.seconds = json.value("seconds", 0.0);
    result.speed_ratio = json.value("speed_ratio", 0.0);
    result.speed_bar = json.value("speed_bar", 0.0);
  } catch (const nlohmann::json::exception&) {
    result.status = "failed";
    result.reason = "the test process sent an unreadable result";
  }
  return result;
}

}  // namespace

bool matches_gtest_filter(const std::string& name, const std::string& filter) {
  // Glob matching with * and ?, iterative with one backtrack point (enough for glob).
  const auto glob = [](const std::string& text, const std::string& pattern) {
    std::size_t t = 0, p = 0, star = std::string::npos, mark = 0;
    while (t < text.size()) {
      if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
        ++t;
        ++p;
      } else if (p < pattern.size() && pattern[p] == '*') {
        star = p++;
        mark = t;
      } else if (star != std::string::npos) {
        p = star + 1;
        t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
  };
  const auto any = [&](const std::string& patterns) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = patterns.find(':', start);
      const std::string one = patterns.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (!one.empty() && glob(name, one)) return true;
      if (end == std::string::npos) return false;
      start = end + 1;
    }
  };
  const std::size_t dash = filter.find('-');
  std::string positive = filter.substr(0, dash);
  const std::string negative = dash == std::string::npos ? "" : filter.substr(dash + 1);
  if (positive.empty()) positive = "*";
  return any(positive) && !any(negative);
}

void become_subreaper() { ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); }

int kill_and_reap_children() {
  int killed = 0;
  for (int round = 0; round < 500; ++round) {
    int status = 0;
    while (::waitpid(-1, &status, WNOHANG) > 0) {
    }
    const std::vector<pid_t> children = living_children();
    if (children.empty()) {
      const pid_t left = ::waitpid(-1, &status, WNOHANG);
      if (left < 0 && errno == ECHILD) break;  // nothing left to reap
      if (left == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
      continue;
    }
    for (const pid_t child : children) {
      ::kill(child, SIGKILL);
      ++killed;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return killed;
}

TestResult run_isolated(const IsolatedTest& test, const IsolationSettings& settings) {
  TestResult result;
  result.name = test.name;
  result.status = "failed";
  const double limit = test.limit_seconds * limit_scale();
  const double start = monotonic_now();
  double deadline = start + limit;

  const fs::path folder = make_test_folder();
  int report[2];
  int errors[2];
  if (folder.empty() || ::pipe2(report, O_CLOEXEC) != 0) {
    result.reason = "isolation: could not create the test's folder or pipe: " + std::string(std::strerror(errno));
    return result;
  }
  if (::pipe2(errors, O_CLOEXEC) != 0) {
    ::close(report[0]);
    ::close(report[1]);
    result.reason = "isolation: could not create a pipe";
    return result;
  }

  // Everything the child needs is prepared before fork (only async-signal-safe calls after it).
  std::vector<std::string> args = {settings.program, "--gtest_filter=" + test.name};
  args.insert(args.end(), settings.child_args.begin(), settings.child_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> environment;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string_view entry(*e);
    if (entry.starts_with("HPC_REPORT_FD=") || entry.starts_with("HPC_TEST_DEADLINE=") ||
        entry.starts_with("TMPDIR="))
      continue;
    environment.emplace_back(entry);
  }
  environment.push_back("HPC_REPORT_FD=" + std::to_string(report[1]));
  environment.push_back("HPC_TEST_DEADLINE=" + std::to_string(deadline));
  environment.push_back("TMPDIR=" + (folder / "tmp").string());
  std::vector<char*> envp;
  for (std::string& entry : environment) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const std::string folder_text = folder.string();

  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) {
    for (int fd : {report[0], report[1], errors[0], errors[1]}) ::close(fd);
    remove_test_folder(folder);
    result.reason = "isolation: fork() failed";
    return result;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::close(report[0]);
    ::close(errors[0]);
    ::fcntl(report[1], F_SETFD, 0);  // the report pipe survives exec; everything else stays closed
    ::dup2(errors[1], STDERR_FILENO);
    if (::chdir(folder_text.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // also from here, so the group exists whichever runs first
  ::close(report[1]);
  ::close(errors[1]);
  ::fcntl(report[0], F_SETFL, O_NONBLOCK);
  ::fcntl(errors[0], F_SETFL, O_NONBLOCK);

  ChannelReader reader;
  std::string phase, child_stderr;
  bool reported = false;
  bool timed_out = false;
  auto collect = [&] {
    reader.read_from(report[0]);
    char chunk[4096];
    for (;;) {
      const ssize_t n = ::read(errors[0], chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      std::cerr.write(chunk, n);  // pass the child's stderr on as it comes
      child_stderr.append(chunk, static_cast<std::size_t>(n));
      if (child_stderr.size() > 65536) child_stderr.erase(0, child_stderr.size() - 32768);
    }
    while (auto record = reader.next()) {
      if (record->type == 'P') phase = record->payload;
      if (record->type == 'L') deadline = std::max(deadline, monotonic_now() + std::atof(record->payload.c_str()));
      if (record->type == 'R') {
        const std::string name = result.name;
        result = result_from_record(record->payload);
        result.name = name;
        reported = true;
      }
    }
  };
  int status = 0;
  for (;;) {
    collect();
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid != 0) break;
    if (monotonic_now() >= deadline) {
      timed_out = true;
      break;
    }
    pollfd fds[2] = {{report[0], POLLIN, 0}, {errors[0], POLLIN, 0}};
    ::poll(fds, 2, 20);
  }
  ::kill(-pid, SIGKILL);  // the child (if it still runs) and whatever stayed in its group
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  const int leftovers = kill_and_reap_children();
  collect();
  ::close(report[0]);
  ::close(errors[0]);
  remove_test_folder(folder);
  if (!reported) result.seconds = monotonic_now() - start;

  const std::string details = crash_details(child_stderr);
  const bool sanitizer = sanitizer_reported(child_stderr);
  const double waited = deadline - start;
  if (timed_out && !reported) {
    if (phase.rfind("baseline", 0) == 0) {
      result.status = "skipped";
      result.reason = "the " + phase + " did not finish within " + format_seconds(waited) +
                      " s: this machine is too slow or too loaded to grade this now; rerun it later";
    } else {
      result.status = "failed";
      result.reason = "timed out after " + format_seconds(waited) + " s (deadlock or endless loop?)" +
                      (phase.empty() ? "" : " while in: " + phase);
    }
  } else if (!reported) {
    result.status = "failed";
    if (WIFSIGNALED(status)) {
      result.reason = "crashed with " + signal_description(WTERMSIG(status));
    } else {
      result.reason = "the test did not run to its end: its process exited with status " +
                      std::to_string(WEXITSTATUS(status)) +
                      (sanitizer ? "" : " (exit(), _exit() or quick_exit() called by the code under test?)");
    }
    if (!details.empty()) result.reason += ": " + details;
  } else if (sanitizer && result.status != "failed") {
    result.status = "failed";
    result.reason = "the sanitizer reported a problem: " + details;
  } else if (WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) > 1) || timed_out) {
    // The test finished, yet its process did not end normally: a thread or a destructor went wrong.
    if (result.status != "failed") {
      result.status = "failed";
      result.reason = std::string("the test finished, but its process then ") +
                      (timed_out ? "did not exit within the time limit (a thread still running?)"
                       : WIFSIGNALED(status) ? "crashed with " + signal_description(WTERMSIG(status))
                                             : "exited with status " + std::to_string(WEXITSTATUS(status))) +
                      (details.empty() ? "" : ": " + details);
    }
  }
  if (leftovers > 0) {
    std::cout << "[ isolation] " << test.name << " left " << leftovers
              << " process(es) running after it ended; they were killed\n";
  }
  return result;
}

}  // namespace hpc::common
