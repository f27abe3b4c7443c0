// Reference solution, lab 11 task 3: three dining-philosopher strategies that cannot deadlock.
#include "hpc/races/dining.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <semaphore>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace hpc::races {

void dine(DiningStrategy strategy, int seats, int meals_each, const EatFn& eat,
          const AfterFirstFork& after_first_fork) {
  if (seats < 2)
    throw std::invalid_argument("dine: a table needs at least 2 seats, got " + std::to_string(seats));
  if (meals_each < 0) throw std::invalid_argument("dine: meals_each must not be negative");

  std::vector<std::mutex> forks(static_cast<std::size_t>(seats));
  // The waiter lets at most seats - 1 philosophers compete, so at least one of them gets both forks.
  std::counting_semaphore<> waiter(seats - 1);
  // acquire() in libstdc++ 12 can miss a wake-up: it reads the count, spins trying to take a seat, then
  // sleeps unless the count still equals what it read first. If others took that seat and one gave it
  // back just before the sleep, the count matches, the giver's notification has already gone by, and later
  // releases do not notify (they only do when the count was zero): the philosopher sleeps with a seat
  // free, for good once the others have finished (GCC bug 98033). Waiting in short timed slices bounds
  // what a missed wake-up costs to one slice.
  const auto seat_with_waiter = [&waiter] {
    while (!waiter.try_acquire_for(std::chrono::milliseconds(5))) {
    }
  };

  const auto philosopher = [&](int seat) {
    const int left = seat;
    const int right = (seat + 1) % seats;
    int first = left;
    int second = right;
    switch (strategy) {
      case DiningStrategy::resource_ranking:
        first = std::min(left, right);
        second = std::max(left, right);
        break;
      case DiningStrategy::waiter:
        break;  // left then right, but the waiter limits how many try
      case DiningStrategy::asymmetric:
        if (seat % 2 == 0) std::swap(first, second);
        break;
    }
    for (int meal = 0; meal < meals_each; ++meal) {
      const bool seated_by_waiter = strategy == DiningStrategy::waiter;
      if (seated_by_waiter) seat_with_waiter();
      {
        std::lock_guard first_fork(forks[static_cast<std::size_t>(first)]);
        if (after_first_fork) after_first_fork(seat);
        std::lock_guard second_fork(forks[static_cast<std::size_t>(second)]);
        eat(seat);
      }
      if (seated_by_waiter) waiter.release();
    }
  };

  std::vector<std::jthread> table;
  table.reserve(static_cast<std::size_t>(seats));
  for (int seat = 0; seat < seats; ++seat) table.emplace_back(philosopher, seat);
}  // the jthreads join here, before the forks and the waiter go away

}  // namespace hpc::races
