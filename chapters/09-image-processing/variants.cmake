# Known-wrong variants of lab 09, tasks 1-3: filled in below as the tests grow.
