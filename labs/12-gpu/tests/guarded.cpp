#include "guarded.hpp"

#include <bit>
#include <random>

namespace hpc::gpu_lab::testing {

namespace {
constexpr std::uint32_t kPoisonBits = 0x7fc0dead;  // a quiet NaN with a payload no arithmetic produces
}

float poison_float() { return std::bit_cast<float>(kPoisonBits); }

bool is_poison(float v) { return std::bit_cast<std::uint32_t>(v) == kPoisonBits; }

std::vector<float> random_floats(std::size_t n, std::uint64_t seed, float lo, float hi) {
  std::mt19937_64 gen(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  std::vector<float> v(n);
  for (float& x : v) x = dist(gen);
  return v;
}

std::vector<std::uint8_t> random_bytes(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 gen(seed);
  std::vector<std::uint8_t> v(n);
  for (auto& b : v) b = static_cast<std::uint8_t>(gen() >> 56);
  return v;
}

std::vector<hpc::gpu::LaunchOptions> every_order() {
  return {{hpc::gpu::Order::in_order, 0},
          {hpc::gpu::Order::reversed, 0},
          {hpc::gpu::Order::shuffled, 12},
          {hpc::gpu::Order::shuffled, 2026}};
}

std::vector<std::size_t> sizes_around(unsigned block) {
  return {0, 1, block - 1, block, block + 1, 1000, 1'000'003};
}

}  // namespace hpc::gpu_lab::testing
