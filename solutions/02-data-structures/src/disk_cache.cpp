// Reference solution, lab 02 task 8: one file per entry, written to a temporary name and renamed into
// place, and checked on every read (magic, lengths, stored key, checksum).
//
// Entry file layout (integers as 8 little-endian bytes):
//   "HPCDC\x01\n\0"  key length  value length  key bytes  value bytes  FNV-1a 64 of key and value
// where "key" is function_name, a zero byte, then the caller's key.
#include "hpc/datastructures/disk_cache.hpp"

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <system_error>
#include <utility>

namespace hpc::datastructures {

namespace {

constexpr std::string_view kMagic{"HPCDC\x01\n\0", 8};
constexpr std::string_view kExtension = ".entry";

std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ULL) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string full_key(std::string_view function_name, std::string_view key) {
  std::string full(function_name);
  full.push_back('\0');
  full.append(key);
  return full;
}

void append_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::optional<std::uint64_t> read_u64(std::string_view bytes, std::size_t& at) {
  if (bytes.size() - at < 8) return std::nullopt;
  std::uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
  }
  at += 8;
  return value;
}

enum class Parsed { kValue, kOtherKey, kCorrupt };

// Checks one entry file's bytes; on kValue, `value` holds the stored value.
Parsed parse_entry(std::string_view bytes, std::string_view expected_key, std::string& value) {
  if (bytes.substr(0, kMagic.size()) != kMagic) return Parsed::kCorrupt;
  std::size_t at = kMagic.size();
  const auto key_length = read_u64(bytes, at);
  const auto value_length = read_u64(bytes, at);
  if (!key_length || !value_length) return Parsed::kCorrupt;
  const std::size_t rest = bytes.size() - at;
  if (*key_length > rest || *value_length > rest - *key_length || rest - *key_length - *value_length != 8) {
    return Parsed::kCorrupt;
  }
  const std::string_view key = bytes.substr(at, *key_length);
  const std::string_view stored = bytes.substr(at + *key_length, *value_length);
  at += *key_length + *value_length;
  const auto checksum = read_u64(bytes, at);
  if (!checksum || *checksum != fnv1a(stored, fnv1a(key))) return Parsed::kCorrupt;
  if (key != expected_key) return Parsed::kOtherKey;  // a hash collision of the file names
  value.assign(stored);
  return Parsed::kValue;
}

}  // namespace

DiskCache::DiskCache(std::filesystem::path dir, std::ostream& warnings)
    : dir_(std::move(dir)), warnings_(&warnings) {
  std::error_code error;
  std::filesystem::create_directories(dir_, error);
  if (!error && std::filesystem::is_directory(dir_, error)) {
    usable_ = true;
  } else {
    *warnings_ << "warning: DiskCache cannot use the folder " << dir_ << " ("
               << (error ? error.message() : std::string("not a folder")) << "); values will not be cached\n";
  }
}

std::string DiskCache::cached(std::string_view function_name, std::string_view key,
                              const std::function<std::string()>& compute) {
  const std::string wanted = full_key(function_name, key);
  const std::filesystem::path path = entry_path(function_name, key);
  if (usable_) {
    std::error_code error;
    if (std::filesystem::exists(path, error)) {
      std::ifstream in(path, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::string value;
      const Parsed parsed = in.bad() ? Parsed::kCorrupt : parse_entry(bytes, wanted, value);
      if (parsed == Parsed::kValue) {
        ++hits_;
        return value;
      }
      if (parsed == Parsed::kCorrupt) {
        *warnings_ << "warning: DiskCache ignores the damaged entry " << path << " and recomputes it\n";
      }
    }
  }

  ++misses_;
  std::string value = compute();
  if (!usable_) return value;

  std::string bytes(kMagic);
  append_u64(bytes, wanted.size());
  append_u64(bytes, value.size());
  bytes += wanted;
  bytes += value;
  append_u64(bytes, fnv1a(value, fnv1a(wanted)));
  // Write under a temporary name and rename: a crash mid-write never leaves a half entry in place.
  std::filesystem::path temporary = path;
  temporary += ".tmp";
  std::error_code error;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) error = std::make_error_code(std::errc::io_error);
  }
  if (!error) std::filesystem::rename(temporary, path, error);
  if (error) {
    *warnings_ << "warning: DiskCache could not write " << path << " (" << error.message() << ")\n";
    std::filesystem::remove(temporary, error);
  }
  return value;
}

std::filesystem::path DiskCache::entry_path(std::string_view function_name, std::string_view key) const {
  std::array<char, 17> hex{};
  const std::uint64_t hash = fnv1a(full_key(function_name, key));
  for (int i = 0; i < 16; ++i)
    hex[static_cast<std::size_t>(i)] = "0123456789abcdef"[(hash >> (60 - 4 * i)) & 0xF];
  return dir_ / (std::string(hex.data(), 16) + std::string(kExtension));
}

std::size_t DiskCache::clear() {
  if (!usable_) return 0;
  std::size_t removed = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, error)) {
    if (entry.path().extension() == kExtension && std::filesystem::remove(entry.path(), error)) ++removed;
  }
  return removed;
}

std::size_t DiskCache::hits() const { return hits_; }

std::size_t DiskCache::misses() const { return misses_; }

}  // namespace hpc::datastructures
