// Graded test, lab 02 task 8: a crash in the middle of writing an entry must never leave a damaged entry
// under the entry's own name. The crash is made deterministic: a child process writes an entry of
// 256 KiB under a file-size limit of 16 KiB (RLIMIT_FSIZE), so the kernel stops the write part-way and
// kills the child with SIGXFSZ, exactly as a power cut or a kill -9 would leave things.
//   - writing straight into the entry file (open the real name, truncate, write): the next run finds
//     16 KiB of a 256 KiB entry and has to report it as damaged -> CrashMidWriteLeavesNoDamagedEntry
//   - a temporary name that a crashed run leaves behind and that blocks every later write (opened with
//     O_EXCL, never cleaned) -> the same test's second half (the entry must be stored again)
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <sstream>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/datastructures/disk_cache.hpp"

namespace {

namespace fs = std::filesystem;
using hpc::datastructures::DiskCache;

GRADED_TEST(DiskCache, CrashMidWriteLeavesNoDamagedEntry, 1) {
  hpc::common::TempDir dir;
  const fs::path folder = dir.path() / "cache";
  const std::string value(256 * 1024, 'v');
  const auto compute = [&] { return value; };
  {
    std::ostringstream ignored;
    const DiskCache creates_the_folder(folder, ignored);  // before the limit applies
  }

  const pid_t child = fork();
  ASSERT_GE(child, 0) << "fork failed";
  if (child == 0) {
    const rlimit no_core{0, 0};
    const rlimit small_files{16 * 1024, 16 * 1024};
    setrlimit(RLIMIT_CORE, &no_core);
    setrlimit(RLIMIT_FSIZE, &small_files);
    std::signal(SIGXFSZ, SIG_DFL);
    try {
      std::ostringstream ignored;
      DiskCache cache(folder, ignored);
      cache.cached("big", "key", compute);
    } catch (...) {
      _exit(3);  // never let the child return into the test program
    }
    _exit(0);  // only reached when the cache noticed the failed write itself
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);

  std::ostringstream warnings;
  DiskCache next_run(folder, warnings);
  int calls = 0;
  EXPECT_EQ(next_run.cached("big", "key",
                            [&] {
                              ++calls;
                              return value;
                            }),
            value);
  if (!warnings.str().empty()) {
    ADD_FAILURE()
        << "a crash mid-write left a damaged entry under the entry's own name ("
        << next_run.entry_path("big", "key").filename().string()
        << "): write each entry to a temporary file and rename it into place, so the real name only "
           "ever holds a complete entry. The next run warned: "
        << warnings.str();
  }
  EXPECT_EQ(calls, 1) << "the crashed run never finished its entry, so the next run must compute it";

  std::ostringstream later;
  calls = 0;
  EXPECT_EQ(DiskCache(folder, later)
                .cached("big", "key",
                        [&] {
                          ++calls;
                          return value;
                        }),
            value);
  EXPECT_EQ(calls, 0) << "after the crash, the next run must store the entry so that a later run finds it "
                         "(does a temporary file left by the crashed run block every later write?)";
  EXPECT_TRUE(later.str().empty()) << later.str();
}

}  // namespace
