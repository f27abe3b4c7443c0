// Lab 11, task 6 (see labs/11-deadlock-starvation-races/LAB.md). Replace each body; keep the signatures
// and the explicit instantiations at the end (the tests link against exactly those).
#include "hpc/races/synchronized.hpp"

#include "hpc/common/not_implemented.hpp"

namespace hpc::races {

template <class T>
Synchronized<T>::Locked::Locked([[maybe_unused]] std::mutex& mutex, [[maybe_unused]] T& value) {
  hpc::common::not_implemented();
}

template <class T>
T& Synchronized<T>::Locked::operator*() const {
  hpc::common::not_implemented();
}

template <class T>
T* Synchronized<T>::Locked::operator->() const {
  hpc::common::not_implemented();
}

template <class T>
Synchronized<T>::Synchronized([[maybe_unused]] T value) {
  hpc::common::not_implemented();
}

template <class T>
typename Synchronized<T>::Locked Synchronized<T>::lock() {
  hpc::common::not_implemented();
}

template class Synchronized<std::vector<int>>;
template class Synchronized<std::map<std::string, int>>;

}  // namespace hpc::races
