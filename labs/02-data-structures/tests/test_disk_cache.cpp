// Graded tests, lab 02 task 8: the on-disk cache, including the ways a disk can let it down.
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/common/temp_dir.hpp"
#include "hpc/datastructures/disk_cache.hpp"

namespace {

namespace fs = std::filesystem;
using hpc::datastructures::DiskCache;

using hpc::common::read_file;
using hpc::common::TempDir;

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

GRADED_TEST(DiskCache, SurvivesNewInstance, 1) {
  TempDir dir;
  int calls = 0;
  const auto square = [&calls] {
    ++calls;
    return std::string("144");
  };
  std::ostringstream warnings;
  {
    DiskCache cache(dir.path() / "cache", warnings);
    EXPECT_EQ(cache.cached("square", "12", square), "144");
    EXPECT_EQ(cache.cached("square", "12", square), "144");
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(cache.misses(), 1u);
    EXPECT_EQ(cache.hits(), 1u);
    EXPECT_TRUE(fs::is_regular_file(cache.entry_path("square", "12")));
  }
  DiskCache next_run(dir.path() / "cache", warnings);  // a new instance plays a new run of the program
  EXPECT_EQ(next_run.cached("square", "12", square), "144");
  EXPECT_EQ(calls, 1) << "the stored value must be used, not recomputed";
  EXPECT_EQ(next_run.hits(), 1u);
  EXPECT_EQ(next_run.cached("cube", "12", [] { return std::string("1728"); }), "1728")
      << "another function name is another entry";
  const std::string binary("\0\n\xff value with zero bytes\r\n", 27);
  next_run.cached("blob", "k", [&] { return binary; });
  EXPECT_EQ(
      DiskCache(dir.path() / "cache", warnings).cached("blob", "k", [] { return std::string("wrong"); }),
      binary);
  EXPECT_TRUE(warnings.str().empty()) << warnings.str();
}

GRADED_TEST(DiskCache, ClearForcesRecompute, 1) {
  TempDir dir;
  std::ostringstream warnings;
  DiskCache cache(dir.path(), warnings);
  int calls = 0;
  for (const char* key : {"a", "b", "c"}) {
    cache.cached("f", key, [&] {
      ++calls;
      return std::string(key) + "!";
    });
  }
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(cache.clear(), 3u);
  EXPECT_FALSE(fs::exists(cache.entry_path("f", "a")));
  EXPECT_EQ(DiskCache(dir.path(), warnings)
                .cached("f", "a",
                        [&] {
                          ++calls;
                          return std::string("a!");
                        }),
            "a!");
  EXPECT_EQ(calls, 4) << "after clear() the value must be computed again";
  EXPECT_TRUE(warnings.str().empty()) << warnings.str();
}

// A damaged entry file must be noticed, reported with its path, and replaced by a fresh computation.
GRADED_TEST(DiskCache, CorruptFileIsReportedAndRecomputed, 1) {
  TempDir dir;
  const std::string value = "the right answer: " + std::string(100, '7');
  int calls = 0;
  const auto compute = [&] {
    ++calls;
    return value;
  };
  std::ostringstream quiet;
  DiskCache first(dir.path(), quiet);
  first.cached("slow", "x", compute);
  const fs::path entry = first.entry_path("slow", "x");
  const std::string good = read_file(entry);
  ASSERT_FALSE(good.empty());
  std::string flipped = good;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
  const std::string damaged[] = {"garbage, not a cache entry", good.substr(0, good.size() / 2), flipped, ""};
  for (const auto& bytes : damaged) {
    write_bytes(entry, bytes);
    const int calls_before = calls;
    std::ostringstream warnings;
    DiskCache cache(dir.path(), warnings);
    EXPECT_EQ(cache.cached("slow", "x", compute), value) << "damaged file of " << bytes.size() << " bytes";
    EXPECT_EQ(calls, calls_before + 1) << "a damaged entry must be recomputed";
    EXPECT_NE(warnings.str().find(entry.filename().string()), std::string::npos)
        << "the warning should name the file; it was: \"" << warnings.str() << "\"";
    std::ostringstream after;
    EXPECT_EQ(DiskCache(dir.path(), after).cached("slow", "x", compute), value);
    EXPECT_EQ(calls, calls_before + 1) << "the recomputed value should have been stored again";
    EXPECT_TRUE(after.str().empty()) << after.str();
  }
  EXPECT_TRUE(quiet.str().empty()) << quiet.str();
}

// A folder that cannot exist (its parent is a regular file: this stops root too, unlike chmod 000).
GRADED_TEST(DiskCache, UnwritableDirectoryIsReported, 1) {
  TempDir dir;
  const fs::path blocker = dir.path() / "a-file";
  write_bytes(blocker, "not a folder");
  for (const fs::path& where : {blocker / "cache", blocker}) {
    std::ostringstream warnings;
    DiskCache cache(where, warnings);
    EXPECT_NE(warnings.str().find(where.string()), std::string::npos)
        << "the warning should name " << where << "; it was: \"" << warnings.str() << "\"";
    int calls = 0;
    const auto compute = [&] {
      ++calls;
      return std::string("42");
    };
    EXPECT_EQ(cache.cached("answer", "", compute), "42");
    EXPECT_EQ(cache.cached("answer", "", compute), "42");
    EXPECT_EQ(calls, 2) << "without a folder nothing is cached, and nothing crashes";
    EXPECT_EQ(cache.clear(), 0u);
  }
  EXPECT_EQ(read_file(blocker), "not a folder") << "the cache must not overwrite the file in its way";
}

}  // namespace
