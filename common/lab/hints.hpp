// Hint ladders (DESIGN.md §8 rule 1): each lab's labs/NN-topic/HINTS.md gives every task of the lab a
// ladder of rungs — a nudge (where to look), the idea, and last a near-code rung. `lab hint` shows one
// rung at a time and records in the build tree how many rungs of each task the student has opened.
//
// HINTS.md format: each "## " heading starts a task's ladder. "## Task 3 — title" is task "3";
// "## Ungraded — title" is task "ungraded" (the label before the dash, lower case, spaces as '-').
// The numbered items under the heading are the rungs, in order; continuation lines are indented, as in
// any Markdown list. Prose that is not a numbered item (an introduction, a note) is not a rung.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "labs.hpp"

namespace hpc::lab {

// The text of the first "# " heading, or empty when there is none.
std::string markdown_title(const std::string& markdown);

// The items of the numbered list in a "## Hints" section, in order, each with the marker ("3. ")
// removed and continuation lines joined (their indentation removed, line breaks kept).
// nullopt when the text has no Hints section; an empty vector when the section has no numbered items.
// (LAB.md keeps a Hints section that only says how to ask for hints: it must have no numbered items.)
std::optional<std::vector<std::string>> parse_hints(const std::string& markdown);

struct TaskLadder {
  std::string key;    // what the student types: "3", "ungraded"
  std::string label;  // "Task 3", "Ungraded"
  std::string title;  // the heading after the dash: "`BoundedQueue<T>` with `close()`"
  std::vector<std::string> rungs;
};

struct HintLadders {
  std::vector<TaskLadder> tasks;
  std::vector<std::string> problems;  // a task without rungs, two tasks with one key, ...
};

HintLadders parse_hint_ladders(const std::string& markdown);

// The tasks a lab sheet names: the keys of its "### Task N — ..." headings (and of other "### Label —
// title" headings in its "## Tasks" section, such as "### Ungraded — ..."), in order. The ladders of a
// lab must cover exactly these.
std::vector<std::string> lab_sheet_task_keys(const std::string& lab_md);

// "1", "Task 1", "task-1" or a part of the title that only one task has ("pipeline", "threadpool"),
// case-insensitive. On failure, `error` says why and names the valid tasks.
const TaskLadder* find_task(const HintLadders& ladders, const std::string& argument, std::string& error);

// "nudge", "idea", "near code": what rung k (1-based) of a ladder of n rungs is.
std::string rung_kind(int k, int n);

// ---- the record of opened rungs: <build>/results/labNN-hints.json ----------------------------------

std::filesystem::path hints_file(const Lab& lab);  // labs/NN-topic/HINTS.md
std::filesystem::path hints_record(const Trees& trees, const Lab& lab);

using OpenedRungs = std::map<std::string, int>;  // task key -> rungs opened (0 when absent)

// What was recorded; empty when nothing was (or the record is unreadable: `warning` then says so).
OpenedRungs load_opened_rungs(const std::filesystem::path& record, std::string* warning = nullptr);
// Writes the record in one step (a temporary file renamed over it). False when it cannot be written.
bool save_opened_rungs(const std::filesystem::path& record, const std::string& lab_number,
                       const OpenedRungs& opened);

// For `lab grade --json` (instructors who want it): per task of the lab's ladders, the rungs it has and
// how many were opened, and the sums:
//   {"tasks": {"1": {"rungs": 3, "opened": 2}, ...}, "rungs_opened": 2, "rungs_total": 27}
// A lab without a hints file gives the recorded counts with "rungs_total": 0.
nlohmann::json hints_opened_json(const Trees& trees, const Lab& lab);

// ---- `lab hint [NN [TASK [RUNG]]] [--all]` ----------------------------------------------------------

struct HintRequest {
  std::string lab;   // empty: name the valid labs
  std::string task;  // empty: list the tasks, their rungs and how many are opened
  std::string rung;  // empty: the next rung not opened yet
  bool all = false;  // every rung opened so far (opens nothing new)
};

// Exit status: 0 when something was shown; 1 when the lab has no (valid) hints file or the record
// cannot be written; 2 for a usage error (no or unknown lab, unknown task, a rung out of range or not
// reachable yet).
int hint_command(const Trees& trees, const std::vector<Lab>& labs, const HintRequest& request,
                 std::ostream& out, std::ostream& err);

}  // namespace hpc::lab
