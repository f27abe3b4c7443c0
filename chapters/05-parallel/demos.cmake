# Chapter 05 demos and benchmarks (hpc_demo / hpc_bench). Being written (notes05).
