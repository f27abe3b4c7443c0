// functools.lru_cache as a class: a bounded map that forgets the least recently used entry, with the
// same statistics (hits, misses, maxsize, currsize).
// Lab task 7 (labs/02-data-structures/src/lru_cache.cpp).
//
// The member functions are defined in the .cpp file, which instantiates the class for exactly the
// key/value types listed at the end of this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

namespace hpc::datastructures {

struct CacheInfo {
  std::size_t hits = 0;
  std::size_t misses = 0;
  std::optional<std::size_t> maxsize;  // nullopt: unbounded (Python's maxsize=None)
  std::size_t currsize = 0;
  bool operator==(const CacheInfo&) const = default;
};

template <class K, class V>
class LruCache {
 public:
  // maxsize 0 stores nothing (every lookup misses); std::nullopt never evicts.
  explicit LruCache(std::optional<std::size_t> maxsize = 128);

  // The cached value, counting a hit and making the entry the most recently used; or nullopt, counting
  // a miss.
  std::optional<V> get(const K& key);
  // Stores or replaces the value and makes it the most recently used, first evicting the least recently
  // used entry when a new key would exceed maxsize. Changes no statistics.
  void put(const K& key, V value);
  // get(), and on a miss computes compute(key), put()s it and returns it. `compute` may itself call
  // get_or_compute on this same cache (memoized recursion), so nothing may be held across that call.
  V get_or_compute(const K& key, const std::function<V(const K&)>& compute);

  // Whether the key is cached, without counting or touching its recency.
  bool contains(const K& key) const;
  CacheInfo cache_info() const;
  void cache_clear();  // drops every entry and zeroes hits and misses

 private:
  using Entry = std::pair<K, V>;
  std::optional<std::size_t> maxsize_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<K, typename std::list<Entry>::iterator> where_;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

// The instantiations src/lru_cache.cpp provides (the tests use these).
extern template class LruCache<int, std::uint64_t>;
extern template class LruCache<std::string, int>;

}  // namespace hpc::datastructures
