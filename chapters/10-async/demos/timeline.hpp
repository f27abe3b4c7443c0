// What the chapter's demos print their timelines with: seconds since a start, in the book's
// '%.4f \t<indent><text>' style, one line at a time (stdout may be a pipe in CI). Thread-safe, because the
// executor demos print from a pool's threads; it also remembers which threads printed, so a demo can
// say "every line came from one thread" (the event loop's point) or "from three" (the pool's).
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <set>
#include <string>
#include <thread>

namespace ch10 {

class Timeline {
 public:
  using Clock = std::chrono::steady_clock;

  void restart() {
    std::scoped_lock lock(mutex_);
    start_ = Clock::now();
    threads_.clear();
  }

  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  // indent: how many tabs go before the text (the book indents countdown B one tab, C two).
  void print(const std::string& text, int indent = 0) {
    std::scoped_lock lock(mutex_);
    threads_.insert(std::this_thread::get_id());
    std::printf("%.4f \t%s%s\n", seconds(), std::string(static_cast<std::size_t>(indent), '\t').c_str(),
                text.c_str());
    std::fflush(stdout);
  }

  std::size_t threads_seen() const {
    std::scoped_lock lock(mutex_);
    return threads_.size();
  }

 private:
  mutable std::mutex mutex_;
  Clock::time_point start_ = Clock::now();
  std::set<std::thread::id> threads_;
};

}  // namespace ch10
