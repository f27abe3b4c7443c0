// Lab 02, task 7 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures and the
// explicit instantiations at the end (the tests link against exactly those).
#include "hpc/datastructures/lru_cache.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

template <class K, class V>
LruCache<K, V>::LruCache([[maybe_unused]] std::optional<std::size_t> maxsize) {
  hpc::common::not_implemented();
}

template <class K, class V>
std::optional<V> LruCache<K, V>::get([[maybe_unused]] const K& key) {
  hpc::common::not_implemented();
}

template <class K, class V>
void LruCache<K, V>::put([[maybe_unused]] const K& key, [[maybe_unused]] V value) {
  hpc::common::not_implemented();
}

template <class K, class V>
V LruCache<K, V>::get_or_compute([[maybe_unused]] const K& key,
                                 [[maybe_unused]] const std::function<V(const K&)>& compute) {
  hpc::common::not_implemented();
}

template <class K, class V>
bool LruCache<K, V>::contains([[maybe_unused]] const K& key) const {
  hpc::common::not_implemented();
}

template <class K, class V>
CacheInfo LruCache<K, V>::cache_info() const {
  hpc::common::not_implemented();
}

template <class K, class V>
void LruCache<K, V>::cache_clear() {
  hpc::common::not_implemented();
}

template class LruCache<int, std::uint64_t>;
template class LruCache<std::string, int>;

}  // namespace hpc::datastructures
