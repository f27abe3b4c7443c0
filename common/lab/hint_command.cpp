// `lab hint`: shows a lab's hint ladders one rung at a time and records how far each was opened.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>

#include "hints.hpp"
#include "table.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

fs::path hints_file(const Lab& lab) { return lab.dir / "HINTS.md"; }

fs::path hints_record(const Trees& trees, const Lab& lab) {
  return trees.results_dir() / ("lab" + lab.number + "-hints.json");
}

OpenedRungs load_opened_rungs(const fs::path& record, std::string* warning) {
  OpenedRungs opened;
  std::ifstream in(record);
  if (!in) return opened;  // nothing opened yet
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    for (const auto& [task, count] : json.at("opened").items()) {
      if (count.is_number_integer() && count.get<int>() > 0) opened[task] = count.get<int>();
    }
  } catch (const nlohmann::json::exception& error) {
    if (warning) *warning = record.string() + " is unreadable (" + error.what() + "); counting from zero";
    opened.clear();
  }
  return opened;
}

bool save_opened_rungs(const fs::path& record, const std::string& lab_number, const OpenedRungs& opened) {
  std::error_code error;
  fs::create_directories(record.parent_path(), error);
  nlohmann::json json = {{"lab", lab_number}, {"opened", nlohmann::json::object()}};
  for (const auto& [task, count] : opened) json["opened"][task] = count;
  // Write aside and rename over the record: an interrupted write never leaves half a file behind.
  const fs::path temporary = record.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << json.dump(2) << "\n";
    if (!out.flush()) return false;
  }
  fs::rename(temporary, record, error);
  return !error;
}

namespace {

std::optional<HintLadders> read_ladders(const Lab& lab, std::string& problem) {
  std::ifstream in(hints_file(lab));
  if (!in) {
    problem = "lab " + lab.number + " has no hints file yet (" + hints_file(lab).string() + ")";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  HintLadders ladders = parse_hint_ladders(text.str());
  if (!ladders.problems.empty()) {
    problem = hints_file(lab).string() + " is malformed (a problem for the course's maintainers):";
    for (const std::string& p : ladders.problems) problem += "\n  " + p;
    return std::nullopt;
  }
  return ladders;
}

int opened_of(const OpenedRungs& opened, const TaskLadder& task) {
  const auto found = opened.find(task.key);
  const int count = found == opened.end() ? 0 : found->second;
  return std::clamp(count, 0, static_cast<int>(task.rungs.size()));
}

std::string plain(std::string text) {  // titles on a terminal: without Markdown's backticks
  std::erase(text, '`');
  return text;
}

std::string first_line(const std::string& text, std::size_t width) {
  std::string line = text.substr(0, text.find('\n'));
  if (line.size() > width) {
    line.resize(width);
    while (!line.empty() && (static_cast<unsigned char>(line.back()) & 0xC0) == 0x80) line.pop_back();
    if (!line.empty()) line.pop_back();  // the first byte of a cut UTF-8 character, or one ASCII one
    line += "…";
  }
  return line;
}

std::string task_name(const TaskLadder& task) {
  return task.label + (task.title.empty() ? "" : " — " + plain(task.title));
}

std::string command_for(const Lab& lab, const TaskLadder* task, const std::string& extra = "") {
  return "lab hint " + lab.number + (task ? " " + task->key : " TASK") + extra;
}

void print_rung(std::ostream& out, const TaskLadder& task, int k) {
  const int n = static_cast<int>(task.rungs.size());
  out << "Rung " << k << " of " << n << " (" << rung_kind(k, n) << "):\n\n"
      << task.rungs[static_cast<std::size_t>(k - 1)] << "\n";
}

int list_tasks(std::ostream& out, const Lab& lab, const HintLadders& ladders, const OpenedRungs& opened,
               const fs::path& record) {
  out << "Lab " << lab.number << " (" << lab.topic << "): one hint ladder per task.\n\n";
  TextTable table({"task", "rungs", "opened", "title"});
  table.right_align(1);
  table.right_align(2);
  for (const TaskLadder& task : ladders.tasks) {
    table.add_row({task.key, std::to_string(task.rungs.size()), std::to_string(opened_of(opened, task)),
                   plain(task.title)});
  }
  table.print(out);
  const TaskLadder& first = ladders.tasks.front();
  out << "\nOpen the next rung of a task: " << command_for(lab, nullptr) << " (the task's number, or a word "
      << "of its title), e.g. " << command_for(lab, &first) << ".\n"
      << "Each ladder goes from a nudge (where to look) to the idea to near code: try each rung before "
         "you open the next.\n"
      << "Opened rungs are recorded in " << record.string() << " (lab grade --json reports them).\n";
  return 0;
}

int show_opened(std::ostream& out, const Lab& lab, const TaskLadder& task, int opened) {
  const int n = static_cast<int>(task.rungs.size());
  out << "Lab " << lab.number << ", " << task_name(task) << ": ";
  if (opened == 0) {
    out << "no rung opened yet. The first: " << command_for(lab, &task) << "\n";
    return 0;
  }
  out << (opened == n ? "all " + std::to_string(n) + " rungs"
                      : std::to_string(opened) + " of " + std::to_string(n) + " rungs")
      << " opened.\n";
  for (int k = 1; k <= opened; ++k) {
    out << "\n";
    print_rung(out, task, k);
  }
  if (opened < n)
    out << "\nNext rung (" << rung_kind(opened + 1, n) << "): " << command_for(lab, &task) << "\n";
  return 0;
}

// Parses the rung the student asked for; 0 with `error` set when it is not a number from 1 to n.
int parse_rung(const std::string& text, const Lab& lab, const TaskLadder& task, std::string& error) {
  const int n = static_cast<int>(task.rungs.size());
  int k = 0;
  const bool digits = !text.empty() && text.size() <= 3 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits) k = std::stoi(text);
  if (k < 1 || k > n) {
    error = "lab " + lab.number + ", " + task.label + " has " + std::to_string(n) + " rungs; give a rung " +
            "from 1 to " + std::to_string(n) + " (you gave '" + text + "'), or none for the next one";
    return 0;
  }
  return k;
}

}  // namespace

nlohmann::json hints_opened_json(const Trees& trees, const Lab& lab) {
  const OpenedRungs opened = load_opened_rungs(hints_record(trees, lab));
  nlohmann::json json = {{"tasks", nlohmann::json::object()}, {"rungs_opened", 0}, {"rungs_total", 0}};
  std::string problem;
  const auto ladders = read_ladders(lab, problem);
  int total = 0;
  int sum = 0;
  if (ladders) {
    for (const TaskLadder& task : ladders->tasks) {
      const int count = opened_of(opened, task);
      json["tasks"][task.key] = {{"rungs", task.rungs.size()}, {"opened", count}};
      total += static_cast<int>(task.rungs.size());
      sum += count;
    }
  } else {
    for (const auto& [task, count] : opened) {
      json["tasks"][task] = {{"opened", count}};
      sum += count;
    }
  }
  json["rungs_opened"] = sum;
  json["rungs_total"] = total;
  return json;
}

int hint_command(const Trees& trees, const std::vector<Lab>& labs, const HintRequest& request,
                 std::ostream& out, std::ostream& err) {
  constexpr int usage_error = 2;
  if (request.lab.empty()) {
    err << "lab hint: name a lab: lab hint NN [TASK [RUNG]]. Labs: " << valid_lab_choices(labs) << "\n";
    return usage_error;
  }
  const LabLookup lookup = lookup_lab(labs, request.lab);
  if (!lookup.lab) {
    err << "lab hint: " << lookup.error << "\n";
    return usage_error;
  }
  const Lab& lab = *lookup.lab;
  std::string problem;
  const auto ladders = read_ladders(lab, problem);
  if (!ladders) {
    err << "lab hint: " << problem << "\n";
    return 1;
  }
  const fs::path record = hints_record(trees, lab);
  std::string warning;
  OpenedRungs opened = load_opened_rungs(record, &warning);
  if (!warning.empty()) err << "lab hint: warning: " << warning << "\n";

  if (request.task.empty()) return list_tasks(out, lab, *ladders, opened, record);
  std::string error;
  const TaskLadder* task = find_task(*ladders, request.task, error);
  if (!task) {
    err << "lab hint: lab " << lab.number << ": " << error << "\n";
    return usage_error;
  }
  const int n = static_cast<int>(task->rungs.size());
  const int already = opened_of(opened, *task);
  if (request.all) return show_opened(out, lab, *task, already);

  int k = already + 1;
  if (!request.rung.empty()) {
    k = parse_rung(request.rung, lab, *task, error);
    if (k == 0) {
      err << "lab hint: " << error << "\n";
      return usage_error;
    }
    if (k > already + 1) {
      err << "lab hint: rung " << k << " of " << task->label << " is not open yet: the rungs open in order, "
          << "and you have opened " << already << " of " << n << ". Next: " << command_for(lab, task) << "\n";
      return usage_error;
    }
  } else if (already == n) {
    return show_opened(out, lab, *task, already);  // nothing left to open: the whole ladder again
  }

  if (k > already) {
    opened[task->key] = k;
    if (!save_opened_rungs(record, lab.number, opened)) {
      err << "lab hint: warning: could not record the opened rung in " << record.string() << "\n";
    }
  }
  out << "Lab " << lab.number << ", " << task_name(*task) << "\n\n";
  print_rung(out, *task, k);
  out << "\n";
  for (int earlier = 1; earlier < k; ++earlier) {
    out << "  rung " << earlier << " (" << rung_kind(earlier, n)
        << "): " << first_line(task->rungs[static_cast<std::size_t>(earlier - 1)], 80) << "\n";
  }
  if (k > 1) out << "  (the opened rungs in full: " << command_for(lab, task, " --all") << ")\n";
  const int now_open = std::max(k, already);
  if (now_open < n) {
    out << "Next rung (" << rung_kind(now_open + 1, n) << "): " << command_for(lab, task) << "\n";
  } else {
    out << "All " << n << " rungs of " << task->label << " are open.\n";
  }
  return 0;
}

}  // namespace hpc::lab
