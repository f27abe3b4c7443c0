# Known-wrong variants of lab 08 tasks 1-3 (LAB.md, "What the tests catch").
