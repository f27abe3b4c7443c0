// Reference solution, lab 11 task 6: a value reachable only under its lock.
#include "hpc/races/synchronized.hpp"

namespace hpc::races {

template <class T>
Synchronized<T>::Locked::Locked(std::mutex& mutex, T& value) : lock_(mutex), value_(&value) {}

template <class T>
T& Synchronized<T>::Locked::operator*() const {
  return *value_;
}

template <class T>
T* Synchronized<T>::Locked::operator->() const {
  return value_;
}

template <class T>
Synchronized<T>::Synchronized(T value) : value_(std::move(value)) {}

template <class T>
typename Synchronized<T>::Locked Synchronized<T>::lock() {
  return Locked(mutex_, value_);
}

template class Synchronized<std::vector<int>>;
template class Synchronized<std::map<std::string, int>>;

}  // namespace hpc::races
