// The dining philosophers, three ways that cannot deadlock.
// Lab task 3 (labs/11-deadlock-starvation-races/src/dining.cpp).
//
// `seats` philosophers sit at a round table with one fork between neighbours: seat i needs forks i and
// (i + 1) % seats. dine() starts one thread per seat; each philosopher eats `meals_each` times and the
// function returns when all threads have finished. To eat, a philosopher holds both forks (one std::mutex
// per fork) and calls eat(seat) — the tests' callback, which checks that no neighbour is eating at the
// same time and counts the meals.
#pragma once

#include <functional>

namespace hpc::races {

enum class DiningStrategy {
  resource_ranking,  // always pick up the lower-numbered fork first
  waiter,            // a waiter (a counting semaphore) lets at most seats - 1 philosophers reach for forks
  asymmetric,        // odd seats take the left fork (i) first, even seats the right one ((i + 1) % seats)
};

// Called for every meal while holding both forks.
using EatFn = std::function<void(int seat)>;
// Called (when set) once per meal, while the philosopher holds its first fork and not yet the second.
using AfterFirstFork = std::function<void(int seat)>;

// Throws std::invalid_argument when seats < 2 or meals_each < 0.
void dine(DiningStrategy strategy, int seats, int meals_each, const EatFn& eat,
          const AfterFirstFork& after_first_fork = {});

}  // namespace hpc::races
