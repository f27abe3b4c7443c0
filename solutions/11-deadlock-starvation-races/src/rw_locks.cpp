// Reference solution, lab 11 task 4: a writer-preferring and a FIFO-fair readers-writers lock.
#include "hpc/races/rw_locks.hpp"

namespace hpc::races {

// ---- WriterPreferringLock: readers wait while a writer writes or waits. ----

void WriterPreferringLock::lock() {
  std::unique_lock guard(mutex_);
  ++waiting_writers_;
  writers_cv_.wait(guard, [&] { return !writer_active_ && active_readers_ == 0; });
  --waiting_writers_;
  writer_active_ = true;
}

void WriterPreferringLock::unlock() {
  {
    std::lock_guard guard(mutex_);
    writer_active_ = false;
  }
  // Another writer goes first if one waits; the readers re-check and go back to sleep in that case.
  writers_cv_.notify_one();
  readers_cv_.notify_all();
}

bool WriterPreferringLock::try_lock() {
  std::lock_guard guard(mutex_);
  if (writer_active_ || active_readers_ > 0) return false;
  writer_active_ = true;
  return true;
}

void WriterPreferringLock::lock_shared() {
  std::unique_lock guard(mutex_);
  ++waiting_readers_;
  readers_cv_.wait(guard, [&] { return !writer_active_ && waiting_writers_ == 0; });
  --waiting_readers_;
  ++active_readers_;
}

void WriterPreferringLock::unlock_shared() {
  bool last = false;
  {
    std::lock_guard guard(mutex_);
    last = --active_readers_ == 0;
  }
  if (last) writers_cv_.notify_one();
}

bool WriterPreferringLock::try_lock_shared() {
  std::lock_guard guard(mutex_);
  if (writer_active_ || waiting_writers_ > 0) return false;
  ++active_readers_;
  return true;
}

int WriterPreferringLock::waiting_readers() const {
  std::lock_guard guard(mutex_);
  return waiting_readers_;
}

int WriterPreferringLock::waiting_writers() const {
  std::lock_guard guard(mutex_);
  return waiting_writers_;
}

// ---- FairSharedLock: a ticket per arrival, served strictly in ticket order. ----
// A thread enters when its ticket comes up and the lock is compatible; entering passes the turn on, so a
// run of readers enters together while a writer's turn waits for every reader before it to leave.
// Waking is by notify_all and re-checking the ticket: the order comes from the tickets, not from which
// thread the condition variable happens to wake.

void FairSharedLock::lock() {
  std::unique_lock guard(mutex_);
  const std::uint64_t ticket = next_ticket_++;
  ++waiting_writers_;
  turn_cv_.wait(guard, [&] { return now_serving_ == ticket && !writer_active_ && active_readers_ == 0; });
  --waiting_writers_;
  writer_active_ = true;
  ++now_serving_;  // the next arrival may now wait for its turn to become compatible
}

void FairSharedLock::unlock() {
  {
    std::lock_guard guard(mutex_);
    writer_active_ = false;
  }
  turn_cv_.notify_all();
}

bool FairSharedLock::try_lock() {
  std::lock_guard guard(mutex_);
  if (next_ticket_ != now_serving_ || writer_active_ || active_readers_ > 0) return false;
  ++next_ticket_;
  ++now_serving_;
  writer_active_ = true;
  return true;
}

void FairSharedLock::lock_shared() {
  std::unique_lock guard(mutex_);
  const std::uint64_t ticket = next_ticket_++;
  ++waiting_readers_;
  turn_cv_.wait(guard, [&] { return now_serving_ == ticket && !writer_active_; });
  --waiting_readers_;
  ++active_readers_;
  ++now_serving_;
  guard.unlock();
  turn_cv_.notify_all();  // the next ticket may be a reader that can join us
}

void FairSharedLock::unlock_shared() {
  bool last = false;
  {
    std::lock_guard guard(mutex_);
    last = --active_readers_ == 0;
  }
  if (last) turn_cv_.notify_all();
}

bool FairSharedLock::try_lock_shared() {
  std::lock_guard guard(mutex_);
  if (next_ticket_ != now_serving_ || writer_active_) return false;
  ++next_ticket_;
  ++now_serving_;
  ++active_readers_;
  return true;
}

int FairSharedLock::waiting_readers() const {
  std::lock_guard guard(mutex_);
  return waiting_readers_;
}

int FairSharedLock::waiting_writers() const {
  std::lock_guard guard(mutex_);
  return waiting_writers_;
}

}  // namespace hpc::races
