// Lab 02, task 8 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/disk_cache.hpp"

#include <fstream>
#include <system_error>
#include <utility>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

DiskCache::DiskCache(std::filesystem::path dir, std::ostream& warnings)
    : dir_(std::move(dir)), warnings_(&warnings) {
  hpc::common::not_implemented();
}

std::string DiskCache::cached([[maybe_unused]] std::string_view function_name,
                              [[maybe_unused]] std::string_view key,
                              [[maybe_unused]] const std::function<std::string()>& compute) {
  hpc::common::not_implemented();
}

std::filesystem::path DiskCache::entry_path([[maybe_unused]] std::string_view function_name,
                                            [[maybe_unused]] std::string_view key) const {
  hpc::common::not_implemented();
}

std::size_t DiskCache::clear() { hpc::common::not_implemented(); }

std::size_t DiskCache::hits() const { hpc::common::not_implemented(); }

std::size_t DiskCache::misses() const { hpc::common::not_implemented(); }

}  // namespace hpc::datastructures
