// Reference solution, lab 11 task 7: one winner, decided by compare-and-swap.
#include "hpc/races/election.hpp"

#include <stdexcept>
#include <string>

namespace hpc::races {

bool Election::try_claim(int candidate) {
  if (candidate < 0)
    throw std::invalid_argument("Election: candidate must be >= 0, got " + std::to_string(candidate));
  // Check and set in one indivisible step: succeeds only if the value is still `nobody`.
  int expected = nobody;
  return winner_.compare_exchange_strong(expected, candidate);
}

int Election::winner() const { return winner_.load(); }

}  // namespace hpc::races
