// joblib.Memory in miniature: results stored as files in a folder, so they survive the program. A
// damaged or unusable cache must never crash the program or return a wrong value: it is reported and the
// value is computed again.
// Lab task 8 (labs/02-data-structures/src/disk_cache.cpp).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iostream>
#include <ostream>
#include <string>
#include <string_view>

namespace hpc::datastructures {

class DiskCache {
 public:
  // Uses `dir`, creating it (and its parents) when missing. When it cannot be created, or is not a
  // folder, writes one warning line naming the folder to `warnings` and carries on without caching.
  explicit DiskCache(std::filesystem::path dir, std::ostream& warnings = std::cerr);

  // The value stored for (function_name, key) if a valid entry exists (a hit: compute is not called);
  // otherwise compute(), whose result is stored and returned (a miss). An entry file that cannot be
  // read back exactly as written (truncated, altered, garbage) is reported on `warnings` with its path
  // and treated as a miss; a failure to write is reported the same way. Values are arbitrary bytes.
  std::string cached(std::string_view function_name, std::string_view key,
                     const std::function<std::string()>& compute);

  // The file that holds the entry for (function_name, key): a file directly inside the cache folder,
  // whose name depends only on the two strings, so any instance on the same folder finds it.
  std::filesystem::path entry_path(std::string_view function_name, std::string_view key) const;

  // Removes every entry file in the folder and returns how many were removed.
  std::size_t clear();

  std::size_t hits() const;  // counted by this instance only
  std::size_t misses() const;

 private:
  std::filesystem::path dir_;
  std::ostream* warnings_;
  bool usable_ = false;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

}  // namespace hpc::datastructures
