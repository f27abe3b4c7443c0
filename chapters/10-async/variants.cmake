# Known-wrong variants of lab 10's part (a) (tasks 1-2); filled below by lab10a.
