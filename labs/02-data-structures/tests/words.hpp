// Test data shared by lab 02's tests.
#pragma once

#include <string>

namespace hpc::datastructures::testing {

// "w" followed by the number. (Built by appending: GCC 12 gives a false -Wrestrict warning for
// "w" + std::to_string(i).)
inline std::string word(unsigned long long i) {
  std::string w = "w";
  w += std::to_string(i);
  return w;
}

}  // namespace hpc::datastructures::testing
