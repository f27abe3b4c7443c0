// The results of one lab's graded tests: what a test program writes (--hpc_results=FILE), what
// `lab grade --json` prints, and the score table both print. One format, one printer.
//
// JSON (the format instructors collect):
// {
//   "lab": "01", "topic": "profiling", "implementation": "student" | "reference" | "stubs",
//   "tests": [ { "name": "Evolve.BookReference", "points": 3, "status": "passed" | "failed" | "skipped",
//                "passed": true, "reason": "one line, empty when passed",
//                "stub_may_pass": "", "seconds": 0.01, "bonus": false,
//                "speed_ratio": 0, "speed_bar": 0 } ... ],
//   "points_earned": 3, "points_total": 20, "points_skipped": 0,
//   "bonus_earned": 0, "bonus_total": 0
// }
// Bonus tests (stretch tasks) count only in bonus_earned/bonus_total, never in the base score.
// speed_ratio/speed_bar: what a speed test measured and the bar it had to reach (0: not a speed test).
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace hpc::common {

struct TestResult {
  std::string name;            // "Suite.Name"
  int points = 0;
  std::string status;          // "passed", "failed" or "skipped"
  std::string reason;          // first failure (or the skip reason) on one line; empty when passed
  std::string stub_may_pass;   // non-empty: the declared reason this test may pass on the stubs
  double seconds = 0;
  bool bonus = false;          // a stretch task: counted apart from the base score
  double speed_ratio = 0;      // a speed test's measured median ratio (0: none measured)
  double speed_bar = 0;        // the ratio it had to reach (0: not a speed test)
  bool passed() const { return status == "passed"; }
};

struct LabResult {
  std::string lab;             // "01"
  std::string topic;           // "profiling"
  std::string implementation;  // "student", "reference" or "stubs"
  std::vector<TestResult> tests;

  int points_earned() const;   // base tests only
  int points_total() const;    // all base points, skipped ones included
  int points_skipped() const;
  int bonus_earned() const;    // stretch tasks
  int bonus_total() const;
};

nlohmann::json to_json(const LabResult& result);
LabResult lab_result_from_json(const nlohmann::json& json);   // throws nlohmann::json::exception

// Folds a multi-line assertion message into one line of at most max_chars characters.
std::string one_line(const std::string& text, std::size_t max_chars = 160);

// The per-lab score table: each test, its points, PASS/FAIL/SKIP, a speed test's measured ratio beside
// its bar ("4.67x (bar 2x)"), the one-line reason; bonus tests in a section of their own; then the base
// score and the bonus apart ("score: 38 / 50 points, bonus 2 / 6").
struct ScoreTableOptions {
  // Not empty: each failed or skipped test is followed by the command that reruns just it,
  // "<rerun_program> --gtest_filter=<name>".
  std::string rerun_program;
  std::string label;                         // after the heading, e.g. "ThreadSanitizer build"
  std::map<std::string, std::string> notes;  // test name -> one more line under it
};
void print_score_table(std::ostream& out, const LabResult& result, const ScoreTableOptions& options);
void print_score_table(std::ostream& out, const LabResult& result, const std::string& rerun_program = "");

// "4.67x (bar 2x)", "(bar 2x, no ratio measured)", or "" for a test that is not a speed test.
std::string speed_text(const TestResult& test);
// "38 / 50 points", then ", bonus 2 / 6" when the lab has bonus tests.
std::string score_text(const LabResult& result);

}  // namespace hpc::common
