// Placeholder: Task 6 (work-stealing task group) is being written (ws05).
