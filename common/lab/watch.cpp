#include "watch.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "grade_view.hpp"
#include "integrity.hpp"
#include "test_program.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t watched_events =
    IN_CLOSE_WRITE | IN_MODIFY | IN_ATTRIB | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO;

}  // namespace

SourceWatcher::SourceWatcher(const fs::path& dir) {
  fd_ = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd_ < 0) {
    error_ = std::string("inotify_init1: ") + std::strerror(errno);
    return;
  }
  add_watch(dir);
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, error); !error && it != fs::recursive_directory_iterator();
       it.increment(error)) {
    std::error_code type_error;
    if (it->is_directory(type_error)) add_watch(it->path());
  }
}

SourceWatcher::~SourceWatcher() {
  if (fd_ >= 0) close(fd_);
}

void SourceWatcher::add_watch(const fs::path& dir) {
  const int wd = inotify_add_watch(fd_, dir.c_str(), watched_events);
  if (wd < 0) {
    if (error_.empty()) error_ = "cannot watch " + dir.string() + ": " + std::strerror(errno);
    return;
  }
  watches_.emplace_back(wd, dir);
}

bool SourceWatcher::read_events(std::chrono::milliseconds timeout, int stop_fd,
                                std::vector<std::string>& names, bool& any) {
  pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
  const int count = poll(fds, stop_fd >= 0 ? 2 : 1, static_cast<int>(timeout.count()));
  if (count < 0) return errno == EINTR;  // a signal: the next poll sees the stop pipe if it was ours
  if (stop_fd >= 0 && (fds[1].revents & POLLIN) != 0) return false;
  if ((fds[0].revents & POLLIN) == 0) return true;
  alignas(inotify_event) char buffer[16 * 1024];
  while (true) {
    const ssize_t size = read(fd_, buffer, sizeof buffer);
    if (size <= 0) break;  // EAGAIN: all read
    for (ssize_t offset = 0; offset < size;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + offset);
      offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      const std::string name = event->len > 0 ? event->name : "";
      if (name.empty() || is_editor_temporary(name)) continue;
      const auto watch =
          std::find_if(watches_.begin(), watches_.end(), [&](const auto& w) { return w.first == event->wd; });
      if ((event->mask & IN_ISDIR) != 0 && (event->mask & (IN_CREATE | IN_MOVED_TO)) != 0 &&
          watch != watches_.end()) {
        add_watch(watch->second / name);  // a new subfolder: watch it too
      }
      any = true;
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      if ((event->mask & (IN_CREATE | IN_MOVED_TO)) != 0 && watch != watches_.end()) {
        created_.emplace_back(name, watch->second / name);
      }
    }
  }
  return true;
}

std::optional<std::vector<std::string>> SourceWatcher::wait_for_change(std::chrono::milliseconds quiet,
                                                                       int stop_fd) {
  if (fd_ < 0) return std::nullopt;
  std::vector<std::string> names;
  while (names.empty()) {
    created_.clear();
    // The first change: wait as long as it takes (in slices, so a stop request is never missed).
    while (names.empty()) {
      bool any = false;
      if (!read_events(std::chrono::milliseconds(1000), stop_fd, names, any)) return std::nullopt;
    }
    // Then until the saves stop for `quiet`.
    for (bool any = true; any;) {
      any = false;
      if (!read_events(quiet, stop_fd, names, any)) return std::nullopt;
    }
    for (const auto& [name, path] : created_) {
      std::error_code error;
      if (!fs::exists(path, error)) std::erase(names, name);
    }
  }
  return names;
}

namespace {

int stop_pipe[2] = {-1, -1};

extern "C" void request_stop(int) {
  const char byte = 1;
  [[maybe_unused]] const ssize_t ignored = write(stop_pipe[1], &byte, 1);
}

// While we wait for changes, Ctrl-C (or a kill) writes to a pipe that the wait also polls, so the
// command ends through its normal path. During a build or a test run, run_program has its own handlers:
// it kills the child's process group and then ends us with the signal.
struct StopOnInterrupt {
  struct sigaction old_int {
  }, old_term{}, old_hup{};
  StopOnInterrupt() {
    if (pipe2(stop_pipe, O_CLOEXEC | O_NONBLOCK) != 0) stop_pipe[0] = stop_pipe[1] = -1;
    struct sigaction action {};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &old_int);
    sigaction(SIGTERM, &action, &old_term);
    sigaction(SIGHUP, &action, &old_hup);
  }
  ~StopOnInterrupt() {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGTERM, &old_term, nullptr);
    sigaction(SIGHUP, &old_hup, nullptr);
    for (int& fd : stop_pipe) {
      if (fd >= 0) close(fd);
      fd = -1;
    }
  }
};

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < 5; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > 5) text += " and " + std::to_string(names.size() - 5) + " more";
  return text;
}

// One round: build, grade, print the table and the first failure in full.
void regrade(const Trees& trees, const Lab& lab, const WatchOptions& options) {
  const std::string hash = lab_source_hash(lab);
  if (options.grade.build && !build_target(trees, lab.test_target())) {
    std::cout << "lab watch: the build failed; fix the first error above and save again.\n";
    return;
  }
  const LabGrade grade = grade_lab(trees, lab, options.grade, hash, std::cout);
  if (!grade.graded) return;
  print_lab_table(std::cout, trees, lab, grade, options.grade);
  const auto failed = std::find_if(grade.result.tests.begin(), grade.result.tests.end(),
                                   [](const auto& test) { return test.status == "failed"; });
  if (failed != grade.result.tests.end()) {
    std::cout << "\nFirst failure, " << failed->name << ", in full:\n";
    const std::string output = test_output_from_log(grade.log_text, failed->name);
    std::cout << (output.empty() ? "    " + failed->reason + "\n" : output);
  }
}

}  // namespace

int watch_command(const Trees& trees, const Lab& lab, const WatchOptions& options) {
  const fs::path src = lab.dir / "src";
  if (!fs::is_directory(src)) {
    std::cerr << "lab watch: " << src.string() << " is not a folder\n";
    return 1;
  }
  StopOnInterrupt stop;
  SourceWatcher watcher(src);
  if (!watcher.error().empty()) {
    std::cerr << "lab watch: " << watcher.error() << "\n";
    return 1;
  }
  if (options.first_round) {
    std::cout << "lab watch: grading lab " << lab.number << " once to start with\n" << std::flush;
    regrade(trees, lab, options);
  }
  for (int round = 1; options.max_rounds == 0 || round <= options.max_rounds; ++round) {
    std::cout << "\nlab watch: watching " << src.string() << " — save a file to rebuild and regrade lab "
              << lab.number << " (Ctrl-C to stop)\n"
              << std::flush;
    const auto changed = watcher.wait_for_change(options.quiet, stop_pipe[0]);
    if (!changed) {
      std::cout << "lab watch: stopped.\n";
      return 0;
    }
    std::cout << "\nlab watch: round " << round << ": " << join(*changed)
              << " changed; rebuilding and regrading\n"
              << std::flush;
    regrade(trees, lab, options);
  }
  std::cout << "lab watch: done after " << options.max_rounds << " round(s) (--max-rounds).\n";
  return 0;
}

}  // namespace hpc::lab
