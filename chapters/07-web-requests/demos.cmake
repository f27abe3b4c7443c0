# Chapter 07 demos and benchmarks (notes07 writes this file); included by CMakeLists.txt.
