// Two locks taken in opposite orders, but never at the same time: the first thread finishes before the
// second starts, so this run cannot deadlock. ThreadSanitizer still reports a lock-order inversion,
// because it records which lock was held while another was taken and finds a cycle in that graph: the
// order is wrong even when the schedule happens to be harmless.
//
//   ch11_demo_tsan_lock_order                 (not run by CI: it is broken on purpose)
#include <iostream>
#include <mutex>
#include <thread>

#include "hpc/common/demo.hpp"

namespace {

std::mutex accounts;
std::mutex audit_log;

// [snippet:inverted-order]
void post_transfer() {
  std::lock_guard a(accounts);
  std::lock_guard b(audit_log);  // accounts, then audit_log
}

void write_report() {
  std::lock_guard b(audit_log);
  std::lock_guard a(accounts);  // audit_log, then accounts: the opposite order
}
// [/snippet:inverted-order]

}  // namespace

int main(int argc, char** argv) {
  hpc::common::demo::parse_quick(argc, argv,
                                 "Opposite lock orders that do not overlap, for ThreadSanitizer.");
  std::thread(post_transfer).join();
  std::thread(write_report).join();  // starts only after the first thread has finished
  std::cout << "Both threads finished: no deadlock in this run.\n";
  return 0;
}
