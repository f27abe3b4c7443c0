// Readers and writers (book ch. 20, example1-3). A flood of overlapping readers and one writer, then a
// stream of writers and one reader, on three locks: std::shared_mutex (its policy is not specified; on
// libstdc++ with glibc it lets new readers in while a writer waits), the lab's writer-preferring lock,
// and the lab's FIFO-fair lock. We measure how long the lone thread waits; a starving thread is let in
// only when we stop the flood after a cap.
//
//   ch11_demo_rw_starvation            readers hold 2 ms, writers 1 ms, cap 2 s
//   ch11_demo_rw_starvation --quick    cap 0.2 s (CI)
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "hpc/common/demo.hpp"
#include "hpc/races/rw_locks.hpp"

namespace {

using namespace hpc::common::demo;
using Clock = std::chrono::steady_clock;
using Ms = std::chrono::duration<double, std::milli>;

constexpr int kFlood = 4;
constexpr Ms kReaderHold{2.0};
constexpr Ms kWriterHold{1.0};

struct Wait {
  double ms = 0;
  bool starved = false;  // still waiting when the cap ran out
  long flood_ops = 0;    // what the flood did while the lone thread waited
};

// [snippet:reader-flood]
// kFlood readers, started a fraction of a hold apart, so that some reader is always inside; then one
// writer asks for the lock. If it is not in after `cap`, the readers stop and let it in.
template <class Lock>
Wait writer_under_reader_flood(Ms cap) {
  Lock lock;
  std::atomic<bool> stop{false};
  std::atomic<long> reads{0};
  std::vector<std::jthread> readers;
  for (int r = 0; r < kFlood; ++r) {
    readers.emplace_back([&] {
      while (!stop.load()) {
        std::shared_lock read(lock);
        std::this_thread::sleep_for(kReaderHold);
        reads.fetch_add(1);
      }
    });
    std::this_thread::sleep_for(kReaderHold / kFlood);
  }
  std::this_thread::sleep_for(4 * kReaderHold);  // the flood is in full swing
  // [/snippet:reader-flood]
  std::atomic<bool> writer_in{false};
  const long reads_before = reads.load();
  const auto start = Clock::now();
  std::jthread writer([&] {
    std::unique_lock write(lock);
    writer_in.store(true);
  });
  while (!writer_in.load() && Clock::now() - start < cap) std::this_thread::sleep_for(Ms(0.2));
  Wait wait{0, !writer_in.load(), reads.load() - reads_before};
  stop.store(true);
  writer.join();
  wait.ms = Ms(Clock::now() - start).count();
  return wait;
}

// Three writers that take the lock in turn, back to back, and one reader.
template <class Lock>
Wait reader_under_writer_stream(Ms cap) {
  Lock lock;
  std::atomic<bool> stop{false};
  std::atomic<long> writes{0};
  std::vector<std::jthread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&] {
      while (!stop.load()) {
        std::unique_lock write(lock);
        std::this_thread::sleep_for(kWriterHold);
        writes.fetch_add(1);
      }
    });
  }
  std::this_thread::sleep_for(4 * kWriterHold);
  std::atomic<bool> reader_in{false};
  const long writes_before = writes.load();
  const auto start = Clock::now();
  std::jthread reader([&] {
    std::shared_lock read(lock);
    reader_in.store(true);
  });
  while (!reader_in.load() && Clock::now() - start < cap) std::this_thread::sleep_for(Ms(0.2));
  Wait wait{0, !reader_in.load(), writes.load() - writes_before};
  stop.store(true);
  reader.join();
  wait.ms = Ms(Clock::now() - start).count();
  return wait;
}

// Does a new reader get in while a writer is waiting (a reader holds the lock, a writer has asked)?
template <class Lock>
bool reader_overtakes_waiting_writer() {
  Lock lock;
  std::shared_lock first_reader(lock);
  std::jthread writer([&] { std::unique_lock write(lock); });
  std::this_thread::sleep_for(Ms(20));  // the writer is blocked in lock() by now
  bool overtook = false;
  std::jthread([&] {
    overtook = lock.try_lock_shared();
    if (overtook) lock.unlock_shared();
  }).join();
  first_reader.unlock();
  return overtook;
}

std::string waited(const Wait& w) {
  return w.starved ? "starved: > " + fixed(w.ms, 0) + " ms" : fixed(w.ms, 1) + " ms";
}

template <class Lock>
void add_rows(Table& table, const std::string& name, const std::string& book_readers,
              const std::string& book_writers, Ms cap) {
  const bool overtakes = reader_overtakes_waiting_writer<Lock>();
  const Wait writer = writer_under_reader_flood<Lock>(cap);
  table.row({name, overtakes ? "yes" : "no", "1 writer vs 4 readers", book_readers, waited(writer),
             grouped(static_cast<unsigned long long>(writer.flood_ops)) +
                 (writer.flood_ops == 1 ? " read" : " reads")});
  const Wait reader = reader_under_writer_stream<Lock>(cap);
  table.row({name, overtakes ? "yes" : "no", "1 reader vs 3 writers", book_writers, waited(reader),
             grouped(static_cast<unsigned long long>(reader.flood_ops)) +
                 (reader.flood_ops == 1 ? " write" : " writes")});
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  double cap_s = 2.0;
  Args args(argv[0], "Readers-writers starvation (book ch. 20) on std::shared_mutex and the lab's locks.");
  args.flag("quick", quick, "cap 0.2 s (what CI runs)")
      .option("cap", cap_s, "seconds the lone thread may wait before the flood stops (default 2)")
      .parse(argc, argv);
  if (quick && !args.given("cap")) cap_s = 0.2;
  const Ms cap(cap_s * 1000);

  std::cout << "Readers hold the lock " << kReaderHold.count() << " ms, writers " << kWriterHold.count()
            << " ms; the lone thread's wait is capped at " << fixed(cap_s, 1) << " s\n\n";
  Table table({"lock", "reader overtakes a waiting writer", "scenario", "book", "lone thread waited",
               "flood meanwhile"});
  add_rows<std::shared_mutex>(table, "std::shared_mutex (libstdc++)",
                              "example1 (readers first): no writer ever got in", "-", cap);
  add_rows<hpc::races::WriterPreferringLock>(table, "lab: WriterPreferringLock", "-",
                                             "example2 (writers first): 2 reads, then only writes", cap);
  add_rows<hpc::races::FairSharedLock>(table, "lab: FairSharedLock",
                                       "example3 (fair): reads and writes alternate",
                                       "example3 (fair): reads and writes alternate", cap);
  table.print();
  std::cout << "\nThe standard says nothing about who goes first. libstdc++ builds std::shared_mutex on\n"
               "pthread_rwlock_t with its default, reader-preferring policy: a steady stream of readers\n"
               "keeps a writer out for as long as the stream lasts. A writer-preferring lock moves the\n"
               "problem to the readers; only serving threads in arrival order bounds both waits.\n";
  return 0;
}
