# Chapter 08's demos and benchmarks, included by chapters/08-processes/CMakeLists.txt after hpc_lab().
# Each demo runs in CI with --quick (a few seconds: the delays are divided by ten) and never hangs: a
# child that could block forever is waited for with a time limit, then killed and reaped. The demos
# make their processes with the plain system calls (demos/posix.hpp) so the calls are on the page; the
# benchmark compares with lab 06's thread pool, so it needs chapter 06 in the same build.
hpc_demo(NAME countdown SOURCES demos/countdown.cpp)  # the book's examples 1-3
hpc_demo(NAME lifetime SOURCES demos/lifetime.cpp)    # examples 4-5, terminate, orphans
hpc_demo(NAME queues SOURCES demos/queues.cpp)        # examples 6-8, the poison pill
hpc_demo(NAME memory SOURCES demos/memory.cpp)        # fork and copy-on-write
hpc_demo(NAME fork_after_threads SOURCES demos/fork_after_threads.cpp)
hpc_demo(NAME reduction SOURCES demos/reduction.cpp)  # the book's chapter 14: trees, non-examples, its race
if(TARGET lab08_reference AND TARGET lab06_reference)  # seed 004: both pools, lab 06's and lab 08's
  hpc_demo(NAME hashing SOURCES demos/hashing.cpp LIBS lab08_reference lab06_reference)
  hpc_bench(NAME processes SOURCES bench/bench_processes.cpp LIBS lab08_reference lab06_reference)
else()
  message(STATUS "Chapter 08: ch08_demo_hashing and ch08_bench_processes need lab 08's and lab 06's reference "
                 "(configure the whole course); left out")
endif()
