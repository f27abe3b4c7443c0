// Self-tests of the `lab` command's pure parts: lab arguments, LAB.md hints, the stub-proof verdict,
// filling in a crashed run's results, and the child-process runner's exit descriptions.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>

#include "hints.hpp"
#include "labs.hpp"
#include "process.hpp"
#include "proof.hpp"
#include "status.hpp"
#include "table.hpp"
#include "test_program.hpp"

namespace hpc::lab {
namespace {

namespace fs = std::filesystem;
using hpc::common::TestResult;

// ---- lab arguments ----------------------------------------------------------------------------------

std::vector<Lab> two_labs() {
  return {Lab{"01", "profiling", "/x/labs/01-profiling"}, Lab{"06", "threads", "/x/labs/06-threads"}};
}

TEST(LabArgument, AcceptsNumberWithOrWithoutZeroAndFolderName) {
  const auto labs = two_labs();
  for (const char* argument : {"01", "1", "001", "01-profiling", "profiling"}) {
    const auto lab = find_lab(labs, argument);
    ASSERT_TRUE(lab.has_value()) << argument;
    EXPECT_EQ(lab->number, "01") << argument;
  }
  EXPECT_EQ(find_lab(labs, "6")->folder(), "06-threads");
}

TEST(LabArgument, RejectsUnknownAndNamesTheValidChoices) {
  const auto labs = two_labs();
  for (const char* argument : {"42", "2", "1x", "", "06-profiling", "-1"}) {
    EXPECT_FALSE(find_lab(labs, argument).has_value()) << argument;
  }
  const LabLookup lookup = lookup_lab(labs, "42");
  EXPECT_FALSE(lookup.lab.has_value());
  EXPECT_NE(lookup.error.find("'42'"), std::string::npos) << lookup.error;
  EXPECT_NE(lookup.error.find("01-profiling, 06-threads"), std::string::npos) << lookup.error;
}

TEST(LabArgument, DiscoversOnlyNumberedLabFoldersInOrder) {
  const fs::path root = fs::temp_directory_path() / ("hpc-lab-discover-" + std::to_string(::getpid()));
  for (const char* folder : {"labs/06-threads", "labs/01-profiling", "labs/common", "labs/7-bad"}) {
    fs::create_directories(root / folder);
  }
  std::ofstream(root / "labs/03-file-not-folder") << "x";
  const auto labs = discover_labs(root);
  fs::remove_all(root);
  ASSERT_EQ(labs.size(), 2u);
  EXPECT_EQ(labs[0].folder(), "01-profiling");
  EXPECT_EQ(labs[1].folder(), "06-threads");
  EXPECT_EQ(labs[1].test_target(), "lab06_tests");
}

// ---- LAB.md ------------------------------------------------------------------------------------------

const char* const sheet = R"(# Lab 01: Profiling the particle simulator

Intro text with a list that is not hints:

1. Task one
2. Task two

## Hints

Read these one at a time.

1. Start with `evolve`:
   measure before you change anything.
2. Use `perf record -g`.

   Then `perf report` shows
   the call graph.
1. A third hint numbered "1." still counts as the third.
   ```cpp
   // ## not a heading inside code
   auto x = 1;
   ```

Closing prose that belongs to no hint.

## Grading

1. Not a hint.
)";

TEST(Hints, ReadsTheNumberedItemsOfTheHintsSectionOnly) {
  const auto hints = parse_hints(sheet);
  ASSERT_TRUE(hints.has_value());
  ASSERT_EQ(hints->size(), 3u);
  EXPECT_EQ((*hints)[0], "Start with `evolve`:\nmeasure before you change anything.");
  EXPECT_EQ((*hints)[1], "Use `perf record -g`.\n\nThen `perf report` shows\nthe call graph.");
  EXPECT_EQ(
      (*hints)[2],
      "A third hint numbered \"1.\" still counts as the third.\n```cpp\n// ## not a heading inside code\n"
      "auto x = 1;\n```");
}

TEST(Hints, MissingSectionIsNulloptAndEmptySectionIsEmpty) {
  EXPECT_FALSE(parse_hints("# Lab\n\n## Tasks\n\n1. Do it.\n").has_value());
  const auto empty = parse_hints("# Lab\n\n## Hints\n\nNone yet.\n\n## Grading\n");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->empty());
}

TEST(Hints, ToleratesWindowsLineEndingsAndHeadingSuffix) {
  const auto hints = parse_hints("# Lab\r\n## Hints (read when stuck)\r\n1. One\r\n2. Two\r\n   more\r\n");
  ASSERT_TRUE(hints.has_value());
  ASSERT_EQ(hints->size(), 2u);
  EXPECT_EQ((*hints)[1], "Two\nmore");
}

TEST(Hints, RecognisesOnlyRealHintsHeadingsAndItems) {
  EXPECT_FALSE(parse_hints("# Lab\n## Hintsheet\n1. no\n").has_value());
  EXPECT_FALSE(parse_hints("# Lab\n##Hints\n1. no\n").has_value());
  const auto hints =
      parse_hints("## HINTS\n1.not an item\n2) Second style\n#hashtag is text\n   3. nested\n");
  ASSERT_TRUE(hints.has_value());
  ASSERT_EQ(hints->size(), 1u);
  EXPECT_EQ((*hints)[0], "Second style");
}

TEST(Hints, TitleIsTheFirstLevelOneHeading) {
  EXPECT_EQ(markdown_title(sheet), "Lab 01: Profiling the particle simulator");
  EXPECT_EQ(markdown_title("```\n# not this\n```\n## Sub\n# Real title\n"), "Real title");
  EXPECT_EQ(markdown_title("no heading"), "");
}

// ---- the stub proof ------------------------------------------------------------------------------------

TestResult result_of(const std::string& name, const std::string& status, const std::string& reason = "",
                     const std::string& may_pass = "") {
  TestResult test;
  test.name = name;
  test.points = 2;
  test.status = status;
  test.reason = reason;
  test.stub_may_pass = may_pass;
  return test;
}

LabResult stub_run(std::vector<TestResult> tests) {
  LabResult result;
  result.lab = "01";
  result.topic = "profiling";
  result.implementation = "stubs";
  result.tests = std::move(tests);
  return result;
}

const std::vector<GradedTestInfo> declared = {{"A.One", 2, ""}, {"A.Two", 2, ""}, {"B.Three", 2, ""}};

TEST(StubProof, AllFailingIsProven) {
  const Proof proof = judge_stub_run(
      "01", declared,
      stub_run({result_of("A.One", "failed"), result_of("A.Two", "failed"), result_of("B.Three", "failed")}));
  EXPECT_TRUE(proof.proven);
  EXPECT_EQ(proof.summary, "Stub proof for lab 01: all 3 graded tests fail on the stubs");
  ASSERT_EQ(proof.rows.size(), 3u);
  for (const ProofRow& row : proof.rows) EXPECT_TRUE(row.ok) << row.test;
}

TEST(StubProof, UndeclaredPassFailsTheProofAndNamesTheTest) {
  const Proof proof = judge_stub_run(
      "01", declared,
      stub_run({result_of("A.One", "failed"), result_of("A.Two", "passed"), result_of("B.Three", "failed")}));
  EXPECT_FALSE(proof.proven);
  EXPECT_NE(proof.summary.find("FAILED"), std::string::npos) << proof.summary;
  EXPECT_NE(proof.summary.find("A.Two"), std::string::npos) << proof.summary;
  EXPECT_FALSE(proof.rows[1].ok);
  EXPECT_EQ(proof.rows[1].on_stubs, "PASS");
}

TEST(StubProof, DeclaredExceptionMayPassAndIsListedWithItsReason) {
  auto with_exception = declared;
  with_exception[1].stub_may_pass = "the stub's shape is already right";
  const Proof proof = judge_stub_run(
      "01", with_exception,
      stub_run({result_of("A.One", "failed"), result_of("A.Two", "passed"), result_of("B.Three", "failed")}));
  EXPECT_TRUE(proof.proven) << proof.summary;
  EXPECT_NE(proof.rows[1].verdict.find("the stub's shape is already right"), std::string::npos);
  EXPECT_NE(proof.summary.find("declared exceptions (may pass): A.Two"), std::string::npos) << proof.summary;
}

TEST(StubProof, MissingResultFailsTheProof) {
  const Proof proof = judge_stub_run(
      "01", declared, stub_run({result_of("A.One", "failed"), result_of("B.Three", "failed")}));
  EXPECT_FALSE(proof.proven);
  EXPECT_NE(proof.summary.find("missing from the results (A.Two)"), std::string::npos) << proof.summary;
  EXPECT_EQ(proof.rows[1].on_stubs, "missing");
}

TEST(StubProof, SkippedIsNotProvenHereButDoesNotFail) {
  const Proof proof =
      judge_stub_run("01", declared,
                     stub_run({result_of("A.One", "failed"), result_of("A.Two", "skipped", "no CUDA device"),
                               result_of("B.Three", "failed")}));
  EXPECT_TRUE(proof.proven) << proof.summary;
  EXPECT_EQ(proof.rows[1].verdict, "not proven on this machine (skipped: no CUDA device)");
  EXPECT_EQ(proof.summary,
            "Stub proof for lab 01: 2 of 3 graded tests fail on the stubs; not proven on this machine "
            "(skipped): A.Two");
}

TEST(StubProof, WrongLabOrNoTestsFailsTheProof) {
  EXPECT_FALSE(judge_stub_run("02", declared,
                              stub_run({result_of("A.One", "failed"), result_of("A.Two", "failed"),
                                        result_of("B.Three", "failed")}))
                   .proven);
  EXPECT_FALSE(judge_stub_run("01", {}, stub_run({})).proven);
}

// ---- grading a crashed run -------------------------------------------------------------------------------

TEST(CompleteResult, CountsTestsWithoutResultAsFailed) {
  const Lab lab{"01", "profiling", "/x"};
  const LabResult partial = stub_run({result_of("A.One", "passed")});
  const LabResult completed = complete_result(partial, declared, lab, "student", "no result: crashed");
  ASSERT_EQ(completed.tests.size(), 3u);
  EXPECT_EQ(completed.points_earned(), 2);
  EXPECT_EQ(completed.points_total(), 6);
  EXPECT_EQ(completed.tests[2].status, "failed");
  EXPECT_EQ(completed.tests[2].reason, "no result: crashed");

  const LabResult nothing = complete_result(std::nullopt, declared, lab, "student", "no result");
  EXPECT_EQ(nothing.lab, "01");
  EXPECT_EQ(nothing.implementation, "student");
  EXPECT_EQ(nothing.points_earned(), 0);
  EXPECT_EQ(nothing.points_total(), 6);
}

TEST(GradedList, ParsesTheProgramsListAndRejectsGarbage) {
  const GradedList list = parse_graded_list(
      R"([{"name": "A.One", "points": 3, "stub_may_pass": ""}, {"name": "B.Two", "points": 1,
                            "stub_may_pass": "why"}])");
  ASSERT_TRUE(list.error.empty()) << list.error;
  ASSERT_EQ(list.tests.size(), 2u);
  EXPECT_EQ(list.tests[0].points, 3);
  EXPECT_EQ(list.tests[1].stub_may_pass, "why");
  EXPECT_FALSE(parse_graded_list("Running main() from gtest_main").error.empty());
  EXPECT_FALSE(parse_graded_list(R"({"name": "A.One"})").error.empty());
  EXPECT_FALSE(parse_graded_list(R"([{"name": "A.One"}])").error.empty());
}

TEST(Status, DoneMeansEveryPointThatCanBeEarnedHere) {
  EXPECT_TRUE(is_done(stub_run({result_of("A.One", "passed"), result_of("A.Two", "skipped", "no GPU")})));
  EXPECT_FALSE(is_done(stub_run({result_of("A.One", "passed"), result_of("A.Two", "failed")})));
  EXPECT_FALSE(is_done(stub_run({})));
}

// ---- child processes
// ----------------------------------------------------------------------------------------

TEST(RunProgram, ReportsExitStatusSignalAndTimeout) {
  const RunResult exited = run_program({"/bin/sh", "-c", "exit 3"});
  EXPECT_TRUE(exited.exited_normally());
  EXPECT_EQ(exited.exit_code, 3);
  EXPECT_EQ(exited.describe(), "exited with status 3");

  const RunResult crashed = run_program({"/bin/sh", "-c", "kill -SEGV $$"});
  EXPECT_FALSE(crashed.exited_normally());
  EXPECT_EQ(crashed.signal, SIGSEGV);
  EXPECT_EQ(crashed.describe(), "was killed by signal 11 (SIGSEGV, Segmentation fault)");

  RunOptions limited;
  limited.timeout = std::chrono::seconds(1);
  const auto start = std::chrono::steady_clock::now();
  const RunResult hung = run_program({"/bin/sh", "-c", "sleep 30"}, limited);
  EXPECT_TRUE(hung.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(hung.describe(), "timed out after 1 s and was killed");

  const RunResult missing = run_program({"/nonexistent/program"});
  EXPECT_FALSE(missing.started);
}

TEST(RunProgram, RedirectsOutputToAFileAndCaptures) {
  const fs::path log = fs::temp_directory_path() / ("hpc-lab-log-" + std::to_string(::getpid()));
  RunOptions options;
  options.stdout_file = log;
  options.stderr_file = log;
  ASSERT_TRUE(run_program({"/bin/sh", "-c", "echo out; echo err >&2"}, options).succeeded());
  std::ifstream in(log);
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  fs::remove(log);
  EXPECT_EQ(first, "out");
  EXPECT_EQ(second, "err");

  const Captured captured = run_and_capture({"/bin/echo", "a path with spaces"}, std::nullopt);
  EXPECT_TRUE(captured.run.succeeded());
  EXPECT_EQ(captured.out, "a path with spaces\n");
}

TEST(Table, WidthCountsUtf8CharactersOnce) {
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("a—b"), 3u);
}

}  // namespace
}  // namespace hpc::lab
