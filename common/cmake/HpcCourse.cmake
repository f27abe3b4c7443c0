# The course's build conventions, shared by the top-level project and by every chapter configured alone.
#   hpc_chapter(NN topic)       starts a chapter: target group chNN, CTest label chNN
#   hpc_lab(...)                the chapter's lab: student/reference libraries, graded tests, stub proof
#   hpc_lab_variant(...)        a known-broken implementation the graded tests must catch (HPC_BUILD_VARIANTS)
#   hpc_demo(NAME ...)          a demo program, run in CI with --quick
#   hpc_bench(NAME ...)         a Google Benchmark program, smoke-run in CI
# Aggregate targets: labs (every labNN_tests), demos and benches (also per chapter: chNN_demos,
# chNN_benches), and chNN (everything of chapter NN).
#
# The build budget (DESIGN.md §8 rule 7) and how this file keeps it:
#   - A student's first score needs only each lab's student library, its labNN_tests and the `lab`
#     command (`common/course grade` builds exactly the targets `lab` and `labs`). Reference libraries
#     are EXCLUDE_FROM_ALL in student builds (only a demo or benchmark that links one builds it), broken
#     variants exist only with HPC_BUILD_VARIANTS, demos and benchmarks hang off `demos`/`benches`.
#   - A lab's test sources are compiled once (an OBJECT library, labNN_test_objects) and linked into
#     every program that runs them: the graded tests, the stub proof and each broken variant.
#   - ccache is used automatically when installed, so a rebuild after `git pull` or in a fresh build
#     folder costs seconds for everything that did not change.
#   - HEAVY HEADERS STAY IN FEW TRANSLATION UNITS. OpenCV (<opencv2/...>), Asio, cpp-httplib, Thrust
#     and Eigen cost 2-10 s of compile time per file that includes them, on every rebuild of that file.
#     A chapter that needs one puts it behind its own small header: the lab's public header in
#     labs/NN/include declares plain types (std::vector, spans, a small Image struct, an opaque
#     handle/pimpl), and only the one or two .cpp files that do the work include the heavy library.
#     Tests include the lab's header, never the heavy one, unless a test compares against the library
#     itself; then that comparison lives in one test file of its own. A test server (cpp-httplib) is
#     one .cpp in the chapter or in common/, started from the tests through a small header.
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
# Broken variants (hpc_lab_variant) are maintainers' proofs on the reference; a student's build never
# needs them. Default: on when the graded tests build against the reference. The presets set it.
if(HPC_LAB_IMPL STREQUAL "reference")
  set(_hpc_variants_default ON)
else()
  set(_hpc_variants_default OFF)
endif()
option(HPC_BUILD_VARIANTS "Build the labs' known-broken variants and their CTest proofs" ${_hpc_variants_default})
option(HPC_USE_CCACHE "Compile through ccache when it is installed and no compiler launcher is set" ON)

if(NOT HPC_LAB_IMPL MATCHES "^(student|reference)$")
  message(FATAL_ERROR "HPC_LAB_IMPL must be 'student' or 'reference', not '${HPC_LAB_IMPL}'")
endif()

# ccache, when present and no launcher was chosen on the command line (-DCMAKE_CXX_COMPILER_LAUNCHER=...,
# also an empty one, wins). A normal variable, so it also applies when this file is included from a
# chapter configured alone.
# The sloppiness lets ccache cache compiles that use the precompiled GoogleTest header (see
# _hpc_use_test_pch); ccache 4.7 takes it only from its environment or config file, hence `env`.
if(HPC_USE_CCACHE AND NOT DEFINED CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(HPC_CCACHE_PROGRAM ccache)
  if(HPC_CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER env CCACHE_SLOPPINESS=pch_defines,time_macros "${HPC_CCACHE_PROGRAM}")
  endif()
endif()

# Warnings on, everywhere (DESIGN.md §7). nvcc does not take g++'s warning options itself: for CUDA
# sources they go to the host compiler through -Xcompiler (the device side has its own diagnostics).
add_compile_options($<$<COMPILE_LANGUAGE:CXX>:-Wall> $<$<COMPILE_LANGUAGE:CXX>:-Wextra>
                    $<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra>)

if(HPC_SANITIZER)
  if(NOT HPC_SANITIZER MATCHES "^(address|undefined|thread)$")
    message(FATAL_ERROR "HPC_SANITIZER must be address, undefined or thread, not '${HPC_SANITIZER}'")
  endif()
  set(_hpc_san_flags -fsanitize=${HPC_SANITIZER} -fno-omit-frame-pointer)
  if(HPC_SANITIZER STREQUAL "undefined")
    list(APPEND _hpc_san_flags -fno-sanitize-recover=all)
  endif()
  # C++ sources only: nvcc rejects -fsanitize, and its host objects stay uninstrumented (a race or an
  # overflow inside a .cu file's host code goes unseen; the graded CPU paths are plain C++). Linking goes
  # through g++ for every program, so the runtime is linked in either way.
  add_compile_options("$<$<COMPILE_LANGUAGE:CXX>:${_hpc_san_flags}>")
  add_link_options(${_hpc_san_flags})
  add_compile_definitions(HPC_SANITIZER="${HPC_SANITIZER}")
endif()

include(${CMAKE_CURRENT_LIST_DIR}/HpcDependencies.cmake)

# CUDA is optional (DESIGN.md §6, chapter 12): CUDA sources build wherever a CUDA compiler is found
# (CI has nvcc but no GPU, so every .cu file is compiled there and cannot rot); without one, the CUDA
# targets are left out with one message and chapters test HPC_HAVE_CUDA (hpc::gpu_device then says "this
# build has no CUDA compiler"). Kernels run only where a device exists: `common/course cuda`.
# -DHPC_ENABLE_CUDA=OFF builds as if there were no nvcc.
option(HPC_ENABLE_CUDA "Build CUDA targets when a CUDA compiler is found" ON)
set(HPC_HAVE_CUDA OFF)
if(HPC_ENABLE_CUDA)
  if(NOT DEFINED ENV{CUDACXX} AND NOT CMAKE_CUDA_COMPILER AND EXISTS /usr/local/cuda/bin/nvcc)
    set(CMAKE_CUDA_COMPILER /usr/local/cuda/bin/nvcc)
  endif()
  include(CheckLanguage)
  if(IS_ABSOLUTE "${CMAKE_CUDA_COMPILER}" AND NOT EXISTS "${CMAKE_CUDA_COMPILER}")
    # A compiler named on the command line (or left in the cache) that is not there: the same as none,
    # rather than a configure error (enable_language would stop the whole course's configure).
    set(_hpc_cuda_missing " (${CMAKE_CUDA_COMPILER} does not exist)")
    set(CMAKE_CUDA_COMPILER "")
  else()
    check_language(CUDA)
  endif()
  if(CMAKE_CUDA_COMPILER)
    # .cu files are C++20 as the rest (nvcc 13 with g++ 12 takes it). Architecture 75 (Turing, the oldest CUDA 13 still
    # builds for) unless the user chose one; `native` needs a GPU at configure time, so only the cuda
    # preset, run on a GPU machine, may ask for it.
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      set(CMAKE_CUDA_ARCHITECTURES 75)
    endif()
    if(HPC_USE_CCACHE AND HPC_CCACHE_PROGRAM AND NOT DEFINED CMAKE_CUDA_COMPILER_LAUNCHER)
      set(CMAKE_CUDA_COMPILER_LAUNCHER "${HPC_CCACHE_PROGRAM}")
    endif()
    enable_language(CUDA)
    # After enable_language: CMake's compiler check must not be asked for C++20 itself. CMake 3.25
    # (Debian 12) knows no C++20 flag for nvcc although nvcc 12+ takes -std=c++20: tell it.
    if(NOT DEFINED CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    set(CMAKE_CUDA_STANDARD 20)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    set(HPC_HAVE_CUDA ON)
    message(STATUS "CUDA: building CUDA targets with ${CMAKE_CUDA_COMPILER}")
  else()
    message(STATUS "CUDA: no CUDA compiler found${_hpc_cuda_missing}, CUDA targets are left out "
                   "(install the CUDA toolkit to build them)")
  endif()
else()
  message(STATUS "CUDA: HPC_ENABLE_CUDA is OFF, CUDA targets are left out")
endif()
enable_testing()

# One target builds every lab's graded tests (`labs`, what `lab grade` builds), every demo (`demos`) or
# every benchmark (`benches`); `chNN` builds everything of one chapter.
foreach(_hpc_group labs demos benches)
  if(NOT TARGET ${_hpc_group})
    add_custom_target(${_hpc_group})
  endif()
endforeach()

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

# Adds target to the course-wide group (demos, benches) and to the chapter's own (chNN_demos, ...).
function(_hpc_add_to_group group target)
  if(NOT TARGET ch${HPC_CHAPTER}_${group})
    add_custom_target(ch${HPC_CHAPTER}_${group})
    add_dependencies(${group} ch${HPC_CHAPTER}_${group})
  endif()
  add_dependencies(ch${HPC_CHAPTER}_${group} ${target})
endfunction()

# hpc_lab(SOURCES a.cpp b.cpp  TESTS tests/x.cpp ...  [LIBS targets...])
#   SOURCES: file names found both in labs/NN/src (stubs) and solutions/NN/src (reference).
#   Makes: labNN_student and labNN_reference (libraries; the reference one is built in a student build
#   only when a demo or benchmark links it), labNN_test_objects (the test sources, compiled once),
#   labNN_tests (graded tests against HPC_LAB_IMPL), and with HPC_STUB_PROOF labNN_stub_tests plus the
#   CTest case chNN.stub-proof.
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
    # The objects are a target of their own so that a broken variant reuses every file it does not
    # change instead of compiling the whole implementation again.
    add_library(${lab}_${impl}_objects OBJECT ${srcs})
    target_include_directories(${lab}_${impl}_objects PUBLIC "${HPC_LAB_DIR}/include")
    target_link_libraries(${lab}_${impl}_objects PUBLIC hpc::common ${ARG_LIBS})
    add_library(${lab}_${impl} STATIC $<TARGET_OBJECTS:${lab}_${impl}_objects>)
    target_include_directories(${lab}_${impl} PUBLIC "${HPC_LAB_DIR}/include")
    target_link_libraries(${lab}_${impl} PUBLIC hpc::common ${ARG_LIBS})
    if(NOT impl STREQUAL HPC_LAB_IMPL)
      set_target_properties(${lab}_${impl} ${lab}_${impl}_objects PROPERTIES EXCLUDE_FROM_ALL ON)
    endif()
  endforeach()

  # The graded tests include only the lab's interface, never an implementation, so one compilation
  # serves the graded program, the stub proof and every broken variant.
  list(TRANSFORM ARG_TESTS PREPEND "${HPC_LAB_DIR}/" OUTPUT_VARIABLE test_srcs)
  add_library(${lab}_test_objects OBJECT ${test_srcs})
  target_include_directories(${lab}_test_objects PRIVATE "${HPC_LAB_DIR}/include")
  target_link_libraries(${lab}_test_objects PRIVATE hpc::common hpc::testing ${ARG_LIBS})
  _hpc_use_test_pch(${lab}_test_objects "${ARG_LIBS}")

  _hpc_lab_test_program(${lab}_tests ${lab}_${HPC_LAB_IMPL} ${HPC_LAB_IMPL} "${ARG_LIBS}")
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
    _hpc_lab_test_program(${lab}_stub_tests ${lab}_student stubs "${ARG_LIBS}")
    _hpc_add_to_chapter(${lab}_stub_tests)
    add_test(NAME ch${HPC_CHAPTER}.stub-proof
             COMMAND lab prove ${HPC_CHAPTER} --binary $<TARGET_FILE:${lab}_stub_tests>)
    set_tests_properties(ch${HPC_CHAPTER}.stub-proof PROPERTIES
                         LABELS "ch${HPC_CHAPTER};stub-proof" RUN_SERIAL TRUE)
  endif()
endfunction()

# hpc_lab_variant(NAME name REPLACE file.cpp=<path> ... FILTER gtest-filter EXPECT_OUTPUT regex
#                 [SANITIZER address|undefined|thread | UNSANITIZED] [TIMEOUT seconds] [RUN_SERIAL])
#   Proves that the graded tests catch a known-broken implementation: the reference sources with some
#   files replaced (paths relative to the chapter folder), built into labNN_variant_<name> and run
#   with --gtest_filter=FILTER. The CTest case chNN.variant.<name> passes only when the output
#   matches EXPECT_OUTPUT (e.g. "timed out after" for a deadlocking queue, "ThreadSanitizer" for a
#   race), and CTest's TIMEOUT proves the run does not hang. With SANITIZER, the variant exists only
#   in builds with that sanitizer (e.g. the tsan preset). With UNSANITIZED it exists only in builds
#   without one: its proof needs optimised, uninstrumented code (a speed bar, which sanitizer builds
#   skip; a crash's signal name, which a sanitizer replaces with its own report; a slow wrong answer or a
#   time-out that ThreadSanitizer and the tsan preset's HPC_WATCHDOG_SCALE stretch past the variant's
#   TIMEOUT). Without HPC_BUILD_VARIANTS (the grade preset) no variant exists at all. RUN_SERIAL: CTest
#   runs the proof with no other test beside it, for a test that decides only when it has the cores to
#   itself and skips otherwise (a skip would fail the proof).
function(hpc_lab_variant)
  cmake_parse_arguments(ARG "FROM_STUBS;UNSANITIZED;RUN_SERIAL"
                        "NAME;FILTER;EXPECT_OUTPUT;FORBID_OUTPUT;SANITIZER;TIMEOUT" "REPLACE;PATCH" ${ARGN})
  if(NOT HPC_BUILD_VARIANTS)
    return()
  endif()
  if(ARG_SANITIZER AND NOT HPC_SANITIZER STREQUAL ARG_SANITIZER)
    return()
  endif()
  if(ARG_UNSANITIZED AND HPC_SANITIZER)
    return()
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set(lab "lab${HPC_CHAPTER}")
  set(base_dir "${HPC_SOLUTION_DIR}/src")
  if(ARG_FROM_STUBS)
    set(base_dir "${HPC_LAB_DIR}/src")
  endif()
  list(TRANSFORM HPC_LAB_SOURCES PREPEND "${base_dir}/" OUTPUT_VARIABLE srcs)
  _hpc_variant_patches(srcs "${base_dir}" "${ARG_NAME}" ${ARG_PATCH})
  foreach(pair IN LISTS ARG_REPLACE)
    string(REPLACE "=" ";" parts "${pair}")
    list(GET parts 0 file)
    list(GET parts 1 replacement)
    list(TRANSFORM srcs REPLACE "/${file}$" "/${file}.replaced")
    list(REMOVE_ITEM srcs "${base_dir}/${file}.replaced")
    list(APPEND srcs "${HPC_CHAPTER_DIR}/${replacement}")
  endforeach()
  set(target ${lab}_variant_${ARG_NAME})
  # Compile only what the variant changes; take every other object from the reference (or stubs).
  set(changed_names "")
  set(changed_srcs "")
  foreach(src IN LISTS srcs)
    if(NOT src MATCHES "^${base_dir}/")
      list(APPEND changed_srcs "${src}")
      get_filename_component(name "${src}" NAME)
      string(REPLACE "." "\\." name "${name}")
      list(APPEND changed_names "${name}")
    endif()
  endforeach()
  foreach(pair IN LISTS ARG_REPLACE)  # a replaced file's object is left out under its original name
    string(REPLACE "=" ";" parts "${pair}")
    list(GET parts 0 file)
    string(REPLACE "." "\\." file "${file}")
    list(APPEND changed_names "${file}")
  endforeach()
  list(JOIN changed_names "|" changed_regex)
  set(impl_objects ${lab}_reference_objects)
  if(ARG_FROM_STUBS)
    set(impl_objects ${lab}_student_objects)
  endif()
  set(kept_objects "$<TARGET_OBJECTS:${impl_objects}>")
  if(changed_regex)
    set(kept_objects "$<FILTER:${kept_objects},EXCLUDE,/(${changed_regex})\\.o$>")
  endif()
  add_library(${target}_impl STATIC ${changed_srcs} ${kept_objects})
  target_include_directories(${target}_impl PUBLIC "${HPC_LAB_DIR}/include")
  target_link_libraries(${target}_impl PUBLIC hpc::common ${HPC_LAB_LIBS})
  _hpc_lab_test_program(${target} ${target}_impl variant-${ARG_NAME} "${HPC_LAB_LIBS}")
  _hpc_add_to_chapter(${target})
  add_test(NAME ch${HPC_CHAPTER}.variant.${ARG_NAME} COMMAND ${target} --gtest_filter=${ARG_FILTER})
  set_tests_properties(ch${HPC_CHAPTER}.variant.${ARG_NAME} PROPERTIES
                       LABELS "ch${HPC_CHAPTER};variant" TIMEOUT ${ARG_TIMEOUT}
                       PASS_REGULAR_EXPRESSION "${ARG_EXPECT_OUTPUT}")
  if(ARG_FORBID_OUTPUT)
    set_tests_properties(ch${HPC_CHAPTER}.variant.${ARG_NAME} PROPERTIES
                         FAIL_REGULAR_EXPRESSION "${ARG_FORBID_OUTPUT}")
  endif()
  if(ARG_RUN_SERIAL)
    set_tests_properties(ch${HPC_CHAPTER}.variant.${ARG_NAME} PROPERTIES RUN_SERIAL TRUE)
  endif()
endfunction()

# PATCH file.cpp "exact text" "replacement" ...: the variant compiles a copy of file.cpp (from the
# reference, or the stubs with FROM_STUBS) with every occurrence of the text replaced, so a one-line
# bug needs no second copy of the whole file. The text must be there: a patch that no longer applies
# stops the configure instead of proving nothing. (No semicolons in the texts: CMake splits lists there.)
function(_hpc_variant_patches srcs_var base_dir variant)
  set(srcs "${${srcs_var}}")
  set(patches ${ARGN})
  # A configure that stopped half-way may have left patched text behind: start from the originals.
  file(GLOB stale "${CMAKE_CURRENT_BINARY_DIR}/variant-${variant}/*.in-progress")
  if(stale)
    file(REMOVE ${stale})
  endif()
  list(LENGTH patches count)
  while(count GREATER 0)
    if(count LESS 3)
      message(FATAL_ERROR "hpc_lab_variant(${variant}): PATCH takes triples: file \"text\" \"replacement\"")
    endif()
    list(POP_FRONT patches file text replacement)
    set(patched "${CMAKE_CURRENT_BINARY_DIR}/variant-${variant}/${file}")
    if(EXISTS "${patched}.in-progress")
      file(READ "${patched}.in-progress" content)
    else()
      file(READ "${base_dir}/${file}" content)
    endif()
    string(FIND "${content}" "${text}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "hpc_lab_variant(${variant}): '${text}' is not in ${base_dir}/${file}")
    endif()
    string(REPLACE "${text}" "${replacement}" content "${content}")
    file(WRITE "${patched}.in-progress" "${content}")
    list(TRANSFORM srcs REPLACE "^${base_dir}/${file}$" "${patched}")
    list(LENGTH patches count)
  endwhile()
  # Write each patched file only when it changed, so a re-configure does not rebuild the variant.
  file(GLOB pending "${CMAKE_CURRENT_BINARY_DIR}/variant-${variant}/*.in-progress")
  foreach(in_progress IN LISTS pending)
    string(REGEX REPLACE "\\.in-progress$" "" final "${in_progress}")
    file(READ "${in_progress}" content)
    set(old_content "")
    if(EXISTS "${final}")
      file(READ "${final}" old_content)
    endif()
    if(NOT old_content STREQUAL content)
      file(WRITE "${final}" "${content}")
    endif()
    file(REMOVE "${in_progress}")
  endforeach()
  set(${srcs_var} "${srcs}" PARENT_SCOPE)
endfunction()

# A lab's test program: the lab's compiled test sources, the implementation library impl_lib (which
# links libs), main() and the lab's identity (impl_name: student, reference, stubs or variant-<name>).
# main() (common/src/grading_main.cpp) is compiled once for every program of the course; the identity is
# a two-line source written here. (Compiled into each program with -D flags, main() cost 3-8 s of CPU per
# program: about a hundred programs with the broken variants.)
function(_hpc_lab_test_program target impl_lib impl_name libs)
  if(NOT TARGET hpc_grading_main)
    add_library(hpc_grading_main OBJECT "${HPC_COURSE_ROOT}/common/src/grading_main.cpp")
    target_link_libraries(hpc_grading_main PRIVATE hpc::testing)
    _hpc_use_test_pch(hpc_grading_main "" SHARED_ONLY)
  endif()
  set(identity "${CMAKE_CURRENT_BINARY_DIR}/${target}_identity.cpp")
  string(CONCAT content
         "// Written by _hpc_lab_test_program (common/cmake/HpcCourse.cmake): who this program grades.\n"
         "namespace hpc::common::lab_identity {\n"
         "extern const char* const id = \"${HPC_CHAPTER}\";\n"
         "extern const char* const topic = \"${HPC_CHAPTER_TOPIC}\";\n"
         "extern const char* const impl_name = \"${impl_name}\";\n"
         "}  // namespace hpc::common::lab_identity\n")
  set(old_content "")
  if(EXISTS "${identity}")
    file(READ "${identity}" old_content)
  endif()
  if(NOT old_content STREQUAL content)  # unchanged: no rebuild after a re-configure
    file(WRITE "${identity}" "${content}")
  endif()
  add_executable(${target} "${identity}" $<TARGET_OBJECTS:hpc_grading_main>)
  target_link_libraries(${target} PRIVATE lab${HPC_CHAPTER}_test_objects ${impl_lib} hpc::testing)
endfunction()

# Precompiled <gtest/gtest.h> for every lab test source and every test program's main().
# Measured 2026-11-30 on the 2-core machine (g++ 12, -O2 -g, ninja -j2, ccache off; other builds were
# running, so CPU seconds, not wall time): compiling the 50 test sources and mains of labs 01, 02, 06
# and 11 took 174 s and 187 s of CPU without the precompiled header and 134 s and 139 s with it (the
# header itself costs about 4.5 s, once). Per file the front end drops from about 1.8 s to 0.8 s; code
# generation stays. That is about 45 s of CPU, some 20 s of a fresh build's wall time on 2 cores, so it
# stays. One header is built (in hpc_gtest_pch) and reused by every lab whose LIBS are known not to
# change compile flags; a lab that links something else (OpenMP adds -fopenmp, which makes a shared
# header unusable: "not used because `_OPENMP' is defined") gets its own copy. ccache caches these
# compiles only with sloppiness pch_defines,time_macros, which the launcher above sets.
option(HPC_PRECOMPILE_HEADERS "Precompile <gtest/gtest.h> for the labs' test programs" ON)
set(_hpc_pch_safe_libs hpc::alloc_counter hpc::common hpc::testing Threads::Threads TBB::tbb)
function(_hpc_use_test_pch target libs)
  if(NOT HPC_PRECOMPILE_HEADERS)
    return()
  endif()
  if(NOT TARGET hpc_gtest_pch)
    set(source "${CMAKE_BINARY_DIR}/hpc_gtest_pch.cpp")
    if(NOT EXISTS "${source}")
      file(WRITE "${source}" "// Owner of the shared precompiled <gtest/gtest.h> (common/cmake/HpcCourse.cmake).\n")
    endif()
    add_library(hpc_gtest_pch OBJECT "${source}")
    target_link_libraries(hpc_gtest_pch PRIVATE hpc::testing)
    target_precompile_headers(hpc_gtest_pch PRIVATE <gtest/gtest.h>)
  endif()
  set(own_copy OFF)
  foreach(lib IN LISTS libs)
    if(NOT lib IN_LIST _hpc_pch_safe_libs)
      set(own_copy ON)
    endif()
  endforeach()
  if(own_copy AND "SHARED_ONLY" IN_LIST ARGN)
    return()
  elseif(own_copy)
    # C++ sources only: a .cu file in such a target (nvcc) must not be handed g++'s precompiled header.
    target_precompile_headers(${target} PRIVATE "$<$<COMPILE_LANGUAGE:CXX>:<gtest/gtest.h>>")
  else()
    target_precompile_headers(${target} REUSE_FROM hpc_gtest_pch)
  endif()
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
  _hpc_add_to_group(demos ${target})
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
  _hpc_add_to_group(benches ${target})
  add_test(NAME ch${HPC_CHAPTER}.bench.${ARG_NAME}
           COMMAND ${target} --benchmark_min_time=0.001 --benchmark_repetitions=1)
  set_tests_properties(ch${HPC_CHAPTER}.bench.${ARG_NAME} PROPERTIES LABELS "ch${HPC_CHAPTER};bench")
  set(HPC_LAST_TARGET ${target} PARENT_SCOPE)
endfunction()
