// Reference solution, lab 02 task 7: a recency list plus a hash map from key to list position.
#include "hpc/datastructures/lru_cache.hpp"

namespace hpc::datastructures {

template <class K, class V>
LruCache<K, V>::LruCache(std::optional<std::size_t> maxsize) : maxsize_(maxsize) {}

template <class K, class V>
std::optional<V> LruCache<K, V>::get(const K& key) {
  const auto found = where_.find(key);
  if (found == where_.end()) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, found->second);  // most recent first; iterators stay valid
  return found->second->second;
}

template <class K, class V>
void LruCache<K, V>::put(const K& key, V value) {
  if (maxsize_ && *maxsize_ == 0) return;
  if (const auto found = where_.find(key); found != where_.end()) {
    found->second->second = std::move(value);
    order_.splice(order_.begin(), order_, found->second);
    return;
  }
  if (maxsize_ && where_.size() >= *maxsize_) {
    where_.erase(order_.back().first);
    order_.pop_back();
  }
  order_.emplace_front(key, std::move(value));
  where_.emplace(key, order_.begin());
}

template <class K, class V>
V LruCache<K, V>::get_or_compute(const K& key, const std::function<V(const K&)>& compute) {
  if (auto cached = get(key)) return std::move(*cached);
  // compute may recurse into this cache and evict or insert entries: keep no iterator across it.
  V value = compute(key);
  put(key, value);
  return value;
}

template <class K, class V>
bool LruCache<K, V>::contains(const K& key) const {
  return where_.contains(key);
}

template <class K, class V>
CacheInfo LruCache<K, V>::cache_info() const {
  return CacheInfo{hits_, misses_, maxsize_, where_.size()};
}

template <class K, class V>
void LruCache<K, V>::cache_clear() {
  order_.clear();
  where_.clear();
  hits_ = 0;
  misses_ = 0;
}

template class LruCache<int, std::uint64_t>;
template class LruCache<std::string, int>;

}  // namespace hpc::datastructures
