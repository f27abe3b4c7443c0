// Task 3's timed workload, shared by the pool's speed tests and its stretch tier so that both measure the
// same work: seed 004 hashes passwords many rounds; here FNV-1a over the input, 40000 rounds (a few ms).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hpc/processes/process_pool.hpp"

namespace hpc::processes::testing {

inline std::string hash_rounds(std::string_view input) {
  std::uint64_t h = 1469598103934665603ull;
  for (int round = 0; round < 40000; ++round) {
    for (const char c : input) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h ^= static_cast<std::uint64_t>(round);
  }
  return std::to_string(h);
}

// n distinct inputs ("passwords").
inline std::vector<std::string> words(int n) {
  std::vector<std::string> v;
  for (int i = 0; i < n; ++i) v.push_back("password-" + std::to_string(i * 7919));
  return v;
}

// A map's answers as text: the value, or "error: <what>" for an input that failed.
inline std::vector<std::string> answers_of(const std::vector<TaskResult>& results) {
  std::vector<std::string> v;
  for (const auto& r : results) v.push_back(r.ok() ? *r.value : "error: " + r.error);
  return v;
}

}  // namespace hpc::processes::testing
