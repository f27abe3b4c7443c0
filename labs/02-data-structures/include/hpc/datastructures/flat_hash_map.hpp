// A hash map from 64-bit keys to 64-bit values whose entries live in one flat array (open addressing),
// not in a node per entry as std::unordered_map keeps them.
// Lab task 10 (labs/02-data-structures/src/flat_hash_map.cpp), the lab's open-design task.
//
// This header fixes only what the map does. How it stores its entries is yours to decide and to
// justify: the probing scheme (linear, quadratic, Robin Hood, ...), the hash, the capacity and the load
// factor, how an empty slot is told apart from a stored key, and what erase() leaves behind (tombstones,
// backward shifting, ...). Everything lives in `struct FlatHashMap::Impl`, which you define in the .cpp
// file; the tests see only the member functions below.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace hpc::datastructures {

class FlatHashMap {
 public:
  FlatHashMap();
  ~FlatHashMap();
  FlatHashMap(FlatHashMap&& other) noexcept;
  FlatHashMap& operator=(FlatHashMap&& other) noexcept;
  FlatHashMap(const FlatHashMap&) = delete;
  FlatHashMap& operator=(const FlatHashMap&) = delete;

  // Every 64-bit number is a valid key, 0 and UINT64_MAX included.

  // Stores value under key, replacing the value of a key already present. True when the key was new.
  bool insert_or_assign(std::uint64_t key, std::uint64_t value);
  // The value stored under key, or nullopt.
  std::optional<std::uint64_t> find(std::uint64_t key) const;
  bool contains(std::uint64_t key) const;
  // Removes the key. True when it was there. Every other key stays findable.
  bool erase(std::uint64_t key);

  std::size_t size() const;  // keys stored
  bool empty() const;
  void clear();  // removes every key; may keep the memory for reuse

  // Makes room for `count` keys: until the map holds more than `count` keys, no insert allocates.
  void reserve(std::size_t count);

  // Calls visit(key, value) once for every stored key, in any order. visit must not modify the map.
  void for_each(const std::function<void(std::uint64_t key, std::uint64_t value)>& visit) const;

 private:
  struct Impl;  // your data layout, defined in src/flat_hash_map.cpp
  std::unique_ptr<Impl> impl_;
};

}  // namespace hpc::datastructures
