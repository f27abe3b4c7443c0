// Graded tests, lab 02 task 10: the open-addressing hash map, judged by behaviour only (the layout is
// the student's). Differential tests against std::unordered_map with fixed seeds, and exact allocation
// counts for the memory a flat table should (not) need.
//
// Mistakes students make, and the test that names each:
//   - an erase that just empties its slot, cutting the probe chain of keys stored after it
//       -> EraseKeepsProbeChains
//   - 0 (or another value) used as the empty-slot marker, so that key cannot be stored
//       -> EveryKeyIsValid
//   - insert_or_assign on a present key adds a second copy, or does not replace the value
//       -> BasicOperations, MatchesUnorderedMapOnRandomOps, IterationVisitsEachKeyOnce
//   - growth that re-inserts into the new table with the old capacity's hash, or forgets keys
//       -> GrowthKeepsEveryKey
//   - the key used directly as the slot index under a power-of-two mask: keys that differ only in
//     their high bits all collide -> HighBitKeysSpreadOut (time limit, named in the phase)
//   - tombstones that are never reclaimed: after enough churn every slot is a tombstone and a lookup of
//     an absent key probes forever -> ChurnDoesNotFillTheTable (time limit, named in the phase)
//   - a node (or a std::unordered_map) per entry instead of one flat array -> NoAllocationPerInsert
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "hpc/common/alloc_counter.hpp"
#include "hpc/common/container_diff.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/watchdog.hpp"
#include "hpc/datastructures/flat_hash_map.hpp"

namespace {

using hpc::datastructures::FlatHashMap;
using Pairs = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();

Pairs contents(const FlatHashMap& map) {
  Pairs pairs;
  map.for_each([&](std::uint64_t key, std::uint64_t value) { pairs.emplace_back(key, value); });
  return pairs;
}

Pairs contents(const std::unordered_map<std::uint64_t, std::uint64_t>& map) {
  return Pairs(map.begin(), map.end());
}

GRADED_TEST(FlatHashMap, BasicOperations, 1) {
  FlatHashMap map;
  EXPECT_TRUE(map.empty());
  EXPECT_EQ(map.find(42), std::nullopt) << "find on an empty map";
  EXPECT_FALSE(map.erase(42)) << "erase on an empty map";
  EXPECT_TRUE(map.insert_or_assign(42, 1)) << "a new key";
  EXPECT_FALSE(map.insert_or_assign(42, 2)) << "insert_or_assign on a present key must say it was there";
  EXPECT_EQ(map.find(42), std::optional<std::uint64_t>(2)) << "insert_or_assign must replace the value";
  EXPECT_EQ(map.size(), 1u) << "replacing a value must not add a second copy of the key";
  EXPECT_TRUE(map.contains(42));
  EXPECT_FALSE(map.contains(43));
  EXPECT_TRUE(map.erase(42));
  EXPECT_FALSE(map.erase(42)) << "a key erased twice";
  EXPECT_FALSE(map.contains(42));
  EXPECT_TRUE(map.empty());
  for (std::uint64_t k = 1; k <= 100; ++k) map.insert_or_assign(k, k * k);
  map.clear();
  EXPECT_EQ(map.size(), 0u);
  EXPECT_FALSE(map.contains(7)) << "clear() must remove every key";
  EXPECT_TRUE(map.insert_or_assign(7, 70)) << "a map must be usable after clear()";
  EXPECT_EQ(map.find(7), std::optional<std::uint64_t>(70));

  FlatHashMap moved(std::move(map));
  EXPECT_EQ(moved.find(7), std::optional<std::uint64_t>(70)) << "move construction keeps the keys";
  FlatHashMap assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.size(), 1u) << "move assignment keeps the keys";
}

// Whatever marks an empty (or erased) slot, the caller's keys may include it.
GRADED_TEST(FlatHashMap, EveryKeyIsValid, 1) {
  const std::uint64_t special[] = {0, 1, kMax, kMax - 1, std::uint64_t{1} << 63, 0xDEADBEEF};
  FlatHashMap map;
  for (const auto key : special) {
    EXPECT_TRUE(map.insert_or_assign(key, ~key))
        << "insert_or_assign(" << key << ") said the key was already there: is it your empty-slot marker?";
    EXPECT_EQ(map.find(key), std::optional<std::uint64_t>(~key))
        << "key " << key << " was stored but not found: is it your empty-slot marker?";
  }
  EXPECT_EQ(map.size(), std::size(special))
      << "every 64-bit number is a valid key, 0 and UINT64_MAX included";
  EXPECT_FALSE(map.contains(2));
  for (const auto key : special) {
    EXPECT_TRUE(map.erase(key)) << "key " << key;
    EXPECT_FALSE(map.contains(key)) << "key " << key << " is still there after erase";
  }
  EXPECT_TRUE(map.empty());
}

// Differential test: every operation's answer and the final contents against std::unordered_map. A
// small key range makes hits, overwrites and erases of present keys frequent.
GRADED_TEST(FlatHashMap, MatchesUnorderedMapOnRandomOps, 2) {
  for (const unsigned seed : {1u, 2u, 3u}) {
    std::mt19937_64 rng(seed);
    FlatHashMap map;
    std::unordered_map<std::uint64_t, std::uint64_t> want;
    const auto random_key = [&] {
      const std::uint64_t r = rng() % 4096;
      return r < 8 ? (r % 2 == 0 ? 0 : kMax - r) : r * 0x10001;  // now and then the extreme keys
    };
    for (int op = 0; op < 200'000; ++op) {
      const std::uint64_t key = random_key();
      switch (rng() % 4) {
        case 0:
        case 1: {
          const std::uint64_t value = rng();
          const bool fresh = !want.contains(key);
          want[key] = value;
          ASSERT_EQ(map.insert_or_assign(key, value), fresh)
              << "insert_or_assign(" << key << ") at operation " << op << ", seed " << seed;
          break;
        }
        case 2:
          ASSERT_EQ(map.erase(key), want.erase(key) == 1)
              << "erase(" << key << ") at operation " << op << ", seed " << seed;
          break;
        default: {
          const auto found = want.find(key);
          ASSERT_EQ(map.find(key), found == want.end() ? std::nullopt : std::optional(found->second))
              << "find(" << key << ") at operation " << op << ", seed " << seed;
        }
      }
      ASSERT_EQ(map.size(), want.size()) << "size() after operation " << op << ", seed " << seed;
    }
    EXPECT_TRUE(hpc::common::same_items(contents(want), contents(map)))
        << "for_each must visit every (key, value) exactly once; seed " << seed;
  }
}

// Erase in the middle of probe chains, then look for everything that is left.
GRADED_TEST(FlatHashMap, EraseKeepsProbeChains, 1) {
  std::mt19937_64 rng(5);
  std::vector<std::uint64_t> keys(50'000);
  for (auto& key : keys) key = rng() | 1;
  FlatHashMap map;
  for (const auto key : keys) map.insert_or_assign(key, key / 3);
  // Erasing half the keys also looks each of them up: a cut chain can already hide the later ones.
  std::size_t lost = 0;
  std::uint64_t first_lost = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const bool found = i % 2 == 0 ? map.erase(keys[i]) : map.find(keys[i]) == std::optional(keys[i] / 3);
    if (!found && lost++ == 0) first_lost = keys[i];
  }
  for (std::size_t i = 1; i < keys.size(); i += 2) {  // and once more when all erases are done
    if (map.find(keys[i]) != std::optional(keys[i] / 3) && lost++ == 0) first_lost = keys[i];
  }
  EXPECT_EQ(lost, 0u)
      << lost << " keys (the first: " << first_lost
      << ") could not be found after erasing other keys: an erased slot must not end the probe "
         "sequence of the keys stored after it (leave a tombstone, or shift them back)";
  for (std::size_t i = 0; i < keys.size(); i += 2) {
    ASSERT_FALSE(map.contains(keys[i])) << "erased key " << keys[i] << " is still found";
    ASSERT_TRUE(map.insert_or_assign(keys[i], 7)) << "re-inserting erased key " << keys[i];
  }
  EXPECT_EQ(map.size(), keys.size()) << "after erasing half the keys and re-inserting them";
  for (std::size_t i = 0; i < keys.size(); i += 2)
    ASSERT_EQ(map.find(keys[i]), std::optional<std::uint64_t>(7));
}

// Growth from empty through many doublings, with keys in three shapes: sequential, spread by a large
// stride, and random.
GRADED_TEST(FlatHashMap, GrowthKeepsEveryKey, 1) {
  std::mt19937_64 rng(8);
  for (const int shape : {0, 1, 2}) {
    FlatHashMap map;
    std::vector<std::uint64_t> keys;
    for (std::uint64_t i = 1; i <= 100'000; ++i) {
      keys.push_back(shape == 0 ? i : shape == 1 ? i * 4096 : rng());
      map.insert_or_assign(keys.back(), i);
      if ((i & (i - 1)) == 0) {  // after every power of two, everything inserted so far is there
        for (std::size_t j = 0; j < keys.size(); ++j) {
          ASSERT_EQ(map.find(keys[j]), std::optional<std::uint64_t>(j + 1))
              << "key " << keys[j] << " lost after " << i << " inserts (key shape " << shape
              << "): growing must move every key to its place in the new table";
        }
      }
    }
    EXPECT_EQ(map.size(), keys.size());
  }
}

GRADED_TEST(FlatHashMap, IterationVisitsEachKeyOnce, 1) {
  FlatHashMap map;
  std::unordered_map<std::uint64_t, std::uint64_t> want;
  EXPECT_TRUE(contents(map).empty()) << "for_each on an empty map";
  std::mt19937_64 rng(13);
  for (int i = 0; i < 30'000; ++i) {
    const std::uint64_t key = rng() % 20'000;
    map.insert_or_assign(key, static_cast<std::uint64_t>(i));
    want[key] = static_cast<std::uint64_t>(i);
    if (i % 3 == 0) {
      const std::uint64_t gone = rng() % 20'000;
      map.erase(gone);
      want.erase(gone);
    }
  }
  EXPECT_TRUE(hpc::common::same_items(contents(want), contents(map)))
      << "for_each must visit every stored key exactly once, with its latest value, and no erased key";
}

// The identity as hash with a power-of-two mask puts every key i << 32 in slot 0: the inserts become
// quadratic and the time limit ends the test.
GRADED_TEST(FlatHashMap, HighBitKeysSpreadOut, 1) {
  hpc::common::within_time_limit(10, [] {
    hpc::common::set_test_phase(
        "200,000 keys that differ only in their high bits (i << 32): if this times out, they all land "
        "in the same slot; mix the key's bits into the slot index");
    FlatHashMap map;
    for (std::uint64_t i = 0; i < 200'000; ++i) map.insert_or_assign(i << 32, i);
    for (std::uint64_t i = 0; i < 200'000; ++i) ASSERT_TRUE(map.contains(i << 32)) << "key " << (i << 32);
    EXPECT_EQ(map.size(), 200'000u);
  });
}

// Heavy churn at a small size: 1,000,000 different keys pass through a map that never holds more than
// 1,000. Tombstones that are never reclaimed fill every slot, and then a miss never finds an empty one.
GRADED_TEST(FlatHashMap, ChurnDoesNotFillTheTable, 1) {
  hpc::common::within_time_limit(10, [] {
    hpc::common::set_test_phase(
        "1,000,000 inserts and erases with at most 1,000 keys alive: if this times out, erased slots "
        "(tombstones) are never reclaimed and lookups of absent keys probe forever");
    FlatHashMap map;
    std::uint64_t next = 1;
    for (; next <= 1000; ++next) map.insert_or_assign(next * 0x9E37, next);
    for (; next <= 1'000'000; ++next) {
      ASSERT_TRUE(map.erase((next - 1000) * 0x9E37)) << "key " << (next - 1000) * 0x9E37;
      map.insert_or_assign(next * 0x9E37, next);
      ASSERT_FALSE(map.contains(next * 0x9E37 + 1)) << "a key never inserted";
    }
    EXPECT_EQ(map.size(), 1000u);
  });
}

// Exact allocation counts (hpc::common::count_allocations), the same on every machine.
GRADED_TEST(FlatHashMap, NoAllocationPerInsert, 1) {
  constexpr std::uint64_t n = 100'000;
  FlatHashMap grown;
  const auto growing = hpc::common::count_allocations([&] {
    for (std::uint64_t i = 1; i <= n; ++i) grown.insert_or_assign(i * 7919, i);
  });
  EXPECT_LE(growing.count, 64u) << n << " inserts into a growing map made " << growing.count
                                << " allocations; a table that doubles needs about log2(" << n
                                << ") of them, a node per entry (std::unordered_map) needs " << n;
  const auto lookups = hpc::common::count_allocations([&] {
    for (std::uint64_t i = 1; i <= n; ++i) (void)grown.find(i * 7919 + 1);
    for (std::uint64_t i = 1; i <= n; i += 2) grown.erase(i * 7919);
  });
  EXPECT_EQ(lookups.count, 0u) << "find and erase allocated " << lookups.count << " times";

  FlatHashMap reserved;
  const auto reserving = hpc::common::count_allocations([&] { reserved.reserve(n); });
  const auto filling = hpc::common::count_allocations([&] {
    for (std::uint64_t i = 0; i < n; ++i) reserved.insert_or_assign(i, i);
  });
  EXPECT_GE(reserving.count, 1u) << "reserve(" << n << ") on an empty map should allocate the table";
  EXPECT_EQ(filling.count, 0u) << "after reserve(" << n << "), " << n << " inserts allocated "
                               << filling.count << " times (" << filling.bytes << " bytes)";
  EXPECT_EQ(reserved.size(), n);
}

}  // namespace
