// Graded tests, lab 02 task 7: the two recency mistakes an LRU cache most often makes, each failing with
// a message that names it.
//   - put() on a key already present replaces the value but leaves the entry where it was in the
//     recency order, so the key just written is evicted next -> PutRefreshesRecency
//   - eviction takes the wrong end of the recency list (the most recently used entry), or contains()
//     or a miss changes the order -> EvictsFromTheOldEnd
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "hpc/common/grading.hpp"
#include "hpc/datastructures/lru_cache.hpp"

namespace {

using hpc::datastructures::LruCache;
using Cache = LruCache<int, std::uint64_t>;

// "{2, 3, 4}" for the keys of `keys` the cache holds.
std::string held(const Cache& cache, std::initializer_list<int> keys) {
  std::string text;
  for (const int key : keys) {
    if (cache.contains(key)) text += (text.empty() ? "" : ", ") + std::to_string(key);
  }
  return "{" + text + "}";
}

// Whether a cache of 3 given 1, 2, 3, 4 evicts 1: if not, a lost update says nothing about put().
bool evicts_least_recent_end() {
  Cache cache(3);
  for (const int key : {1, 2, 3, 4}) cache.put(key, 0);
  return !cache.contains(1);
}

GRADED_TEST(LruCache, PutRefreshesRecency, 1) {
  Cache cache(3);
  cache.put(1, 10);
  cache.put(2, 20);
  cache.put(3, 30);
  cache.put(1, 11);  // an update: 1 becomes the most recently used, so 2 is now the least
  cache.put(4, 40);
  if (!cache.contains(1) || cache.contains(2)) {
    ADD_FAILURE() << (cache.contains(1) ? "the wrong key was evicted"
                      : !evicts_least_recent_end()
                          ? "eviction takes the most recently used end (the wrong end)"
                          : "put() on a key already present did not make it the most "
                            "recently used")
                  << ": after put 1, 2, 3, then put(1, 11) and put(4, 40), a cache of 3 must hold {1, 3, 4} "
                     "(2 is the least recently used); it holds "
                  << held(cache, {1, 2, 3, 4});
  }
  EXPECT_EQ(cache.get(1), std::optional<std::uint64_t>(11))
      << "put() on a present key must replace its value";
  EXPECT_EQ(cache.cache_info().currsize, 3u) << "an update must not add a second entry for the key";
}

GRADED_TEST(LruCache, EvictsFromTheOldEnd, 1) {
  Cache cache(3);
  cache.put(1, 10);
  cache.put(2, 20);
  cache.put(3, 30);
  cache.put(4, 40);  // 1 is the least recently used
  if (cache.contains(1)) {
    ADD_FAILURE() << (cache.contains(3)
                          ? "the wrong key was evicted"
                          : "evicted the most recently used entry (the wrong end of the recency order)")
                  << ": after put 1, 2, 3, 4 a cache of 3 must evict 1, the least recently used; it holds "
                  << held(cache, {1, 2, 3, 4});
  }

  cache = Cache(3);
  cache.put(1, 10);
  cache.put(2, 20);
  cache.put(3, 30);
  EXPECT_EQ(cache.get(1), std::optional<std::uint64_t>(10));  // order now 1, 3, 2 (2 least recent)
  EXPECT_TRUE(cache.contains(2));                             // contains() must not refresh 2
  EXPECT_EQ(cache.get(9), std::nullopt);                      // a miss changes no order
  cache.put(4, 40);
  if (cache.contains(2) || !cache.contains(1) || !cache.contains(3)) {
    ADD_FAILURE()
        << (!cache.contains(1)  ? "get() did not make key 1 the most recently used"
            : cache.contains(2) ? "contains() or a miss refreshed an entry, or the wrong end was evicted"
                                : "the wrong key was evicted")
        << ": after put 1, 2, 3, get(1), contains(2), get(9) (a miss) and put(4), key 2 is the least "
           "recently used and must be evicted; the cache holds "
        << held(cache, {1, 2, 3, 4});
  }
}

}  // namespace
