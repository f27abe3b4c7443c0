// Reference solution, lab 02 task 10: linear probing over one array of (key, value) slots, a
// power-of-two capacity kept at most half full, Fibonacci hashing, and backward-shift deletion.
//
// Why this layout:
//   - A slot holds key and value side by side (16 bytes), so a hit costs one cache line, where
//     std::unordered_map walks bucket -> node (two or three dependent misses on a big table).
//   - The key 0 marks an empty slot, so a freshly zeroed array is an empty table and probing needs no
//     second array of slot states. The real key 0 is kept beside the table (has_zero / zero_value).
//   - Fibonacci hashing (multiply by 2^64 / golden ratio, keep the top bits) spreads keys that differ
//     only in their high bits (i << 32) or low bits (sequential ids), which a plain mask would not.
//   - Backward-shift deletion leaves no tombstones: after erase the table looks as if the key had never
//     been inserted, so probe sequences stay short under any amount of insert/erase churn.
#include "hpc/datastructures/flat_hash_map.hpp"

#include <algorithm>
#include <bit>
#include <utility>
#include <vector>

namespace hpc::datastructures {

namespace {

constexpr std::uint64_t kEmpty = 0;
constexpr std::size_t kMinCapacity = 16;

struct Slot {
  std::uint64_t key = kEmpty;
  std::uint64_t value = 0;
};

}  // namespace

struct FlatHashMap::Impl {
  std::vector<Slot> slots;  // size 0 or a power of two
  int shift = 64;           // 64 - log2(capacity): the top bits of the product pick the slot
  std::size_t stored = 0;   // keys in `slots` (the key 0 is counted apart)
  bool has_zero = false;
  std::uint64_t zero_value = 0;

  std::size_t mask() const { return slots.size() - 1; }
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift);
  }

  // The slot holding key, or the empty slot where it would go. The table must not be full.
  std::size_t probe(std::uint64_t key) const {
    std::size_t i = home(key);
    while (slots[i].key != key && slots[i].key != kEmpty) i = (i + 1) & mask();
    return i;
  }

  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::exchange(slots, std::vector<Slot>(capacity));
    shift = 64 - std::countr_zero(capacity);
    for (const Slot& slot : old) {
      if (slot.key != kEmpty) slots[probe(slot.key)] = slot;
    }
  }

  // Capacity for `count` keys at a load factor of at most 1/2.
  static std::size_t capacity_for(std::size_t count) {
    return std::bit_ceil(std::max(kMinCapacity, 2 * count));
  }
};

FlatHashMap::FlatHashMap() : impl_(std::make_unique<Impl>()) {}
FlatHashMap::~FlatHashMap() = default;
FlatHashMap::FlatHashMap(FlatHashMap&& other) noexcept = default;
FlatHashMap& FlatHashMap::operator=(FlatHashMap&& other) noexcept = default;

bool FlatHashMap::insert_or_assign(std::uint64_t key, std::uint64_t value) {
  Impl& m = *impl_;
  if (key == kEmpty) {
    const bool inserted = !m.has_zero;
    m.has_zero = true;
    m.zero_value = value;
    return inserted;
  }
  if (2 * (m.stored + 1) > m.slots.size()) m.rehash(Impl::capacity_for(m.stored + 1));
  Slot& slot = m.slots[m.probe(key)];
  slot.value = value;
  if (slot.key == key) return false;
  slot.key = key;
  ++m.stored;
  return true;
}

std::optional<std::uint64_t> FlatHashMap::find(std::uint64_t key) const {
  const Impl& m = *impl_;
  if (key == kEmpty) return m.has_zero ? std::optional<std::uint64_t>(m.zero_value) : std::nullopt;
  if (m.stored == 0) return std::nullopt;
  const Slot& slot = m.slots[m.probe(key)];
  return slot.key == key ? std::optional<std::uint64_t>(slot.value) : std::nullopt;
}

bool FlatHashMap::contains(std::uint64_t key) const { return find(key).has_value(); }

bool FlatHashMap::erase(std::uint64_t key) {
  Impl& m = *impl_;
  if (key == kEmpty) return std::exchange(m.has_zero, false);
  if (m.stored == 0) return false;
  std::size_t hole = m.probe(key);
  if (m.slots[hole].key != key) return false;
  // Backward shift: walk the run after the hole and move back every entry whose home is not strictly
  // between the hole and where it sits, so no key is left behind an empty slot it must probe past.
  for (std::size_t j = (hole + 1) & m.mask(); m.slots[j].key != kEmpty; j = (j + 1) & m.mask()) {
    const std::size_t from_home = (j - m.home(m.slots[j].key)) & m.mask();
    const std::size_t from_hole = (j - hole) & m.mask();
    if (from_home >= from_hole) {
      m.slots[hole] = m.slots[j];
      hole = j;
    }
  }
  m.slots[hole] = Slot{};
  --m.stored;
  return true;
}

std::size_t FlatHashMap::size() const { return impl_->stored + (impl_->has_zero ? 1 : 0); }

bool FlatHashMap::empty() const { return size() == 0; }

void FlatHashMap::clear() {
  std::fill(impl_->slots.begin(), impl_->slots.end(), Slot{});
  impl_->stored = 0;
  impl_->has_zero = false;
}

void FlatHashMap::reserve(std::size_t count) {
  const std::size_t capacity = Impl::capacity_for(count);
  if (capacity > impl_->slots.size()) impl_->rehash(capacity);
}

void FlatHashMap::for_each(const std::function<void(std::uint64_t key, std::uint64_t value)>& visit) const {
  if (impl_->has_zero) visit(kEmpty, impl_->zero_value);
  for (const Slot& slot : impl_->slots) {
    if (slot.key != kEmpty) visit(slot.key, slot.value);
  }
}

}  // namespace hpc::datastructures
