// Given code (not a task): a timeline of what happened and on which thread, shared by the tests and demos
// of every task of lab 10. The book prints "elapsed seconds, indent, text" lines to show the order in
// which an event loop ran its work; here those lines are collected, so a test can check the order, the
// times and "every handler ran on one thread" instead of reading printed output.
//
//   hpc::async::EventLog log;
//   log.add("C = 3", 2);                 // from any thread; the line is stamped with time and thread
//   log.seconds_of("C = 3");             // 0.05...
//   log.print(std::cout);                // "0.0501 \t\t\tC = 3"
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace hpc::async {

class EventLog {
 public:
  using Clock = std::chrono::steady_clock;

  struct Line {
    double seconds = 0;      // since the log's start (its construction, or the last restart())
    std::thread::id thread;  // the thread that added the line
    std::string text;
    int indent = 0;  // tabs before the text when printed (the book indents by task)
  };

  EventLog() : start_(Clock::now()) {}

  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Thread-safe: handlers on several threads may add lines at the same time.
  void add(std::string text, int indent = 0) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    std::lock_guard lock(mutex_);
    lines_.push_back(Line{seconds, std::this_thread::get_id(), std::move(text), indent});
  }

  // Forgets every line and starts the clock again (a test that measures several runs with one log).
  void restart() {
    std::lock_guard lock(mutex_);
    lines_.clear();
    start_ = Clock::now();
  }

  Clock::time_point start() const {
    std::lock_guard lock(mutex_);
    return start_;
  }

  // A copy, in the order the lines were added.
  std::vector<Line> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }

  std::vector<std::string> texts() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    out.reserve(lines_.size());
    for (const Line& line : lines_) out.push_back(line.text);
    return out;
  }

  // The distinct threads that added lines, in the order they first appear.
  std::vector<std::thread::id> threads() const {
    std::lock_guard lock(mutex_);
    std::vector<std::thread::id> out;
    for (const Line& line : lines_) {
      if (std::find(out.begin(), out.end(), line.thread) == out.end()) out.push_back(line.thread);
    }
    return out;
  }

  // Seconds of the first line whose text is `text`, or -1 when there is none (a test names the missing
  // line instead of failing on an exception).
  double seconds_of(std::string_view text) const {
    std::lock_guard lock(mutex_);
    for (const Line& line : lines_) {
      if (line.text == text) return line.seconds;
    }
    return -1;
  }

  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return lines_.size();
  }

  // The book's format, '%.4f \t<indent><text>', one line each.
  void print(std::ostream& out) const {
    for (const Line& line : lines()) {
      char stamp[32];
      std::snprintf(stamp, sizeof stamp, "%.4f \t", line.seconds);
      out << stamp << std::string(static_cast<std::size_t>(std::max(line.indent, 0)), '\t') << line.text
          << '\n';
    }
  }

 private:
  mutable std::mutex mutex_;  // guards both members below
  Clock::time_point start_;
  std::vector<Line> lines_;
};

}  // namespace hpc::async
