# Chapter 07's demos and benchmarks, included by chapters/07-web-requests/CMakeLists.txt after hpc_lab().
# They use lab 07's reference solution (lab07_reference, which brings libcurl and common/'s HTTP test
# server) and, where a pool is the point, lab 06's (lab06_reference); never the student's code. Every
# demo starts its own test server on 127.0.0.1 unless it is given --base-url, and runs in CI with --quick
# (a few seconds each: the requests wait on the server, so a loaded machine changes little); the
# benchmark runs once, briefly.
if(NOT TARGET lab07_reference)
  return()  # CMakeLists.txt said why the lab is left out
endif()

set(_ch07_demo_libs lab07_reference CURL::libcurl)

hpc_demo(NAME get_and_save SOURCES demos/get_and_save.cpp LIBS ${_ch07_demo_libs})  # the book's example 1
hpc_demo(NAME ping SOURCES demos/ping.cpp LIBS ${_ch07_demo_libs})                  # examples 2-4
hpc_demo(NAME deadline SOURCES demos/deadline.cpp LIBS ${_ch07_demo_libs})          # examples 5-6
hpc_demo(NAME sweep SOURCES demos/sweep.cpp LIBS ${_ch07_demo_libs})                # the notes' figure
# The notes try the routes with curl against the test server on its own (common/'s hpc-http-server):
# `common/course demos 07` builds it with the demos.
if(TARGET ch07_demos AND TARGET hpc-http-server)
  add_dependencies(ch07_demos hpc-http-server)
endif()

# The downloads demo and the benchmark compare against a thread pool, lab 06's: there only when chapter
# 06 is in the same build (the whole course; not `cmake -S chapters/07-web-requests` alone).
if(TARGET lab06_reference)
  hpc_demo(NAME downloads SOURCES demos/downloads.cpp LIBS ${_ch07_demo_libs} lab06_reference)  # seeds 003, 004
  hpc_bench(NAME requests SOURCES bench/bench_requests.cpp LIBS ${_ch07_demo_libs} lab06_reference)
else()
  message(STATUS "Chapter 07: ch07_demo_downloads and ch07_bench_requests need lab 06's thread pool "
                 "(configure the whole course); left out")
endif()
