// Electing exactly one leader among racing threads with compare-and-swap: the fix for the book's two
// users who both became the network's only administrator (check, then set).
// Lab task 7 (labs/11-deadlock-starvation-races/src/election.cpp).
#pragma once

#include <functional>
#include <utility>

#include "hpc/races/observed_atomic.hpp"

namespace hpc::races {

class Election {
 public:
  static constexpr int nobody = -1;

  // Makes `candidate` the winner if nobody has won yet, in one atomic step; returns whether this call
  // won. Throws std::invalid_argument for a negative candidate.
  bool try_claim(int candidate);
  // The winner, or nobody.
  int winner() const;

  // For the tests: runs `hook` after every load of the winner (see observed_atomic.hpp), so that they can
  // stop each claimer between looking and acting.
  void after_each_load(std::function<void()> hook) { winner_.after_each_load(std::move(hook)); }

 private:
  ObservedAtomic<int> winner_{nobody};  // use it as a std::atomic<int>
};

}  // namespace hpc::races
