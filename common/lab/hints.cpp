#include "hints.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace hpc::lab {

namespace {

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // sheets edited on Windows
    lines.push_back(line);
  }
  return lines;
}

bool is_fence(const std::string& line) {
  const auto first = line.find_first_not_of(' ');
  return first != std::string::npos &&
         (line.compare(first, 3, "```") == 0 || line.compare(first, 3, "~~~") == 0);
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

// "# x" to "###### x": a Markdown heading of any level.
bool is_heading(const std::string& line) {
  const std::size_t hashes = line.find_first_not_of('#');
  return hashes >= 1 && hashes <= 6 && hashes != std::string::npos && is_space(line[hashes]);
}

// "## Hints", "## hints (read when stuck)" — but not "## Hintsheet".
bool is_hints_heading(const std::string& line) {
  if (line.rfind("##", 0) != 0 || line.size() < 3 || !is_space(line[2])) return false;
  const std::size_t start = line.find_first_not_of(" \t", 2);
  if (start == std::string::npos || line.size() < start + 5) return false;
  std::string word = line.substr(start, 5);
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool word_ends =
      line.size() == start + 5 || !std::isalnum(static_cast<unsigned char>(line[start + 5]));
  return word == "hints" && word_ends;
}

// "12. text" or "12) text": the column where the item's text starts, or npos when it is not an item.
std::size_t item_text_column(const std::string& line) {
  const std::size_t digits = line.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string::npos || (line[digits] != '.' && line[digits] != ')')) {
    return std::string::npos;
  }
  if (digits + 1 >= line.size() || !is_space(line[digits + 1])) return std::string::npos;
  return line.find_first_not_of(" \t", digits + 1);
}

std::string trim_trailing_blank_lines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

// The numbered items from lines[begin] up to the next heading: each item's text with its marker ("3. ")
// removed and its continuation lines joined (their indentation removed, line breaks kept). Unindented
// prose between or after the items belongs to no item.
std::vector<std::string> numbered_items(const std::vector<std::string>& lines, std::size_t begin) {
  std::vector<std::string> items;
  bool in_item = false;
  bool in_code = false;
  std::size_t indent = 0;      // width of "1. ": continuation lines lose this much indentation
  std::string pending_blanks;  // blank lines inside an item, kept only if the item goes on
  for (std::size_t i = begin; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (!in_code && is_heading(line)) break;  // the next section ends the list
    if (const std::size_t column = item_text_column(line); !in_code && column != std::string::npos) {
      items.push_back(line.substr(column));
      in_item = true;
      indent = column;
      pending_blanks.clear();
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (in_item) pending_blanks += "\n";
      continue;
    }
    const bool indented = line[0] == ' ' || line[0] == '\t';
    if (in_item && (indented || in_code)) {
      const std::size_t strip = std::min(indent, line.find_first_not_of(" \t"));
      items.back() += "\n" + pending_blanks + line.substr(strip);
      pending_blanks.clear();
      if (is_fence(line)) in_code = !in_code;
      continue;
    }
    // Unindented prose (or a code block of its own) belongs to the section, not to any item.
    in_item = false;
    if (is_fence(line)) in_code = !in_code;
  }
  for (std::string& item : items) item = trim_trailing_blank_lines(item);
  return items;
}

}  // namespace

std::string markdown_title(const std::string& markdown) {
  bool in_code = false;
  for (const std::string& line : split_lines(markdown)) {
    if (is_fence(line)) in_code = !in_code;
    if (!in_code && line.rfind("# ", 0) == 0) {
      const auto start = line.find_first_not_of(' ', 2);
      return start == std::string::npos ? "" : line.substr(start);
    }
  }
  return "";
}

std::optional<std::vector<std::string>> parse_hints(const std::string& markdown) {
  const std::vector<std::string> lines = split_lines(markdown);
  bool in_code = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_fence(lines[i])) in_code = !in_code;
    if (!in_code && is_hints_heading(lines[i])) return numbered_items(lines, i + 1);
  }
  return std::nullopt;
}

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Letters and digits only, lower case: "`ThreadPool`" and "thread pool" both become "threadpool".
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The level (number of '#') and the text of a heading line; level 0 when the line is no heading.
std::pair<int, std::string> heading_of(const std::string& line) {
  if (!is_heading(line)) return {0, ""};
  const std::size_t hashes = line.find_first_not_of('#');
  std::string text = trim(line.substr(hashes));
  while (!text.empty() && text.back() == '#') text.pop_back();  // "## Title ##" closing hashes
  return {static_cast<int>(hashes), trim(text)};
}

// "Task 3 — title": the label before the dash (an em or en dash, or " - ") and the title after it.
// found is false when the heading has no such dash; the label is then the whole heading.
struct LabelAndTitle {
  std::string label;
  std::string title;
  bool found = false;
};

LabelAndTitle split_heading(const std::string& text) {
  for (const char* dash : {" \u2014 ", " \u2013 ", " - "}) {
    if (const std::size_t at = text.find(dash); at != std::string::npos) {
      return {trim(text.substr(0, at)), trim(text.substr(at + std::string(dash).size())), true};
    }
  }
  return {text, "", false};
}

// "Task 3" -> "3", "Ungraded" -> "ungraded", "Stretch task" -> "stretch-task".
std::string key_of_label(const std::string& label) {
  std::string key = lower(trim(label));
  if (key.rfind("task", 0) == 0 && key.size() > 4 && (key[4] == ' ' || key[4] == '-' || key[4] == '_')) {
    key = trim(key.substr(5));
  }
  for (char& c : key) {
    if (c == ' ' || c == '\t') c = '-';
  }
  return key;
}

bool starts_with_task(const std::string& label) { return lower(label).rfind("task ", 0) == 0; }

std::string without_points(std::string title) {
  // "`evolve_fast` (13 points)" -> "`evolve_fast`": the sheet's points do not belong in the hints.
  const std::size_t open = title.rfind(" (");
  if (open != std::string::npos && title.back() == ')' && title.find("point", open) != std::string::npos) {
    title.erase(open);
  }
  return title;
}

}  // namespace

HintLadders parse_hint_ladders(const std::string& markdown) {
  const std::vector<std::string> lines = split_lines(markdown);
  HintLadders ladders;
  bool in_code = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (is_fence(lines[i])) in_code = !in_code;
    const auto [level, text] = heading_of(lines[i]);
    if (in_code || level != 2) continue;
    const LabelAndTitle heading = split_heading(text);
    TaskLadder task{key_of_label(heading.label), heading.label, heading.title, numbered_items(lines, i + 1)};
    if (task.key.empty()) {
      ladders.problems.push_back("line " + std::to_string(i + 1) + ": the heading names no task");
      continue;
    }
    if (task.rungs.empty()) {
      ladders.problems.push_back("task " + task.key + " (line " + std::to_string(i + 1) +
                                 ") has no rungs: write them as a numbered list under its heading");
    }
    for (const TaskLadder& earlier : ladders.tasks) {
      if (earlier.key == task.key) {
        ladders.problems.push_back("task " + task.key + " has two ladders (line " + std::to_string(i + 1) +
                                   " repeats an earlier heading)");
      }
    }
    ladders.tasks.push_back(std::move(task));
  }
  if (ladders.tasks.empty())
    ladders.problems.push_back("no task ladders (no \"## Task N — title\" headings)");
  return ladders;
}

std::vector<std::string> lab_sheet_task_keys(const std::string& lab_md) {
  std::vector<std::string> keys;
  bool in_code = false;
  bool in_tasks = false;
  for (const std::string& line : split_lines(lab_md)) {
    if (is_fence(line)) in_code = !in_code;
    const auto [level, text] = heading_of(line);
    if (in_code || level == 0) continue;
    if (level <= 2) in_tasks = level == 2 && lower(text).rfind("tasks", 0) == 0;
    const LabelAndTitle heading = split_heading(text);
    const bool is_task = starts_with_task(heading.label) || (in_tasks && level == 3 && heading.found);
    if (level >= 2 && is_task) {
      const std::string key = key_of_label(heading.label);
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  return keys;
}

const TaskLadder* find_task(const HintLadders& ladders, const std::string& argument, std::string& error) {
  std::string wanted = key_of_label(argument);
  for (const TaskLadder& task : ladders.tasks) {
    if (task.key == wanted) return &task;
  }
  // Not a key: a word of one task's title ("pipeline", "pool"), if only one task has it.
  std::vector<const TaskLadder*> matches;
  const std::string word = squeeze(argument);
  if (word.size() >= 3) {
    for (const TaskLadder& task : ladders.tasks) {
      if (squeeze(task.title).find(word) != std::string::npos) matches.push_back(&task);
    }
  }
  if (matches.size() == 1) return matches.front();

  std::size_t width = 0;
  for (const TaskLadder& task : ladders.tasks) width = std::max(width, task.key.size());
  std::string choices;
  for (const TaskLadder& task : ladders.tasks) {
    const std::string padded = task.key + std::string(width - task.key.size(), ' ');
    std::string title = without_points(task.title);
    std::erase(title, '`');  // for the terminal: Markdown's code marks are noise there
    choices += "\n  " + padded + (title.empty() ? "" : "  " + title);
  }
  if (matches.size() > 1) {
    std::string which;
    for (const TaskLadder* task : matches) which += (which.empty() ? "" : ", ") + task->key;
    error =
        "'" + argument + "' matches several tasks (" + which + "); give the task's number. Tasks:" + choices;
  } else {
    error =
        "unknown task '" + argument + "'. Give the task's number or a word of its title. Tasks:" + choices;
  }
  return nullptr;
}

std::string rung_kind(int k, int n) {
  if (k <= 1) return "nudge";
  if (k == n && n >= 3) return "near code";
  return "idea";
}

}  // namespace hpc::lab
