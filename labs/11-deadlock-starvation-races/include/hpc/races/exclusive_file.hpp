// Creating a file only if it does not exist, in one step: "check whether it exists, then create it" has
// a window between the check and the use (TOCTOU) in which another thread or process can create it too.
// Lab task 8 (labs/11-deadlock-starvation-races/src/exclusive_file.cpp).
#pragma once

#include <filesystem>
#include <string_view>

namespace hpc::races {

// Creates `path` and writes `contents` into it, only if nothing exists at `path` (one open() with
// O_CREAT | O_EXCL, mode 0644). Returns true when this call created the file, false when something was
// already there. Any other failure (a missing directory, no permission) throws std::system_error whose
// code() is the errno and whose what() contains the path.
bool create_exclusive(const std::filesystem::path& path, std::string_view contents);

}  // namespace hpc::races
