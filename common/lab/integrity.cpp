#include "integrity.hpp"

#include <algorithm>
#include <array>

#include "digest.hpp"

namespace hpc::lab {

namespace fs = std::filesystem;

namespace {

// The course's own trees, checked in full. Other top-level folders (build trees, .git, an editor's
// .vscode or .cache) are only checked for existence if their name does not start with '.' or "build".
constexpr std::array<const char*, 5> course_trees = {"labs", "solutions", "common", "chapters", "docs"};

bool is_build_or_hidden(const std::string& name) {
  return name.rfind("build", 0) == 0 || name.front() == '.';
}

std::int64_t mtime_ns(const fs::directory_entry& entry) {
  std::error_code error;
  const auto time = entry.last_write_time(error);
  if (error) return 0;
  return std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
}

void record_file(TreeSnapshot& snapshot, const fs::directory_entry& entry, const std::string& relative) {
  FileState state;
  std::error_code error;
  state.size = entry.file_size(error);
  state.mtime_ns = mtime_ns(entry);
  if (!error && state.size <= integrity_hash_limit) {
    if (const auto hash = file_digest(entry.path())) {
      state.hashed = true;
      state.hash = *hash;
    }
  }
  snapshot[relative] = state;
}

void record_tree(TreeSnapshot& snapshot, const fs::path& root, const std::string& name) {
  snapshot[name + "/"] = FileState{true};
  std::error_code error;
  fs::recursive_directory_iterator it(root / name, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::directory_entry& entry = *it;
    if (is_editor_temporary(entry.path().filename().string())) continue;
    const std::string relative = entry.path().lexically_relative(root).generic_string();
    std::error_code type_error;
    if (entry.is_directory(type_error) && !entry.is_symlink(type_error)) {
      snapshot[relative + "/"] = FileState{true};
    } else {
      record_file(snapshot, entry, relative);
    }
  }
}

}  // namespace

bool is_editor_temporary(const std::string& name) {
  if (name.empty()) return false;
  const auto ends_with = [&](const char* suffix) {
    const std::string s(suffix);
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  return ends_with(".swp") || ends_with(".swo") || ends_with(".swx") || name.back() == '~' ||
         name.rfind(".#", 0) == 0 || (name.size() > 1 && name.front() == '#' && name.back() == '#') ||
         name == "4913";  // vim's probe file when it checks that a folder is writable
}

TreeSnapshot snapshot_course(const fs::path& root) {
  TreeSnapshot snapshot;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root, error)) {
    const std::string name = entry.path().filename().string();
    std::error_code type_error;
    if (entry.is_directory(type_error)) {
      const bool course_tree = std::find_if(course_trees.begin(), course_trees.end(), [&](const char* tree) {
                                 return name == tree;
                               }) != course_trees.end();
      if (course_tree) {
        record_tree(snapshot, root, name);
      } else if (!is_build_or_hidden(name)) {
        snapshot[name + "/"] = FileState{true};  // a new top-level folder is reported, its inside is not
      }
    } else if (!is_editor_temporary(name)) {
      record_file(snapshot, entry, name);
    }
  }
  return snapshot;
}

IntegrityReport compare_snapshots(const TreeSnapshot& before, const TreeSnapshot& after) {
  IntegrityReport report;
  for (const auto& [path, state] : before) {
    const auto it = after.find(path);
    if (it == after.end()) {
      report.deleted.push_back(path);
    } else if (!state.directory && !(it->second == state)) {
      report.changed.push_back(path);  // a folder's own time changes with its contents: not compared
    }
  }
  for (const auto& [path, state] : after) {
    if (before.count(path) == 0) report.created.push_back(path);
  }
  return report;  // std::map iterates in order, so each list is sorted
}

std::string IntegrityReport::line(std::size_t max_names) const {
  if (ok()) return "Integrity: ok (the run changed no file of the course)";
  std::string text = "Integrity: FAILED — the run";
  bool first = true;
  const auto part = [&](const char* verb, const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    text += first ? " " : "; ";
    first = false;
    text += verb;
    for (std::size_t i = 0; i < paths.size() && i < max_names; ++i) text += (i ? ", " : " ") + paths[i];
    if (paths.size() > max_names) text += " and " + std::to_string(paths.size() - max_names) + " more";
  };
  part("created", created);
  part("changed", changed);
  part("deleted", deleted);
  return text;
}

nlohmann::json IntegrityReport::to_json() const {
  return {{"ok", ok()}, {"created", created}, {"changed", changed}, {"deleted", deleted}};
}

void IntegrityReport::merge(const IntegrityReport& other) {
  const auto add = [](std::vector<std::string>& into, const std::vector<std::string>& from) {
    into.insert(into.end(), from.begin(), from.end());
    std::sort(into.begin(), into.end());
    into.erase(std::unique(into.begin(), into.end()), into.end());
  };
  add(created, other.created);
  add(changed, other.changed);
  add(deleted, other.deleted);
}

}  // namespace hpc::lab
