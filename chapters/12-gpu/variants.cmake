# Known-wrong variants of lab 12, tasks 1, 2 and 5 (filled in below).
