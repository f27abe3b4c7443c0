#include "best.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <vector>

#include "digest.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

std::string lab_source_hash(const Lab& lab) {
  std::vector<fs::path> files;
  for (const char* folder : graded_source_folders) {
    std::error_code error;
    fs::recursive_directory_iterator it(lab.dir / folder, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::error_code type_error;
      if (it->is_regular_file(type_error)) files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  Digest digest;
  for (const fs::path& file : files) {
    // The name and a separator go in too, so moving text from one file to another changes the hash.
    digest.add(file.lexically_relative(lab.dir).generic_string());
    digest.add(std::string_view("\0", 1));
    if (!digest.add_file(file)) digest.add("<unreadable>");
    digest.add(std::string_view("\0", 1));
  }
  return digest.hex();
}

int status_rank(const std::string& status) {
  if (status == "passed") return 2;
  if (status == "skipped") return 1;
  return 0;
}

fs::path best_file(const Trees& trees, const Lab& lab) {
  return trees.results_dir() / ("lab" + lab.number + ".best.json");
}

std::optional<BestRecord> load_best(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    const nlohmann::json json = nlohmann::json::parse(in);
    BestRecord record;
    record.lab = json.at("lab").get<std::string>();
    record.source_hash = json.at("source_hash").get<std::string>();
    record.runs = json.value("runs", 1);
    record.result = hpc::common::lab_result_from_json(json.at("result"));
    return record;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // a damaged record is only a lost best: the next run starts a new one
  }
}

bool store_best(const fs::path& path, const BestRecord& record) {
  const nlohmann::json json = {{"lab", record.lab},
                               {"source_hash", record.source_hash},
                               {"runs", record.runs},
                               {"result", hpc::common::to_json(record.result)}};
  std::error_code error;
  fs::create_directories(path.parent_path(), error);
  const fs::path partial = path.string() + ".partial";
  {
    std::ofstream out(partial);
    out << json.dump(2) << "\n";
    if (!out) return false;
  }
  fs::rename(partial, path, error);  // in one step: `lab status` never reads half a file
  return !error;
}

namespace {

std::string ratio_text(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", ratio);
  return text;
}

std::string earlier_note(const TestResult& best) {
  std::string note = (best.status == "passed" ? "passed" : best.status) + " earlier on this code";
  if (best.speed_ratio > 0) note += " (" + ratio_text(best.speed_ratio) + ")";
  return note;
}

}  // namespace

MergedBest merge_best(const std::optional<BestRecord>& previous, const LabResult& current,
                      const std::string& source_hash) {
  MergedBest merged;
  merged.best.lab = current.lab;
  merged.best.source_hash = source_hash;
  merged.best.result = current;
  const bool same_code = previous && previous->source_hash == source_hash && previous->lab == current.lab;
  merged.best.runs = same_code ? previous->runs + 1 : 1;
  if (!same_code) return merged;
  for (TestResult& test : merged.best.result.tests) {
    const auto earlier = std::find_if(previous->result.tests.begin(), previous->result.tests.end(),
                                      [&](const TestResult& t) { return t.name == test.name; });
    if (earlier == previous->result.tests.end()) continue;
    if (status_rank(earlier->status) > status_rank(test.status)) {
      TestResult kept = *earlier;
      kept.points = test.points;  // the points and kind come from the current tests
      kept.bonus = test.bonus;
      merged.better_earlier[test.name] = earlier_note(kept);
      test = kept;
    }
  }
  return merged;
}

nlohmann::json best_summary_json(const MergedBest& merged) {
  nlohmann::json better = nlohmann::json::array();
  for (const auto& [name, note] : merged.better_earlier) better.push_back({{"name", name}, {"note", note}});
  const LabResult& best = merged.best.result;
  return {{"source_hash", merged.best.source_hash},
          {"runs_of_this_code", merged.best.runs},
          {"points_earned", best.points_earned()},
          {"bonus_earned", best.bonus_earned()},
          {"better_earlier", better}};
}

}  // namespace hpc::lab
