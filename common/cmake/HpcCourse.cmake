# The course's build conventions, shared by the top-level project and by every chapter configured alone.
#   hpc_chapter(NN topic)       starts a chapter: target group chNN, CTest label chNN
#   hpc_lab(...)                the chapter's lab: student/reference libraries, graded tests, stub proof
#   hpc_demo(NAME ...)          a demo program, run in CI with --quick
#   hpc_bench(NAME ...)         a Google Benchmark program, smoke-run in CI
include_guard(GLOBAL)

get_filename_component(HPC_COURSE_ROOT "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/bin")

set(HPC_LAB_IMPL "student" CACHE STRING
    "Which code the graded tests build against: student (labs/NN/src) or reference (solutions/NN/src)")
set_property(CACHE HPC_LAB_IMPL PROPERTY STRINGS student reference)
option(HPC_STUB_PROOF "Also build every lab against its stubs and prove each graded test fails there" OFF)
set(HPC_SANITIZER "" CACHE STRING "Build with a sanitizer: address, undefined or thread (empty: none)")
set_property(CACHE HPC_SANITIZER PROPERTY STRINGS "" address undefined thread)
option(HPC_BUILD_DEMOS "Build the chapters' demo programs" ON)
option(HPC_BUILD_BENCHMARKS "Build the chapters' Google Benchmark programs" ON)

if(NOT HPC_LAB_IMPL MATCHES "^(student|reference)$")
  message(FATAL_ERROR "HPC_LAB_IMPL must be 'student' or 'reference', not '${HPC_LAB_IMPL}'")
endif()

# Warnings on, everywhere (DESIGN.md §7).
add_compile_options(-Wall -Wextra)

if(HPC_SANITIZER)
  if(NOT HPC_SANITIZER MATCHES "^(address|undefined|thread)$")
    message(FATAL_ERROR "HPC_SANITIZER must be address, undefined or thread, not '${HPC_SANITIZER}'")
  endif()
  set(_hpc_san_flags -fsanitize=${HPC_SANITIZER} -fno-omit-frame-pointer)
  if(HPC_SANITIZER STREQUAL "undefined")
    list(APPEND _hpc_san_flags -fno-sanitize-recover=all)
  endif()
  add_compile_options(${_hpc_san_flags})
  add_link_options(${_hpc_san_flags})
  add_compile_definitions(HPC_SANITIZER="${HPC_SANITIZER}")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/HpcDependencies.cmake)

# CUDA is optional (DESIGN.md §6): the cuda preset asks for it; without nvcc the CUDA targets are left
# out and chapters use HPC_HAVE_CUDA to decide.
option(HPC_ENABLE_CUDA "Build CUDA targets when a CUDA compiler exists" OFF)
set(HPC_HAVE_CUDA OFF)
if(HPC_ENABLE_CUDA)
  if(NOT DEFINED ENV{CUDACXX} AND NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    enable_language(CUDA)
    set(HPC_HAVE_CUDA ON)
    message(STATUS "CUDA: building CUDA targets with ${CMAKE_CUDA_COMPILER}")
  else()
    message(STATUS "CUDA: no CUDA compiler found, CUDA targets are left out (install nvcc to build them)")
  endif()
endif()
enable_testing()

# Every chapter target also hangs off `chapters` (and every lab off `labs`), so one target builds them all.
if(NOT TARGET labs)
  add_custom_target(labs)
endif()

# hpc_chapter(NN topic): starts a chapter. Sets HPC_CHAPTER (NN), HPC_CHAPTER_TOPIC and the folder names.
macro(hpc_chapter number topic)
  set(HPC_CHAPTER "${number}")
  set(HPC_CHAPTER_TOPIC "${topic}")
  set(HPC_CHAPTER_FOLDER "${number}-${topic}")
  set(HPC_CHAPTER_DIR "${HPC_COURSE_ROOT}/chapters/${HPC_CHAPTER_FOLDER}")
  set(HPC_LAB_DIR "${HPC_COURSE_ROOT}/labs/${HPC_CHAPTER_FOLDER}")
  set(HPC_SOLUTION_DIR "${HPC_COURSE_ROOT}/solutions/${HPC_CHAPTER_FOLDER}")
  if(NOT TARGET ch${number})
    add_custom_target(ch${number})
  endif()
endmacro()

function(_hpc_add_to_chapter target)
  add_dependencies(ch${HPC_CHAPTER} ${target})
endfunction()

# hpc_lab(SOURCES a.cpp b.cpp  TESTS tests/x.cpp ...  [LIBS targets...])
#   SOURCES: file names found both in labs/NN/src (stubs) and solutions/NN/src (reference).
#   Makes: labNN_student and labNN_reference (libraries), labNN_tests (graded tests against
#   HPC_LAB_IMPL), and with HPC_STUB_PROOF labNN_stub_tests plus the CTest case chNN.stub-proof.
function(hpc_lab)
  cmake_parse_arguments(ARG "" "" "SOURCES;TESTS;LIBS" ${ARGN})
  set(lab "lab${HPC_CHAPTER}")
  foreach(impl student reference)
    if(impl STREQUAL "student")
      set(dir "${HPC_LAB_DIR}/src")
    else()
      set(dir "${HPC_SOLUTION_DIR}/src")
    endif()
    list(TRANSFORM ARG_SOURCES PREPEND "${dir}/" OUTPUT_VARIABLE srcs)
    add_library(${lab}_${impl} STATIC ${srcs})
    target_include_directories(${lab}_${impl} PUBLIC "${HPC_LAB_DIR}/include")
    target_link_libraries(${lab}_${impl} PUBLIC hpc::common ${ARG_LIBS})
  endforeach()

  list(TRANSFORM ARG_TESTS PREPEND "${HPC_LAB_DIR}/" OUTPUT_VARIABLE test_srcs)
  _hpc_lab_test_program(${lab}_tests ${HPC_LAB_IMPL} "${test_srcs}")
  add_dependencies(labs ${lab}_tests)
  _hpc_add_to_chapter(${lab}_tests)
  add_test(NAME ch${HPC_CHAPTER}.lab.${HPC_LAB_IMPL}
           COMMAND ${lab}_tests --hpc_results=${CMAKE_BINARY_DIR}/results/${lab}-${HPC_LAB_IMPL}.json)
  set_tests_properties(ch${HPC_CHAPTER}.lab.${HPC_LAB_IMPL} PROPERTIES
                       LABELS "ch${HPC_CHAPTER};lab" RUN_SERIAL TRUE)

  # Remembered for hpc_lab_variant.
  set(HPC_LAB_SOURCES "${ARG_SOURCES}" PARENT_SCOPE)
  set(HPC_LAB_TEST_SOURCES "${test_srcs}" PARENT_SCOPE)
  set(HPC_LAB_LIBS "${ARG_LIBS}" PARENT_SCOPE)

  if(HPC_STUB_PROOF)
    _hpc_lab_test_program(${lab}_stub_tests student "${test_srcs}")
    _hpc_add_to_chapter(${lab}_stub_tests)
    add_test(NAME ch${HPC_CHAPTER}.stub-proof
             COMMAND lab prove ${HPC_CHAPTER} --binary $<TARGET_FILE:${lab}_stub_tests>)
    set_tests_properties(ch${HPC_CHAPTER}.stub-proof PROPERTIES
                         LABELS "ch${HPC_CHAPTER};stub-proof" RUN_SERIAL TRUE)
  endif()
endfunction()

# hpc_lab_variant(NAME name REPLACE file.cpp=<path> ... FILTER gtest-filter EXPECT_OUTPUT regex
#                 [SANITIZER address|undefined|thread] [TIMEOUT seconds])
#   Proves that the graded tests catch a known-broken implementation: the reference sources with some
#   files replaced (paths relative to the chapter folder), built into labNN_variant_<name> and run
#   with --gtest_filter=FILTER. The CTest case chNN.variant.<name> passes only when the output
#   matches EXPECT_OUTPUT (e.g. "timed out after" for a deadlocking queue, "ThreadSanitizer" for a
#   race), and CTest's TIMEOUT proves the run does not hang. With SANITIZER, the variant exists only
#   in builds with that sanitizer (e.g. the tsan preset).
function(hpc_lab_variant)
  cmake_parse_arguments(ARG "" "NAME;FILTER;EXPECT_OUTPUT;SANITIZER;TIMEOUT" "REPLACE" ${ARGN})
  if(ARG_SANITIZER AND NOT HPC_SANITIZER STREQUAL ARG_SANITIZER)
    return()
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set(lab "lab${HPC_CHAPTER}")
  list(TRANSFORM HPC_LAB_SOURCES PREPEND "${HPC_SOLUTION_DIR}/src/" OUTPUT_VARIABLE srcs)
  foreach(pair IN LISTS ARG_REPLACE)
    string(REPLACE "=" ";" parts "${pair}")
    list(GET parts 0 file)
    list(GET parts 1 replacement)
    list(TRANSFORM srcs REPLACE "/${file}$" "/${file}.replaced")
    list(REMOVE_ITEM srcs "${HPC_SOLUTION_DIR}/src/${file}.replaced")
    list(APPEND srcs "${HPC_CHAPTER_DIR}/${replacement}")
  endforeach()
  set(target ${lab}_variant_${ARG_NAME})
  add_library(${target}_impl STATIC ${srcs})
  target_include_directories(${target}_impl PUBLIC "${HPC_LAB_DIR}/include")
  target_link_libraries(${target}_impl PUBLIC hpc::common ${HPC_LAB_LIBS})
  add_executable(${target} ${HPC_LAB_TEST_SOURCES} "${HPC_COURSE_ROOT}/common/src/grading_main.cpp")
  target_link_libraries(${target} PRIVATE ${target}_impl hpc::testing)
  target_compile_definitions(${target} PRIVATE HPC_LAB_ID="${HPC_CHAPTER}"
                             HPC_LAB_TOPIC="${HPC_CHAPTER_TOPIC}" HPC_LAB_IMPL_NAME="variant-${ARG_NAME}")
  _hpc_add_to_chapter(${target})
  add_test(NAME ch${HPC_CHAPTER}.variant.${ARG_NAME} COMMAND ${target} --gtest_filter=${ARG_FILTER})
  set_tests_properties(ch${HPC_CHAPTER}.variant.${ARG_NAME} PROPERTIES
                       LABELS "ch${HPC_CHAPTER};variant" TIMEOUT ${ARG_TIMEOUT}
                       PASS_REGULAR_EXPRESSION "${ARG_EXPECT_OUTPUT}")
endfunction()

function(_hpc_lab_test_program target impl test_srcs)
  add_executable(${target} ${test_srcs} "${HPC_COURSE_ROOT}/common/src/grading_main.cpp")
  target_link_libraries(${target} PRIVATE lab${HPC_CHAPTER}_${impl} hpc::testing)
  set(label "${impl}")
  if(target MATCHES "_stub_tests$")
    set(label stubs)
  endif()
  target_compile_definitions(${target} PRIVATE HPC_LAB_ID="${HPC_CHAPTER}"
                             HPC_LAB_TOPIC="${HPC_CHAPTER_TOPIC}" HPC_LAB_IMPL_NAME="${label}")
endfunction()

# hpc_demo(NAME name SOURCES ... [LIBS ...] [QUICK_ARGS ...] [NO_QUICK_RUN])
#   Target chNN_demo_<name>; CTest case chNN.demo.<name> runs it with --quick (plus QUICK_ARGS).
function(hpc_demo)
  if(NOT HPC_BUILD_DEMOS)
    return()
  endif()
  cmake_parse_arguments(ARG "NO_QUICK_RUN" "NAME" "SOURCES;LIBS;QUICK_ARGS" ${ARGN})
  set(target ch${HPC_CHAPTER}_demo_${ARG_NAME})
  list(TRANSFORM ARG_SOURCES PREPEND "${HPC_CHAPTER_DIR}/")
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE hpc::common ${ARG_LIBS})
  _hpc_add_to_chapter(${target})
  if(NOT ARG_NO_QUICK_RUN)
    add_test(NAME ch${HPC_CHAPTER}.demo.${ARG_NAME} COMMAND ${target} --quick ${ARG_QUICK_ARGS}
             WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
    set_tests_properties(ch${HPC_CHAPTER}.demo.${ARG_NAME} PROPERTIES LABELS "ch${HPC_CHAPTER};demo")
  endif()
  set(HPC_LAST_TARGET ${target} PARENT_SCOPE)
endfunction()

# hpc_bench(NAME name SOURCES ... [LIBS ...])
#   Target chNN_bench_<name> (Google Benchmark with its own main); CTest case chNN.bench.<name> runs
#   each benchmark once, briefly, so a broken benchmark is caught in CI. Full runs: the bench preset.
function(hpc_bench)
  if(NOT HPC_BUILD_BENCHMARKS)
    return()
  endif()
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;LIBS" ${ARGN})
  set(target ch${HPC_CHAPTER}_bench_${ARG_NAME})
  list(TRANSFORM ARG_SOURCES PREPEND "${HPC_CHAPTER_DIR}/")
  add_executable(${target} ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE hpc::common benchmark::benchmark_main ${ARG_LIBS})
  _hpc_add_to_chapter(${target})
  add_test(NAME ch${HPC_CHAPTER}.bench.${ARG_NAME}
           COMMAND ${target} --benchmark_min_time=0.001 --benchmark_repetitions=1)
  set_tests_properties(ch${HPC_CHAPTER}.bench.${ARG_NAME} PROPERTIES LABELS "ch${HPC_CHAPTER};bench")
  set(HPC_LAST_TARGET ${target} PARENT_SCOPE)
endfunction()
