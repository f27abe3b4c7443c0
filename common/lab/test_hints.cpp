// Self-tests of the hint ladders: reading HINTS.md, finding a task, opening rungs in order, the record of
// opened rungs, the error messages, and the course's own hints files against their lab sheets.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "hints.hpp"
#include "hpc/common/temp_dir.hpp"
#include "labs.hpp"

namespace hpc::lab {
namespace {

namespace fs = std::filesystem;

const char* const ladders_text = R"(# Lab 01 hints

Open one rung at a time. This introduction is no rung:

1. Not a rung: prose before the first task.

## Task 1 — `evolve_fast`

1. Nudge: profile first.
2. Idea: one library call dominates;
   replace it.

   The second paragraph of the idea.
3. Near code:
   ```cpp
   // ## not a heading inside code
   s = std::sqrt(x);
   ```

A note under the ladder that is not a rung.

## Task 2 – `evolve_closed_form`

1. Polar coordinates.
2. Keep r, advance the angle.
3. atan2, then cos and sin.

## Ungraded — measure, don't assume

1. Look at IPC.
2. The dependency chain.
3. perf stat on both.
)";

TEST(HintLadders, ReadsTasksAndTheirRungsInOrder) {
  const HintLadders ladders = parse_hint_ladders(ladders_text);
  EXPECT_TRUE(ladders.problems.empty());
  ASSERT_EQ(ladders.tasks.size(), 3u);
  const TaskLadder& first = ladders.tasks[0];
  EXPECT_EQ(first.key, "1");
  EXPECT_EQ(first.label, "Task 1");
  EXPECT_EQ(first.title, "`evolve_fast`");
  ASSERT_EQ(first.rungs.size(), 3u);
  EXPECT_EQ(first.rungs[0], "Nudge: profile first.");
  EXPECT_EQ(first.rungs[1],
            "Idea: one library call dominates;\nreplace it.\n\nThe second paragraph of the idea.");
  EXPECT_EQ(first.rungs[2], "Near code:\n```cpp\n// ## not a heading inside code\ns = std::sqrt(x);\n```");
  EXPECT_EQ(ladders.tasks[1].key, "2");  // an en dash separates label and title too
  EXPECT_EQ(ladders.tasks[1].title, "`evolve_closed_form`");
  EXPECT_EQ(ladders.tasks[2].key, "ungraded");
  EXPECT_EQ(ladders.tasks[2].title, "measure, don't assume");
  EXPECT_EQ(ladders.tasks[2].rungs.back(), "perf stat on both.");
}

TEST(HintLadders, ReportsTasksWithoutRungsDuplicatesAndEmptyFiles) {
  const HintLadders broken = parse_hint_ladders("## Task 1 — a\n\nNo list here.\n\n## Task 1 — b\n\n1. x\n");
  ASSERT_EQ(broken.problems.size(), 2u);
  EXPECT_NE(broken.problems[0].find("task 1 (line 1) has no rungs"), std::string::npos) << broken.problems[0];
  EXPECT_NE(broken.problems[1].find("two ladders"), std::string::npos) << broken.problems[1];
  const HintLadders empty = parse_hint_ladders("# Lab hints\n\nNothing yet.\n");
  ASSERT_EQ(empty.problems.size(), 1u);
  EXPECT_NE(empty.problems[0].find("no task ladders"), std::string::npos);
}

TEST(HintLadders, RungKindsGoNudgeIdeaNearCode) {
  EXPECT_EQ(rung_kind(1, 3), "nudge");
  EXPECT_EQ(rung_kind(2, 3), "idea");
  EXPECT_EQ(rung_kind(3, 3), "near code");
  EXPECT_EQ(rung_kind(3, 4), "idea");
  EXPECT_EQ(rung_kind(4, 4), "near code");
  EXPECT_EQ(rung_kind(2, 2), "idea");  // too short a ladder for a near-code rung
}

TEST(HintLadders, LabSheetTasksAreTheTaskHeadings) {
  const std::string sheet =
      "# Lab\n## Goal\n### Not a task — goal detail\n## Tasks\n### Task 1 — `a` (3 points)\n"
      "### Task 2 — `b` (4 points)\n```\n### Task 9 — inside code\n```\n### Ungraded — measure\n"
      "### Background\n## Stretch\n### Task 3 — bonus (2 bonus points)\n## Points\n";
  EXPECT_EQ(lab_sheet_task_keys(sheet), (std::vector<std::string>{"1", "2", "ungraded", "3"}));
}

TEST(HintLadders, FindsTasksByNumberLabelOrOneTitleWord) {
  const HintLadders ladders = parse_hint_ladders(ladders_text);
  std::string error;
  for (const char* argument : {"1", "Task 1", "task-1", "TASK_1", "evolve_fast", "EvolveFast", "fast"}) {
    const TaskLadder* task = find_task(ladders, argument, error);
    ASSERT_NE(task, nullptr) << argument << ": " << error;
    EXPECT_EQ(task->key, "1") << argument;
  }
  EXPECT_EQ(find_task(ladders, "Ungraded", error)->key, "ungraded");
  EXPECT_EQ(find_task(ladders, "closed", error)->key, "2");
}

TEST(HintLadders, UnknownOrAmbiguousTaskNamesTheValidTasks) {
  const HintLadders ladders = parse_hint_ladders(ladders_text);
  std::string error;
  EXPECT_EQ(find_task(ladders, "x", error), nullptr);
  EXPECT_NE(error.find("unknown task 'x'"), std::string::npos) << error;
  EXPECT_NE(error.find("\n  1         evolve_fast\n"), std::string::npos) << error;
  EXPECT_NE(error.find("\n  ungraded  measure, don't assume"), std::string::npos) << error;
  EXPECT_EQ(error.find("convert"), std::string::npos) << error;
  EXPECT_EQ(find_task(ladders, "evolve", error), nullptr);
  EXPECT_NE(error.find("'evolve' matches several tasks (1, 2)"), std::string::npos) << error;
  EXPECT_EQ(find_task(ladders, "ev", error), nullptr) << "two letters are too few to pick a task by title";
}

// A source tree with one lab and its hints file, and a build tree for the record.
class HintCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(source() / "labs/01-profiling");
    std::ofstream(source() / "labs/01-profiling/HINTS.md") << ladders_text;
    fs::create_directories(source() / "labs/02-data-structures");  // a lab without a hints file
    labs_ = discover_labs(source());
  }
  fs::path source() const { return dir_.path() / "src"; }
  Trees trees() const { return Trees{source(), dir_.path() / "build"}; }

  struct Run {
    int status;
    std::string out;
    std::string err;
  };
  Run run(const std::string& lab, const std::string& task = "", const std::string& rung = "",
          bool all = false) {
    std::ostringstream out;
    std::ostringstream err;
    const int status = hint_command(trees(), labs_, HintRequest{lab, task, rung, all}, out, err);
    return {status, out.str(), err.str()};
  }
  int opened(const std::string& task) {
    return load_opened_rungs(hints_record(trees(), labs_.front()))[task];
  }

  hpc::common::TempDir dir_{"hpc-lab-hints"};
  std::vector<Lab> labs_;
};

TEST_F(HintCommand, OpensRungsInOrderAndRecordsHowMany) {
  EXPECT_FALSE(fs::exists(hints_record(trees(), labs_.front()))) << "listing or nothing opens no rung";
  Run first = run("01", "1");
  EXPECT_EQ(first.status, 0) << first.err;
  EXPECT_NE(first.out.find("Rung 1 of 3 (nudge):\n\nNudge: profile first."), std::string::npos) << first.out;
  EXPECT_EQ(first.out.find("Idea:"), std::string::npos) << "only one rung at a time:\n" << first.out;
  EXPECT_NE(first.out.find("Next rung (idea): lab hint 01 1"), std::string::npos) << first.out;
  EXPECT_EQ(opened("1"), 1);

  Run second = run("1", "evolve_fast");
  EXPECT_NE(second.out.find("Rung 2 of 3 (idea):"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("rung 1 (nudge): Nudge: profile first."), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("lab hint 01 1 --all"), std::string::npos) << second.out;
  EXPECT_EQ(opened("1"), 2);
  EXPECT_EQ(opened("2"), 0) << "the other tasks' ladders are separate";

  Run again = run("01", "1", "1");  // an opened rung again: shown, the count stays
  EXPECT_NE(again.out.find("Rung 1 of 3"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("Next rung (near code): lab hint 01 1"), std::string::npos) << again.out;
  EXPECT_EQ(opened("1"), 2);

  EXPECT_NE(run("01", "1", "3").out.find("Rung 3 of 3 (near code):"), std::string::npos);
  EXPECT_EQ(opened("1"), 3);
  Run done = run("01", "1");  // nothing left to open: the whole ladder
  EXPECT_EQ(done.status, 0);
  EXPECT_NE(done.out.find("all 3 rungs opened"), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("Nudge: profile first."), std::string::npos) << done.out;
  EXPECT_NE(done.out.find("s = std::sqrt(x);"), std::string::npos) << done.out;
  EXPECT_EQ(opened("1"), 3);
}

TEST_F(HintCommand, RefusesToSkipRungs) {
  Run skip = run("01", "2", "3");
  EXPECT_EQ(skip.status, 2);
  EXPECT_TRUE(skip.out.empty()) << skip.out;
  EXPECT_NE(skip.err.find("rung 3 of Task 2 is not open yet"), std::string::npos) << skip.err;
  EXPECT_NE(skip.err.find("Next: lab hint 01 2"), std::string::npos) << skip.err;
  EXPECT_EQ(opened("2"), 0);
  EXPECT_EQ(run("01", "2", "1").status, 0);
  EXPECT_EQ(run("01", "2", "2").status, 0);  // rung opened + 1 is allowed
  EXPECT_EQ(opened("2"), 2);
}

TEST_F(HintCommand, RungOutOfRangeOrNotANumberIsAClearError) {
  for (const char* rung : {"0", "4", "x", "-1", "1.5", "99999999999"}) {
    Run bad = run("01", "1", rung);
    EXPECT_EQ(bad.status, 2) << rung;
    EXPECT_NE(
        bad.err.find("Task 1 has 3 rungs; give a rung from 1 to 3 (you gave '" + std::string(rung) + "')"),
        std::string::npos)
        << bad.err;
  }
  EXPECT_EQ(opened("1"), 0);
}

TEST_F(HintCommand, ListShowsRungsAndOpenedCounts) {
  run("01", "2");
  Run list = run("01");
  EXPECT_EQ(list.status, 0) << list.err;
  EXPECT_NE(list.out.find("task      rungs  opened  title"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("1             3       0  evolve_fast"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("2             3       1  evolve_closed_form"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("ungraded      3       0  measure"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("lab hint 01 TASK"), std::string::npos) << list.out;
}

TEST_F(HintCommand, AllShowsOnlyWhatWasOpened) {
  Run none = run("01", "1", "", true);
  EXPECT_NE(none.out.find("no rung opened yet"), std::string::npos) << none.out;
  run("01", "1");
  Run one = run("01", "1", "", true);
  EXPECT_NE(one.out.find("1 of 3 rungs opened"), std::string::npos) << one.out;
  EXPECT_EQ(one.out.find("Idea:"), std::string::npos) << one.out;
  EXPECT_EQ(opened("1"), 1) << "--all opens nothing new";
}

TEST_F(HintCommand, MissingOrUnknownLabAndTaskNameTheChoices) {
  Run no_lab = run("");
  EXPECT_EQ(no_lab.status, 2);
  EXPECT_NE(no_lab.err.find("name a lab"), std::string::npos) << no_lab.err;
  EXPECT_NE(no_lab.err.find("01-profiling, 02-data-structures"), std::string::npos) << no_lab.err;
  Run unknown_lab = run("42");
  EXPECT_EQ(unknown_lab.status, 2);
  EXPECT_NE(unknown_lab.err.find("unknown lab '42'"), std::string::npos) << unknown_lab.err;
  Run unknown_task = run("01", "queue");
  EXPECT_EQ(unknown_task.status, 2);
  EXPECT_NE(unknown_task.err.find("unknown task 'queue'"), std::string::npos) << unknown_task.err;
  EXPECT_NE(unknown_task.err.find("  2         evolve_closed_form\n"), std::string::npos) << unknown_task.err;
  Run no_file = run("02");
  EXPECT_EQ(no_file.status, 1);
  EXPECT_NE(no_file.err.find("lab 02 has no hints file yet"), std::string::npos) << no_file.err;
}

TEST_F(HintCommand, MalformedHintsFileIsReportedNotShown) {
  std::ofstream(source() / "labs/01-profiling/HINTS.md") << "## Task 1 — a\n\nno rungs\n";
  Run bad = run("01", "1");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("is malformed"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("task 1 (line 1) has no rungs"), std::string::npos) << bad.err;
}

TEST_F(HintCommand, RecordSurvivesAndFeedsTheGradeJson) {
  run("01", "1");
  run("01", "1");
  run("01", "ungraded");
  // A new "run of the program": everything comes back from the file.
  const nlohmann::json json = hints_opened_json(trees(), labs_.front());
  EXPECT_EQ(json["tasks"]["1"]["opened"], 2);
  EXPECT_EQ(json["tasks"]["1"]["rungs"], 3);
  EXPECT_EQ(json["tasks"]["2"]["opened"], 0);
  EXPECT_EQ(json["tasks"]["ungraded"]["opened"], 1);
  EXPECT_EQ(json["rungs_opened"], 3);
  EXPECT_EQ(json["rungs_total"], 9);
  const nlohmann::json record =
      nlohmann::json::parse(hpc::common::read_file(hints_record(trees(), labs_.front())));
  EXPECT_EQ(record["lab"], "01");
  EXPECT_EQ(record["opened"]["1"], 2);
  EXPECT_EQ(hints_record(trees(), labs_.front()), trees().results_dir() / "lab01-hints.json");
}

TEST_F(HintCommand, UnreadableRecordCountsFromZeroWithAWarning) {
  fs::create_directories(trees().results_dir());
  std::ofstream(hints_record(trees(), labs_.front())) << "{ not json";
  Run run_after = run("01", "1");
  EXPECT_EQ(run_after.status, 0);
  EXPECT_NE(run_after.err.find("is unreadable"), std::string::npos) << run_after.err;
  EXPECT_NE(run_after.out.find("Rung 1 of 3"), std::string::npos) << run_after.out;
  EXPECT_EQ(opened("1"), 1) << "the record is written anew";
}

TEST_F(HintCommand, ShortenedLadderClampsARecordedCount) {
  save_opened_rungs(hints_record(trees(), labs_.front()), "01", {{"2", 7}});
  EXPECT_EQ(hints_opened_json(trees(), labs_.front())["tasks"]["2"]["opened"], 3);
  EXPECT_NE(run("01", "2").out.find("all 3 rungs opened"), std::string::npos);
}

// ---- the course's own labs (DESIGN.md §8 rule 1) ------------------------------------------------------

TEST(CourseHints, EveryLabTaskHasALadderAndTheSheetPrintsNoHints) {
  const auto labs = discover_labs(HPC_SOURCE_DIR);
  ASSERT_FALSE(labs.empty());
  for (const Lab& lab : labs) {
    const std::string sheet = read_lab_sheet(lab);
    if (sheet.empty()) continue;  // a lab folder without a sheet yet
    SCOPED_TRACE("lab " + lab.folder());
    const std::string hints = hpc::common::read_file(hints_file(lab));
    ASSERT_FALSE(hints.empty()) << hints_file(lab) << " is missing or empty";
    const HintLadders ladders = parse_hint_ladders(hints);
    for (const std::string& problem : ladders.problems) ADD_FAILURE() << hints_file(lab) << ": " << problem;
    std::vector<std::string> keys;
    for (const TaskLadder& task : ladders.tasks) {
      keys.push_back(task.key);
      EXPECT_GE(task.rungs.size(), 3u) << "task " << task.key << ": a nudge, the idea and a near-code rung";
    }
    EXPECT_EQ(keys, lab_sheet_task_keys(sheet)) << "the ladders' tasks (left) and LAB.md's tasks (right)";
    const auto printed = parse_hints(sheet);
    if (printed) {
      EXPECT_TRUE(printed->empty()) << "LAB.md prints " << printed->size() << " numbered hints";
    }
  }
}

// A ladder that sends the student to `Suite.Name` must name a test that exists: every such name in the
// hints files is a GRADED_TEST, BONUS_TEST or TEST of the lab's tests/ folder.
TEST(CourseHints, TestsNamedInTheLaddersExist) {
  const std::regex named_test("`([A-Z][A-Za-z0-9]*)\\.([A-Z][A-Za-z0-9_]*)`");
  for (const Lab& lab : discover_labs(HPC_SOURCE_DIR)) {
    const std::string hints = hpc::common::read_file(hints_file(lab));
    if (hints.empty()) continue;
    std::string tests;
    std::error_code error;
    for (const auto& entry : fs::recursive_directory_iterator(lab.dir / "tests", error)) {
      if (entry.is_regular_file()) tests += hpc::common::read_file(entry.path());
    }
    for (std::sregex_iterator it(hints.begin(), hints.end(), named_test), end; it != end; ++it) {
      const std::regex declared("(GRADED_TEST|BONUS_TEST|TEST|GRADED_TEST_F|BONUS_TEST_F|TEST_F)\\(\\s*" +
                                (*it)[1].str() + ",\\s*" + (*it)[2].str() + "\\b");
      EXPECT_TRUE(std::regex_search(tests, declared))
          << hints_file(lab) << " names " << it->str() << ", which no test in " << lab.dir / "tests"
          << " declares";
    }
  }
}

}  // namespace
}  // namespace hpc::lab
