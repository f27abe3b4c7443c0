// Self-tests of what `lab grade` shows and keeps: the quiet table (labs not started in one line), the
// summary, speed ratios and bonus points in the score table, the first failure's output from a log, the
// integrity check, the best results per test on the same code, the sanitizer tree's configure command.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "best.hpp"
#include "grade_view.hpp"
#include "integrity.hpp"
#include "sanitize.hpp"

namespace hpc::lab {
namespace {

namespace fs = std::filesystem;
using hpc::common::LabResult;
using hpc::common::TestResult;

TestResult test(const std::string& name, int points, const std::string& status,
                const std::string& reason = "") {
  TestResult t;
  t.name = name;
  t.points = points;
  t.status = status;
  t.reason = reason;
  return t;
}

const std::string stub_reason =
    "Failed uncaught exception: not implemented yet: hpc::threads::ThreadPool::ThreadPool(std::size_t) "
    "(labs/06-threads/src/thread_pool.cpp:9)";

LabResult untouched_lab() {
  LabResult lab{"02", "data-structures", "student", {}};
  lab.tests.push_back(test("Heap.Order", 3, "failed", stub_reason));
  lab.tests.push_back(test("Heap.Crash", 2, "failed",
                           "crashed with SIGABRT (Aborted): terminate called after throwing an instance of "
                           "'hpc::common::NotImplemented' what(): not implemented yet: pop()"));
  lab.tests.push_back(test("Speed.Heap", 4, "skipped", "needs 2 cores, this machine has 1"));
  return lab;
}

// A fresh folder under the temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::temp_directory_path() / ("hpc-lab-" + name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}

// ---- the quiet table --------------------------------------------------------------------------------

TEST(QuietTable, UntouchedStubsAreNotStarted) {
  EXPECT_TRUE(is_not_started(untouched_lab()));
  EXPECT_EQ(not_started_line(untouched_lab()), "Lab 02 (data-structures): not started, 0/9, 3 tests");
}

TEST(QuietTable, AnyPassOrOtherFailureIsInProgress) {
  LabResult passed = untouched_lab();
  passed.tests[1] = test("Heap.Crash", 2, "passed");
  EXPECT_FALSE(is_not_started(passed));

  LabResult own_failure = untouched_lab();
  own_failure.tests[0].reason = "Expected equality of these values: heap.top() Which is: 3";
  EXPECT_FALSE(is_not_started(own_failure)) << "a failure of the student's own code shows the full table";

  LabResult only_skips{"02", "x", "student", {test("Speed.Heap", 4, "skipped", "one core")}};
  EXPECT_FALSE(is_not_started(only_skips)) << "nothing failed on a stub: nothing says it is untouched";
}

TEST(QuietTable, NotStartedLineNamesTheBonus) {
  LabResult lab = untouched_lab();
  TestResult stretch = test("Stretch.Tbb", 6, "failed", stub_reason);
  stretch.bonus = true;
  lab.tests.push_back(stretch);
  EXPECT_EQ(not_started_line(lab), "Lab 02 (data-structures): not started, 0/9, 4 tests, bonus 0/6");
}

TEST(QuietTable, SummaryHasEveryLabCountsBonusAndTotals) {
  LabResult done{"01", "profiling", "student", {test("A.B", 5, "passed"), test("A.C", 3, "failed", "x")}};
  TestResult bonus = test("Stretch.S", 2, "passed");
  bonus.bonus = true;
  done.tests.push_back(bonus);
  std::ostringstream out;
  print_summary(out, {{done, ""}, {untouched_lab(), "not started"}});
  const std::string text = out.str();
  EXPECT_NE(text.find("Lab  Topic"), std::string::npos) << text;
  EXPECT_NE(text.find("01   profiling         5 / 8  2 / 2       2       1        0\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("02   data-structures   0 / 9      -       0       2        1  not started\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Total: 5 / 17 points, bonus 2 / 2 (4 points skipped on this machine)"),
            std::string::npos)
      << text;
}

// ---- the score table: speed ratios, skips, bonus apart -----------------------------------------------

TEST(ScoreTable, SpeedRatioBesideItsBarSkipWithRerunBonusApart) {
  LabResult lab{"06", "threads", "student", {}};
  TestResult fast = test("Speed.Pool", 3, "passed");
  fast.speed_ratio = 4.666;
  fast.speed_bar = 2;
  TestResult skipped = test("Speed.Primes", 3, "skipped", "the baseline alone overran the time budget");
  skipped.speed_ratio = 1.62;
  skipped.speed_bar = 1.5;
  TestResult stretch = test("Stretch.BeatTbb", 4, "passed");
  stretch.bonus = true;
  TestResult stretch_failed = test("Stretch.Roofline", 2, "failed", "0.4 of the bandwidth");
  stretch_failed.bonus = true;
  lab.tests = {fast, skipped, test("Queue.Fifo", 2, "passed"), stretch, stretch_failed};

  hpc::common::ScoreTableOptions options;
  options.rerun_program = "/b/lab06_tests";
  options.label = "ThreadSanitizer build";
  options.notes["Speed.Primes"] = "passed earlier on this code (1.80x)";
  std::ostringstream out;
  hpc::common::print_score_table(out, lab, options);
  const std::string text = out.str();
  EXPECT_NE(text.find("Lab 06 (threads) — ThreadSanitizer build"), std::string::npos) << text;
  EXPECT_NE(text.find("3/3  PASS  4.67x (bar 2x)"), std::string::npos) << text;
  EXPECT_NE(text.find("0/3  SKIP  1.62x (bar 1.5x)\n    the baseline alone overran the time budget\n"
                      "    passed earlier on this code (1.80x)\n"
                      "    rerun: /b/lab06_tests --gtest_filter=Speed.Primes\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("--gtest_filter=Speed.Pool\n"), std::string::npos) << "a pass needs no rerun command";
  // Bonus tests come after the base tests, under their own heading.
  EXPECT_LT(text.find("Queue.Fifo"), text.find("bonus (stretch tasks"));
  EXPECT_LT(text.find("bonus (stretch tasks"), text.find("Stretch.BeatTbb"));
  EXPECT_NE(text.find("score: 5 / 8 points, bonus 4 / 6 (3 points skipped on this machine)"),
            std::string::npos)
      << text;
}

TEST(ScoreTable, SpeedTextForEveryCase) {
  TestResult t = test("S.T", 1, "failed");
  EXPECT_EQ(hpc::common::speed_text(t), "");
  t.speed_bar = 2;
  EXPECT_EQ(hpc::common::speed_text(t), "(bar 2x, no ratio measured)");
  t.speed_ratio = 1.25;
  EXPECT_EQ(hpc::common::speed_text(t), "1.25x (bar 2x)");
}

// ---- the first failure's output ----------------------------------------------------------------------

TEST(FirstFailure, TakesOneTestsOutputFromTheLog) {
  const std::string log =
      "[==========] Running 3 tests\n"
      "[ RUN      ] A.One\n[       OK ] A.One (1 ms)\n"
      "[ RUN      ] A.Two\nfile.cpp:3: Failure\nExpected: 1\n  Which is: 2\n[  FAILED  ] A.Two (2 ms)\n"
      "[ RUN      ] A.Three\n[       OK ] A.Three\n";
  EXPECT_EQ(
      test_output_from_log(log, "A.Two"),
      "[ RUN      ] A.Two\nfile.cpp:3: Failure\nExpected: 1\n  Which is: 2\n[  FAILED  ] A.Two (2 ms)\n");
  EXPECT_EQ(test_output_from_log(log, "A.Three"), "[ RUN      ] A.Three\n[       OK ] A.Three\n");
  EXPECT_EQ(test_output_from_log(log, "A.Tw"), "") << "a prefix of a name is not the test";
  EXPECT_EQ(test_output_from_log("[ RUN      ] X.Y\nline\n", "X.Y"), "[ RUN      ] X.Y\nline\n");
  std::string long_log = "[ RUN      ] L.Long\n";
  for (int i = 0; i < 100; ++i) long_log += "line " + std::to_string(i) + "\n";
  const std::string cut = test_output_from_log(long_log, "L.Long", 10);
  EXPECT_NE(cut.find("line 8\n"), std::string::npos);
  EXPECT_EQ(cut.find("line 9\n"), std::string::npos);
  EXPECT_NE(cut.find("the rest is in the log"), std::string::npos);
}

// ---- integrity ---------------------------------------------------------------------------------------

TEST(Integrity, ReportsWhatARunCreatedChangedAndDeletedInTheCourseOnly) {
  TempDir root("integrity");
  const fs::path& r = root.path;
  write(r / "CMakeLists.txt", "project(x)\n");
  write(r / "labs/06-threads/LAB.md", "# Lab\n");
  write(r / "labs/06-threads/src/queue.cpp", "int a = 1;\n");
  write(r / "docs/syllabus.md", "weeks\n");
  write(r / "chapters/06-threads/README.md", "notes\n");
  write(r / "build/grade/results/lab06.json", "{}\n");
  write(r / ".git/index", "git\n");
  const TreeSnapshot before = snapshot_course(r);
  EXPECT_EQ(compare_snapshots(before, snapshot_course(r)).line(),
            "Integrity: ok (the run changed no file of the course)");

  // Same size, same modification time, other content: only the hash can see it.
  const auto mtime = fs::last_write_time(r / "labs/06-threads/src/queue.cpp");
  write(r / "labs/06-threads/src/queue.cpp", "int b = 2;\n");
  fs::last_write_time(r / "labs/06-threads/src/queue.cpp", mtime);
  write(r / "stray.txt", "a file in the repository root\n");
  write(r / "outputs/x.txt", "a new top-level folder\n");
  fs::remove(r / "labs/06-threads/LAB.md");
  write(r / "chapters/06-threads/demos/new.cpp", "\n");
  // Not the course: build trees, .git, editors' swap files.
  write(r / "build/grade/results/lab06.json", "{\"changed\": true}\n");
  write(r / "build-06/CMakeCache.txt", "\n");
  write(r / ".git/index", "git changed\n");
  write(r / "labs/06-threads/src/.queue.cpp.swp", "vim\n");

  const IntegrityReport report = compare_snapshots(before, snapshot_course(r));
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.created,
            (std::vector<std::string>{"chapters/06-threads/demos/", "chapters/06-threads/demos/new.cpp",
                                      "outputs/", "stray.txt"}));
  EXPECT_EQ(report.changed, (std::vector<std::string>{"labs/06-threads/src/queue.cpp"}));
  EXPECT_EQ(report.deleted, (std::vector<std::string>{"labs/06-threads/LAB.md"}));
  EXPECT_EQ(
      report.line(2),
      "Integrity: FAILED — the run created chapters/06-threads/demos/, chapters/06-threads/demos/new.cpp and "
      "2 more; changed labs/06-threads/src/queue.cpp; deleted labs/06-threads/LAB.md");
  const auto json = report.to_json();
  EXPECT_EQ(json.at("ok"), false);
  EXPECT_EQ(json.at("deleted").at(0), "labs/06-threads/LAB.md");
}

TEST(Integrity, EditorTemporaryNames) {
  for (const char* name : {".queue.cpp.swp", "queue.cpp~", ".#queue.cpp", "#queue.cpp#", "4913"}) {
    EXPECT_TRUE(is_editor_temporary(name)) << name;
  }
  for (const char* name : {"queue.cpp", "LAB.md", "#", "swp"})
    EXPECT_FALSE(is_editor_temporary(name)) << name;
}

// ---- best results on the same code -------------------------------------------------------------------

LabResult run_of(const std::string& speed_status, const std::string& queue_status) {
  LabResult lab{"06", "threads", "student", {}};
  TestResult speed = test("Speed.Pool", 3, speed_status, speed_status == "passed" ? "" : "busy machine");
  speed.speed_ratio = speed_status == "passed" ? 2.5 : 1.1;
  speed.speed_bar = 2;
  lab.tests = {speed, test("Queue.Fifo", 2, queue_status)};
  return lab;
}

TEST(BestResults, KeepsEachTestsBestOnTheSameCodeOnly) {
  MergedBest first = merge_best(std::nullopt, run_of("passed", "failed"), "hash-a");
  EXPECT_EQ(first.best.runs, 1);
  EXPECT_TRUE(first.better_earlier.empty());

  // A busy rerun of the same code: the speed test fails now, the queue passes. Best: both passed.
  MergedBest second = merge_best(first.best, run_of("failed", "passed"), "hash-a");
  EXPECT_EQ(second.best.runs, 2);
  EXPECT_EQ(second.best.result.points_earned(), 5);
  EXPECT_EQ(second.best.result.tests[0].speed_ratio, 2.5) << "the best keeps what that run measured";
  ASSERT_EQ(second.better_earlier.size(), 1u);
  EXPECT_EQ(second.better_earlier.at("Speed.Pool"), "passed earlier on this code (2.50x)");

  // Skipped beats failed, passed beats skipped.
  MergedBest third = merge_best(second.best, run_of("skipped", "failed"), "hash-a");
  EXPECT_EQ(third.best.result.points_earned(), 5);
  EXPECT_EQ(third.better_earlier.size(), 2u);

  // Changed code: the best starts over from this run.
  MergedBest changed = merge_best(third.best, run_of("failed", "failed"), "hash-b");
  EXPECT_EQ(changed.best.runs, 1);
  EXPECT_EQ(changed.best.result.points_earned(), 0);
  EXPECT_TRUE(changed.better_earlier.empty());
}

TEST(BestResults, StoredAndLoadedAgain) {
  TempDir dir("best");
  const MergedBest merged = merge_best(std::nullopt, run_of("passed", "skipped"), "abc");
  ASSERT_TRUE(store_best(dir.path / "results/lab06.best.json", merged.best));
  const auto loaded = load_best(dir.path / "results/lab06.best.json");
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->source_hash, "abc");
  EXPECT_EQ(loaded->lab, "06");
  EXPECT_EQ(loaded->result.points_earned(), 3);
  write(dir.path / "broken.json", "{\"lab\": ");
  EXPECT_FALSE(load_best(dir.path / "broken.json").has_value());
  EXPECT_FALSE(load_best(dir.path / "missing.json").has_value());
}

TEST(BestResults, SourceHashFollowsTheLabsCodeNotItsSheet) {
  TempDir root("hash");
  const Lab lab{"06", "threads", root.path / "labs/06-threads"};
  write(lab.dir / "src/queue.cpp", "int a;\n");
  write(lab.dir / "include/queue.hpp", "#pragma once\n");
  write(lab.dir / "LAB.md", "# Lab\n");
  const std::string first = lab_source_hash(lab);
  EXPECT_EQ(first.size(), 16u);
  write(lab.dir / "LAB.md", "# Lab 06, edited\n");
  EXPECT_EQ(lab_source_hash(lab), first);
  write(lab.dir / "src/queue.cpp", "int b;\n");
  const std::string edited = lab_source_hash(lab);
  EXPECT_NE(edited, first);
  write(lab.dir / "src/helpers/extra.cpp", "\n");
  EXPECT_NE(lab_source_hash(lab), edited) << "a new file in a subfolder of src/ is new code";
}

// ---- the sanitizer tree ------------------------------------------------------------------------------

TEST(Sanitize, NamesScalesAndTheTreeBesideThisOne) {
  std::string error;
  const auto thread = find_sanitizer("thread", error);
  ASSERT_TRUE(thread.has_value());
  EXPECT_EQ(thread->label, "ThreadSanitizer build");
  EXPECT_GT(thread->watchdog_scale, 1);
  EXPECT_FALSE(find_sanitizer("memory", error).has_value());
  EXPECT_NE(error.find("thread, address, undefined"), std::string::npos) << error;

  const Trees base{"/course", "/course/build/grade/"};
  EXPECT_EQ(sanitizer_trees(base, *thread).binary, fs::path("/course/build/grade-thread"));
  const auto command = sanitizer_configure_command(base, *thread, "Ninja", "/usr/bin/ccache");
  const auto has = [&](const std::string& word) {
    return std::find(command.begin(), command.end(), word) != command.end();
  };
  for (const char* word :
       {"-S", "/course", "/course/build/grade-thread", "-DHPC_SANITIZER=thread", "-DHPC_LAB_IMPL=student",
        "-DHPC_BUILD_DEMOS=OFF", "-DHPC_BUILD_BENCHMARKS=OFF", "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "Ninja",
        "-DCMAKE_CXX_COMPILER_LAUNCHER=/usr/bin/ccache"}) {
    EXPECT_TRUE(has(word)) << word;
  }
  const auto without_ccache = sanitizer_configure_command(base, *thread, "", "");
  for (const auto& word : without_ccache) {
    EXPECT_EQ(word.find("LAUNCHER"), std::string::npos);
    EXPECT_NE(word, "-G");
  }
}

}  // namespace
}  // namespace hpc::lab
