#pragma once
// Test buffers for kernels: the elements sit between two canary zones, so a thread that writes past
// either end (no bounds check, `<=` for `<`) is caught and named by index, and an output starts
// poisoned (NaN, or a marker byte) so an element no thread wrote shows.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "hpc/gpu/cpu_grid.hpp"

namespace hpc::gpu_lab::testing {

// Elements of canary before and after: more than the overshoot of any launch in these tests (a grid of
// 8 x 512 threads over a few elements), so an out-of-range write lands in a zone, not in the heap.
inline constexpr std::size_t kGuard = 8192;

template <class T>
class Guarded {
 public:
  Guarded(std::size_t n, T fill, T canary) : n_(n), canary_(canary) {
    storage_.reserve(n + 2 * kGuard);
    storage_.assign(kGuard, canary);
    storage_.insert(storage_.end(), n, fill);
    storage_.insert(storage_.end(), kGuard, canary);
  }
  Guarded(const std::vector<T>& values, T canary) : n_(values.size()), canary_(canary) {
    storage_.reserve(n_ + 2 * kGuard);
    storage_.assign(kGuard, canary);
    storage_.insert(storage_.end(), values.begin(), values.end());
    storage_.insert(storage_.end(), kGuard, canary);
  }
  std::span<T> span() { return {storage_.data() + kGuard, n_}; }
  std::span<const T> cspan() const { return {storage_.data() + kGuard, n_}; }
  // i < size() + kGuard: an index past the end reads the zone after it (what a wrong index wrote there).
  T operator[](std::size_t i) const { return storage_[kGuard + i]; }
  std::size_t size() const { return n_; }

  // "" when both zones are intact, else which index was written first, e.g. "wrote index 1000 of 1000
  // elements (past the end)". Bytes are compared, so a NaN canary works too.
  std::string out_of_range_writes(const std::string& name) const {
    for (std::size_t k = 0; k < kGuard; ++k) {
      if (changed(kGuard + n_ + k)) {
        return name + ": wrote index " + std::to_string(n_ + k) + " of " + std::to_string(n_) +
               " elements (past the end)";
      }
    }
    for (std::size_t k = kGuard; k-- > 0;) {
      if (changed(k)) {
        return name + ": wrote index -" + std::to_string(kGuard - k) + " (before the start)";
      }
    }
    return "";
  }

 private:
  bool changed(std::size_t slot) const { return std::memcmp(&storage_[slot], &canary_, sizeof(T)) != 0; }
  std::size_t n_;
  T canary_;
  std::vector<T> storage_;
};

// A NaN the kernels never compute (a payload of its own), for poisoned outputs. Not a canary: arithmetic
// on a NaN returns it with its payload, so y[n] = a * x[n] + y[n] over NaN canaries changes no byte.
float poison_float();
bool is_poison(float v);

// A canary arithmetic does not reproduce: a * c + c, expf(c) + expf(c) all differ from it.
inline constexpr float kFloatCanary = -777.25f;

// Reproducible test data in [lo, hi).
std::vector<float> random_floats(std::size_t n, std::uint64_t seed, float lo, float hi);
std::vector<std::uint8_t> random_bytes(std::size_t n, std::uint64_t seed);

// Every launch order the CPU grid has, two shuffles among them.
std::vector<hpc::gpu::LaunchOptions> every_order();

// The sizes task 1 is graded on for a block of `block` threads.
std::vector<std::size_t> sizes_around(unsigned block);

}  // namespace hpc::gpu_lab::testing
