// The integrity check of a grade run (issue 17): a lab's test program runs the student's code, which must
// not write into the course. Before the run we snapshot the course's own files — everything under labs/,
// solutions/, common/, chapters/ and docs/, the files directly in the repository root and the names of
// its folders — and after the run we report what was created, changed or deleted. Build folders
// (build*/) and .git/ are not part of the course and are left out; so are editors' temporary files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace hpc::lab {

struct FileState {
  bool directory = false;
  std::uintmax_t size = 0;
  std::int64_t mtime_ns = 0;
  bool hashed = false;  // small files carry a content hash, so a rewrite with the same size is seen
  std::uint64_t hash = 0;
  bool operator==(const FileState&) const = default;
};

// Relative path ("labs/06-threads/LAB.md"; folders end in '/') -> state.
using TreeSnapshot = std::map<std::string, FileState>;

// Files up to this size are hashed; bigger ones are compared by size and modification time only.
inline constexpr std::uintmax_t integrity_hash_limit = 1 << 20;

TreeSnapshot snapshot_course(const std::filesystem::path& source_root);

// True for names the check ignores: editors' swap and backup files ("*.swp", "*~", ".#x", "#x#").
bool is_editor_temporary(const std::string& file_name);

struct IntegrityReport {
  std::vector<std::string> created, changed, deleted;  // relative paths, sorted
  bool ok() const { return created.empty() && changed.empty() && deleted.empty(); }
  // "Integrity: ok" or "Integrity: FAILED — the run created labs/x, changed ..., deleted ..."
  std::string line(std::size_t max_names = 8) const;
  // {"ok": true, "created": [], "changed": [], "deleted": []}
  nlohmann::json to_json() const;
  void merge(const IntegrityReport& other);  // for a run over several labs
};

IntegrityReport compare_snapshots(const TreeSnapshot& before, const TreeSnapshot& after);

}  // namespace hpc::lab
