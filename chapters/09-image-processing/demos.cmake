# Chapter 09's demos and benchmarks, included by chapters/09-image-processing/CMakeLists.txt after hpc_lab().
# Every demo uses the generated ship (hpc::test_images), so none needs an image file; basics and kernels
# put the lab's reference kernels beside OpenCV's. Each runs in CI with --quick (a second or two). OpenCV
# stays in these few files (DESIGN.md section 8, rule 7), none of which a student's first grade builds.
if(TARGET lab09_reference)
  hpc_demo(NAME basics SOURCES demos/basics.cpp LIBS lab09_reference hpc::test_images hpc::opencv)  # ex. 1-4
  hpc_demo(NAME kernels SOURCES demos/kernels.cpp demos/vectorize.cpp  # vectorize.cpp: the notes' section 4.1
           LIBS lab09_reference hpc::test_images hpc::opencv)
  hpc_bench(NAME kernels SOURCES bench/bench_kernels.cpp LIBS lab09_reference hpc::test_images hpc::opencv)
else()
  message(STATUS "Chapter 09: ch09_demo_basics, ch09_demo_kernels and ch09_bench_kernels need lab 09's reference "
                 "(configure the whole course); left out")
endif()
# The book's examples 5 and 6: threads, processes (fork) and oneTBB; OpenCV calls only, no lab code.
hpc_demo(NAME pipeline SOURCES demos/pipeline.cpp LIBS hpc::test_images hpc::opencv TBB::tbb)
