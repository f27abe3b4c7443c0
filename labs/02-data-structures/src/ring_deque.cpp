// Lab 02, task 1 (see labs/02-data-structures/LAB.md). Replace each body; keep the signatures.
#include "hpc/datastructures/ring_deque.hpp"

#include <stdexcept>

#include "hpc/common/not_implemented.hpp"

namespace hpc::datastructures {

RingDeque::RingDeque() { hpc::common::not_implemented(); }

void RingDeque::push_back([[maybe_unused]] int value) { hpc::common::not_implemented(); }

void RingDeque::push_front([[maybe_unused]] int value) { hpc::common::not_implemented(); }

int RingDeque::pop_back() { hpc::common::not_implemented(); }

int RingDeque::pop_front() { hpc::common::not_implemented(); }

int& RingDeque::operator[]([[maybe_unused]] std::size_t i) { hpc::common::not_implemented(); }

const int& RingDeque::operator[]([[maybe_unused]] std::size_t i) const { hpc::common::not_implemented(); }

std::size_t RingDeque::size() const { hpc::common::not_implemented(); }

bool RingDeque::empty() const { hpc::common::not_implemented(); }

std::size_t RingDeque::capacity() const { hpc::common::not_implemented(); }

std::size_t RingDeque::element_moves() const { hpc::common::not_implemented(); }

}  // namespace hpc::datastructures
