# Task 6 of lab 05 (work-stealing task group): variants and the schedulers benchmark. Being written (ws05).
