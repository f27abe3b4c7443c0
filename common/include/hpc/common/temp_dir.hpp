// Files for tests and demos: a fresh temporary folder that removes itself, and whole-file reads.
// DESIGN.md §7: temporary files go to a temporary folder that the test removes.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <system_error>

namespace hpc::common {

// A fresh folder under the system's temporary directory, removed with everything in it at the end.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "hpc") {
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() /
            (prefix + "-" + std::to_string(seed()) + std::to_string(seed()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;  // a destructor must not throw; a leftover temp folder is harmless
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The whole file as bytes ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace hpc::common
