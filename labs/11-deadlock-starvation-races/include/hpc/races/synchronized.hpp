// A value that can only be reached while its mutex is held: the C++ answer to "locks do not lock
// anything". There is no getter; the only ways in are lock(), which returns a handle that holds the lock
// for as long as it lives, and with(f), which calls f on the value under the lock.
// Lab task 6 (labs/11-deadlock-starvation-races/src/synchronized.cpp).
//
// The member functions are defined in the .cpp file, which instantiates the class for exactly the types
// listed at the end of this header.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace hpc::races {

template <class T>
class Synchronized {
 public:
  // Holds the lock from construction to destruction; movable, not copyable.
  class Locked {
   public:
    T& operator*() const;
    T* operator->() const;

   private:
    friend class Synchronized;
    Locked(std::mutex& mutex, T& value);
    std::unique_lock<std::mutex> lock_;
    T* value_;
  };

  Synchronized() = default;
  explicit Synchronized(T value);
  Synchronized(const Synchronized&) = delete;
  Synchronized& operator=(const Synchronized&) = delete;

  // Blocks until the mutex is free; the value is reachable through the handle until it is destroyed.
  [[nodiscard]] Locked lock();

  // Calls f(value) under the lock and returns what f returns. (Given: it is lock() plus one call.)
  template <class F>
  decltype(auto) with(F&& f) {
    Locked handle = lock();
    return std::forward<F>(f)(*handle);
  }

 private:
  std::mutex mutex_;
  T value_{};
};

// The instantiations src/synchronized.cpp provides (the tests use these).
extern template class Synchronized<std::vector<int>>;
extern template class Synchronized<std::map<std::string, int>>;

}  // namespace hpc::races
