# Lab 07 tasks 5-6: their variants and extra settings (lab07b writes this file); included by CMakeLists.txt.
