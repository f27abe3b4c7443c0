# Chapter 05's demos and benchmarks, included by chapters/05-parallel/CMakeLists.txt after hpc_chapter().
# Every demo runs in CI with --quick (a few seconds at most on 2 cores); the benchmarks run once, briefly.
# The demos use lab 05's reference solution (lab05_reference), never the student's code, and chapter 01's
# header-only simulator (Particle, the given evolve).
find_package(OpenMP REQUIRED COMPONENTS CXX)

set(_ch05_demo_libs OpenMP::OpenMP_CXX TBB::tbb lab05_reference)
# A demo of this chapter: OpenMP and oneTBB linked, chapter 01's header-only simulator on the include path.
function(_ch05_demo name)
  hpc_demo(NAME ${name} SOURCES demos/${name}.cpp LIBS ${_ch05_demo_libs} ${ARGN})
  if(TARGET ch05_demo_${name})
    target_include_directories(ch05_demo_${name} PRIVATE "${HPC_COURSE_ROOT}/labs/01-profiling/include")
  endif()
endfunction()

_ch05_demo(pi)
_ch05_demo(counter)
_ch05_demo(evolve)
_ch05_demo(small_arrays)
_ch05_demo(amdahl)
_ch05_demo(schedule)
_ch05_demo(triad)

# Under ThreadSanitizer the demos' runs would report races that are not there: libgomp and libtbb are not
# built with TSan, so it cannot see their synchronisation (lab 05's OpenMP/oneTBB tests are skipped there
# for the same reason), and the counter demo races on purpose. Their runs are disabled in TSan builds; the
# asan and ubsan presets run them.
if(HPC_BUILD_DEMOS AND HPC_SANITIZER STREQUAL "thread")
  foreach(demo pi counter evolve small_arrays schedule triad)  # amdahl: std::thread only, TSan-clean
    if(TEST ch05.demo.${demo})
      set_tests_properties(ch05.demo.${demo} PROPERTIES DISABLED TRUE)
    endif()
  endforeach()
endif()

# Benchmarks (the third, bench_schedulers, is task 6's: task_group.cmake).
function(_ch05_bench name)
  hpc_bench(NAME ${name} SOURCES bench/bench_${name}.cpp LIBS ${_ch05_demo_libs})
  if(TARGET ch05_bench_${name})
    target_include_directories(ch05_bench_${name} PRIVATE "${HPC_COURSE_ROOT}/labs/01-profiling/include")
  endif()
endfunction()

_ch05_bench(pi)        # the granularity curve: pi by scheduling policy and chunk count
_ch05_bench(scaling)   # lab 05's evolve and reductions by thread count
