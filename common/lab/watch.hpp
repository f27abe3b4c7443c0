// `lab watch NN`: rebuild and regrade a lab on every save in labs/NN-topic/src/. It grades once at the
// start, then waits; a burst of saves (an editor writing several files, "save all") is one change: it
// regrades only after `quiet` passes without another. Each round prints the table and the first failed
// test's full output. Ctrl-C ends it (exit 0 while waiting; during a build or a run the child is killed
// first and the command ends by the signal, as any interrupted command does).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "grade.hpp"
#include "labs.hpp"

namespace hpc::lab {

// Watches a folder and its subfolders (inotify) for files written, created, moved or deleted.
class SourceWatcher {
 public:
  explicit SourceWatcher(const std::filesystem::path& dir);
  ~SourceWatcher();
  SourceWatcher(const SourceWatcher&) = delete;
  SourceWatcher& operator=(const SourceWatcher&) = delete;

  const std::string& error() const { return error_; }  // empty when watching works

  // Blocks until a change, then until `quiet` has passed without another; returns the names changed
  // (editors' temporary files and files both created and removed within the burst left out). nullopt when
  // `stop_fd` became readable (Ctrl-C) or on an error.
  std::optional<std::vector<std::string>> wait_for_change(std::chrono::milliseconds quiet, int stop_fd = -1);

 private:
  // Reads the queued events (waiting at most `timeout`); adds the changed names. False on stop/error.
  bool read_events(std::chrono::milliseconds timeout, int stop_fd, std::vector<std::string>& names,
                   bool& any);
  // Files created during the current burst: one that is gone again at its end was a temporary file
  // (sed -i, an editor's "write then rename") and is not named as a change.
  std::vector<std::pair<std::string, std::filesystem::path>> created_;
  void add_watch(const std::filesystem::path& dir);

  int fd_ = -1;
  std::string error_;
  std::vector<std::pair<int, std::filesystem::path>> watches_;
};

struct WatchOptions {
  GradeOptions grade;  // only `build` and `timeout` matter here
  std::chrono::milliseconds quiet{300};
  int max_rounds = 0;       // stop after this many regrades caused by a change (0: until Ctrl-C)
  bool first_round = true;  // grade once at the start
};

int watch_command(const Trees& trees, const Lab& lab, const WatchOptions& options);

}  // namespace hpc::lab
