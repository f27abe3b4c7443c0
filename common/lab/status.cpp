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
  return stored;
}

bool is_done(const hpc::common::LabResult& result) {
  return result.points_earned() > 0 &&
         result.points_earned() + result.points_skipped() == result.points_total();
}

std::string progress_text(const StoredResult& stored, const Lab& lab) {
  if (!stored.result) return "not graded yet — run: lab grade " + lab.number;
  const auto& result = *stored.result;
  std::string text = std::to_string(result.points_earned()) + " / " + std::to_string(result.points_total());
  return is_done(result) ? text + " done" : text;
}

int status_command(const Trees& trees, const std::vector<Lab>& labs) {
  TextTable table({"Lab", "Topic", "Points", "Done", "Graded"});
  table.right_align(2);
  int done = 0;
  for (const Lab& lab : labs) {
    const StoredResult stored = load_stored_result(trees, lab);
    if (!stored.error.empty()) std::cerr << "lab: " << stored.error << "\n";
    if (!stored.result) {
      table.add_row({lab.number, lab.topic, "", "", "not graded yet — run: lab grade " + lab.number});
      continue;
    }
    const auto& result = *stored.result;
    std::string done_text = is_done(result) ? "yes" : "no";
    if (is_done(result) && result.points_skipped() > 0) {
      done_text += " (" + std::to_string(result.points_skipped()) + " points skipped here)";
    }
    done += is_done(result) ? 1 : 0;
    table.add_row({lab.number, lab.topic,
                   std::to_string(result.points_earned()) + " / " + std::to_string(result.points_total()),
                   done_text, stored.graded_at});
  }
  table.print(std::cout);
  std::cout << "\n"
            << done << " of " << labs.size() << " labs done. Results are read from "
            << trees.results_dir().string() << "\n";
  return 0;
}

}  // namespace hpc::lab
