// Electing exactly one leader among racing threads with compare-and-swap: the fix for the book's two
// users who both became the network's only administrator (check, then set).
// Lab task 7 (labs/11-deadlock-starvation-races/src/election.cpp).
#pragma once

#include <atomic>

namespace hpc::races {

class Election {
 public:
  static constexpr int nobody = -1;

  // Makes `candidate` the winner if nobody has won yet, in one atomic step; returns whether this call
  // won. Throws std::invalid_argument for a negative candidate.
  bool try_claim(int candidate);
  // The winner, or nobody.
  int winner() const;

 private:
  std::atomic<int> winner_{nobody};
};

}  // namespace hpc::races
