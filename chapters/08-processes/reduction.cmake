# Lab 08 tasks 4-5 (tree reduction, map-reduce): their variants; written by lab08b.
