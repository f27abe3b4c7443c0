#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "hpc/common/proc_self.hpp"

TEST(ThreadCount, SeesAThreadComeAndGo) {
  const int before = hpc::common::thread_count();
  EXPECT_GE(before, 1);
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  std::thread worker([&] {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return done; });
  });
  EXPECT_EQ(hpc::common::thread_count(), before + 1);
  {
    std::scoped_lock lock(mutex);
    done = true;
  }
  cv.notify_one();
  worker.join();
  EXPECT_EQ(hpc::common::thread_count(), before);
}
