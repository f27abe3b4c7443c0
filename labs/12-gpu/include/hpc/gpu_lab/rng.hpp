#pragma once
// A counter-based random generator for kernels (task 2): no state to carry, so thread k can compute its
// i-th number directly as mix64(key + i), on the CPU grid and on a GPU alike. mix64 is the finaliser of
// splitmix64 (Steele, Lea and Flood 2014): a bijection of 64-bit words whose output bits each depend on
// every input bit, so neighbouring counters give unrelated numbers.
#include <cstdint>

#include "hpc/gpu/thread.hpp"

namespace hpc::gpu_lab {

HPC_HD inline std::uint64_t mix64(std::uint64_t z) {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// The top 24 bits as a float in [0, 1): a float holds 24 significant bits, so every value is exact and
// 1.0f is never returned.
HPC_HD inline float uniform01(std::uint64_t bits) {
  return static_cast<float>(bits >> 40) * (1.0f / 16777216.0f);
}

}  // namespace hpc::gpu_lab
