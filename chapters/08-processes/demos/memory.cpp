// What fork() copies: nothing, until someone writes. The child of a process with 256 MiB of touched heap
// starts with the same 256 MiB in its resident set (RSS), all of it shared with the parent; each page it
// writes is copied then (copy-on-write), one page fault at a time, and becomes its own.
//
//   ch08_demo_memory              256 MiB of heap
//   ch08_demo_memory --quick      64 MiB (CI)
//   ch08_demo_memory --mib 1024
//
// The numbers come from /proc/self/smaps_rollup: Rss (resident), Shared_* (pages another process maps
// too) and Private_* (pages only this one maps). The write times compare the child's first writes to
// half of the heap (each page faults and is copied) with the same writes by the parent, whose pages are
// already its own. Exits 1 when the child did not start out sharing most of the heap.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "hpc/common/demo.hpp"
#include "posix.hpp"

namespace {

struct Usage {
  double rss_mib = 0, shared_mib = 0, private_mib = 0;
};

Usage usage() {
  std::ifstream in("/proc/self/smaps_rollup");
  std::map<std::string, double> kib;
  std::string line;
  while (std::getline(in, line)) {  // "Rss:   123 kB" lines after a first line naming the address range
    std::istringstream fields(line);
    std::string key;
    double value = 0;
    if (fields >> key >> value) kib[key] = value;
  }
  return {kib["Rss:"] / 1024, (kib["Shared_Clean:"] + kib["Shared_Dirty:"]) / 1024,
          (kib["Private_Clean:"] + kib["Private_Dirty:"]) / 1024};
}

// Writes one byte in every page of the first half; returns the seconds it took.
double write_half(std::vector<char>& heap) {
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  const auto start = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < heap.size() / 2; i += page) heap[i] = static_cast<char>(heap[i] + 1);
  hpc::common::demo::keep(heap.data());
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  long mib = 256;
  hpc::common::demo::Args(argv[0],
                          "fork() and copy-on-write: the child's resident, shared and private memory.")
      .flag("quick", quick, "64 MiB instead of 256 (what CI runs)")
      .option("mib", mib, "MiB of heap the parent touches before fork (default 256)")
      .parse(argc, argv);
  if (quick && mib == 256) mib = 64;
  std::vector<char> heap(static_cast<std::size_t>(mib) << 20, 1);  // every page touched
  const double parent_writes = write_half(heap);                   // the parent's pages: no copy

  struct Row {
    Usage before, after;
    double seconds;
  };
  ch08::Pipe answer;
  const pid_t child = ch08::fork_child([&] {
    answer.close_read();
    Row row{};
    row.before = usage();
    row.seconds = write_half(heap);  // every page written is copied now
    row.after = usage();
    ch08::write_all(answer.write_end, &row, sizeof row);
    return 0;
  });
  answer.close_write();
  Row row{};
  const bool got = ch08::read_all(answer.read_end, &row, sizeof row) == sizeof row;
  const Usage parent = usage();
  ch08::wait_blocking(child);
  if (!got) {
    std::printf("the child sent no measurement\n");
    return 1;
  }

  using hpc::common::demo::fixed;
  std::printf("%ld MiB of heap touched by the parent, then fork()\n\n", mib);
  hpc::common::demo::Table table(
      {"who, when", "RSS (MiB)", "shared (MiB)", "private (MiB)", "writes to half (ms)"});
  table.row({"parent, after the child's writes", fixed(parent.rss_mib, 1), fixed(parent.shared_mib, 1),
             fixed(parent.private_mib, 1), fixed(parent_writes * 1e3, 2) + " (before fork)"});
  table.row({"child, at start", fixed(row.before.rss_mib, 1), fixed(row.before.shared_mib, 1),
             fixed(row.before.private_mib, 1), ""});
  table.row({"child, after writing half", fixed(row.after.rss_mib, 1), fixed(row.after.shared_mib, 1),
             fixed(row.after.private_mib, 1), fixed(row.seconds * 1e3, 2)});
  table.print();
  std::printf("\nThe child's writes cost %.0fx the parent's: a page fault and a 4 KiB copy per page.\n",
              row.seconds / parent_writes);
  std::printf(
      "RSS counts shared pages in full in both processes: adding the RSS of a parent and its\n"
      "children counts the same memory several times (PSS, in the same file, splits it).\n");
  return row.before.shared_mib > 0.8 * static_cast<double>(mib) ? 0 : 1;
}
