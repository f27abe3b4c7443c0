// A 64-bit content fingerprint (FNV-1a) for noticing that files changed: the integrity check's small
// files and the hash of a lab's sources that keeps the best results. Not a cryptographic hash: it guards
// against accidents (a run that rewrites a file, a save between two runs), not against a forger.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string_view>

namespace hpc::lab {

class Digest {
 public:
  void add(std::string_view bytes);
  // Adds the file's bytes; false (and nothing added) when it cannot be read.
  bool add_file(const std::filesystem::path& path);
  std::uint64_t value() const { return state_; }
  std::string hex() const;  // 16 lower-case hex digits

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;  // the FNV-1a 64-bit offset basis
};

std::optional<std::uint64_t> file_digest(const std::filesystem::path& path);

}  // namespace hpc::lab
