#include "digest.hpp"

#include <cstdio>
#include <fstream>

namespace hpc::lab {

void Digest::add(std::string_view bytes) {
  for (const char c : bytes) {
    state_ ^= static_cast<unsigned char>(c);
    state_ *= 0x100000001b3ULL;  // the FNV-1a 64-bit prime
  }
}

bool Digest::add_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    add(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
  }
  return !in.bad();
}

std::string Digest::hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(state_));
  return text;
}

std::optional<std::uint64_t> file_digest(const std::filesystem::path& path) {
  Digest digest;
  if (!digest.add_file(path)) return std::nullopt;
  return digest.value();
}

}  // namespace hpc::lab
