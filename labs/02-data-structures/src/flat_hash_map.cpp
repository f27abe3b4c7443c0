// Lab 02, task 10 (see labs/02-data-structures/LAB.md). An open-design task: define Impl as you like
// (the layout is yours), then replace each body; keep the signatures.
#include "hpc/datastructures/flat_hash_map.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

// Your data layout: the slot array, the count, whatever the probing scheme needs. Say here, in two or
// three sentences, what you chose (probing, hash, load factor, empty marker, erase) and why.
struct FlatHashMap::Impl {};

FlatHashMap::FlatHashMap() : impl_(std::make_unique<Impl>()) {}
FlatHashMap::~FlatHashMap() = default;
FlatHashMap::FlatHashMap(FlatHashMap&& other) noexcept = default;
FlatHashMap& FlatHashMap::operator=(FlatHashMap&& other) noexcept = default;

bool FlatHashMap::insert_or_assign([[maybe_unused]] std::uint64_t key, [[maybe_unused]] std::uint64_t value) {
  hpc::common::not_implemented();
}

std::optional<std::uint64_t> FlatHashMap::find([[maybe_unused]] std::uint64_t key) const {
  hpc::common::not_implemented();
}

bool FlatHashMap::contains([[maybe_unused]] std::uint64_t key) const { hpc::common::not_implemented(); }

bool FlatHashMap::erase([[maybe_unused]] std::uint64_t key) { hpc::common::not_implemented(); }

std::size_t FlatHashMap::size() const { hpc::common::not_implemented(); }

bool FlatHashMap::empty() const { hpc::common::not_implemented(); }

void FlatHashMap::clear() { hpc::common::not_implemented(); }

void FlatHashMap::reserve([[maybe_unused]] std::size_t count) { hpc::common::not_implemented(); }

void FlatHashMap::for_each(
    [[maybe_unused]] const std::function<void(std::uint64_t key, std::uint64_t value)>& visit) const {
  hpc::common::not_implemented();
}

}  // namespace hpc::datastructures
