#include "status.hpp"

#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "table.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

namespace {

std::string file_time(const fs::path& path) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) return "";
  std::tm local{};
  localtime_r(&info.st_mtime, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

}  // namespace

StoredResult load_stored_result(const Trees& trees, const Lab& lab) {
  StoredResult stored;
  const fs::path path = trees.results_json(lab);
  std::ifstream in(path);
  if (!in) return stored;
  try {
    stored.result = hpc::common::lab_result_from_json(nlohmann::json::parse(in));
    stored.graded_at = file_time(path);
  } catch (const nlohmann::json::exception& error) {
    stored.error = path.string() + " is unreadable (" + error.what() + ")";
  }
  stored.best = load_best(best_file(trees, lab));
  if (stored.best && stored.result && stored.best->result.lab != stored.result->lab) stored.best.reset();
  if (stored.best) stored.code_changed = stored.best->source_hash != lab_source_hash(lab);
  return stored;
}

bool is_done(const hpc::common::LabResult& result) {
  return result.points_earned() > 0 &&
         result.points_earned() + result.points_skipped() == result.points_total();
}

std::string progress_text(const StoredResult& stored, const Lab& lab) {
  if (!stored.shown()) return "not graded yet — run: lab grade " + lab.number;
  const auto& result = *stored.shown();
  std::string text = std::to_string(result.points_earned()) + " / " + std::to_string(result.points_total());
  if (result.bonus_total() > 0) {
    text += ", bonus " + std::to_string(result.bonus_earned()) + " / " + std::to_string(result.bonus_total());
  }
  if (stored.code_changed) return text + " (code changed since)";
  return is_done(result) ? text + " done" : text;
}

int status_command(const Trees& trees, const std::vector<Lab>& labs) {
  TextTable table({"Lab", "Topic", "Best points", "Bonus", "Last run", "Done", "Graded"});
  table.right_align(2);
  table.right_align(3);
  table.right_align(4);
  int done = 0;
  bool any_changed = false;
  for (const Lab& lab : labs) {
    const StoredResult stored = load_stored_result(trees, lab);
    if (!stored.error.empty()) std::cerr << "lab: " << stored.error << "\n";
    if (!stored.shown()) {
      table.add_row({lab.number, lab.topic, "", "", "", "", "not graded yet — run: lab grade " + lab.number});
      continue;
    }
    const auto& best = *stored.shown();
    std::string done_text = is_done(best) ? "yes" : "no";
    if (is_done(best) && best.points_skipped() > 0) {
      done_text += " (" + std::to_string(best.points_skipped()) + " points skipped here)";
    }
    if (stored.code_changed) {
      done_text += " (code changed since: grade again)";
      any_changed = true;
    }
    done += is_done(best) && !stored.code_changed ? 1 : 0;
    const std::string last = stored.result ? std::to_string(stored.result->points_earned()) + " / " +
                                                 std::to_string(stored.result->points_total())
                                           : "";
    table.add_row({lab.number, lab.topic,
                   std::to_string(best.points_earned()) + " / " + std::to_string(best.points_total()),
                   best.bonus_total() > 0
                       ? std::to_string(best.bonus_earned()) + " / " + std::to_string(best.bonus_total())
                       : "-",
                   last, done_text, stored.graded_at});
  }
  table.print(std::cout);
  std::cout << "\n"
            << done << " of " << labs.size() << " labs done. Best points: each test's best result over "
            << "the grade runs of the same code (a change to the lab's sources starts over).\n";
  if (any_changed)
    std::cout << "Labs whose code changed since they were graded show the last grade's points.\n";
  std::cout << "Results are read from " << trees.results_dir().string() << "\n";
  return 0;
}

}  // namespace hpc::lab
