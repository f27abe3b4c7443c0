# Lab 12's device glue (lab12b), included by CMakeLists.txt after hpc_lab(). With nvcc (HPC_HAVE_CUDA):
# chapters/12-gpu/device/lab_device.cu (tasks 1-4, cuBLAS) and lab_device_thrust.cu (task 5) are compiled
# once per implementation, lab12_device_student with labs/12-gpu/src on its include path and
# lab12_device_reference with solutions/12-gpu/src, so nvcc turns each implementation's own kernel bodies
# and Thrust calls into device code; each library is linked to its lab12_<impl>. Only HPC_LAB_IMPL's library
# is on the grade path; the check preset builds both (the stub proof links the student's). Two files, not
# one: Thrust's headers are about 70% of nvcc's time, so an edit to a task 1-4 body recompiles only the
# kernels' file (3.5 s of CPU instead of 10 s, measured 2026-11-30 with the stubs), and the two compile on
# both cores of a fresh build.
# Without nvcc: one lab12_device_none (no_device.cpp: every entry point throws hpc::gpu::NoDevice).
# nvcc uses its own toolkit's Thrust: nothing here links hpc::thrust_cpu or adds /usr/include.
if(HPC_HAVE_CUDA AND TARGET hpc::cuda)
  set(_ch12_device_errors --Werror=cross-execution-space-call --diag-error=20013,20015,20096)
  foreach(impl student reference)
    if(impl STREQUAL "student")
      set(_ch12_impl_src "${HPC_LAB_DIR}/src")
    else()
      set(_ch12_impl_src "${HPC_SOLUTION_DIR}/src")
    endif()
    add_library(lab12_device_${impl} STATIC ${CMAKE_CURRENT_LIST_DIR}/device/lab_device.cu
                                             ${CMAKE_CURRENT_LIST_DIR}/device/lab_device_thrust.cu)
    target_include_directories(lab12_device_${impl} PRIVATE "${_ch12_impl_src}")
    target_include_directories(lab12_device_${impl} PUBLIC "${HPC_LAB_DIR}/include")
    target_link_libraries(lab12_device_${impl} PUBLIC hpc::cuda hpc::common)
    # A body that calls host code (a std::vector, std::cout) is only a warning to nvcc by default, and
    # the build would pass with a body no GPU can run (LAB.md: such code "fails the build"). These make
    # it an error: host functions (cross-execution-space-call), constexpr host functions (20013, 20015)
    # and host variables such as std::cout (20096). The stubs and the reference compile without them.
    target_compile_options(lab12_device_${impl} PRIVATE ${_ch12_device_errors})
    target_link_libraries(lab12_${impl} PUBLIC lab12_device_${impl})
    if(NOT impl STREQUAL HPC_LAB_IMPL)
      set_target_properties(lab12_device_${impl} PROPERTIES EXCLUDE_FROM_ALL ON)
    endif()
  endforeach()
  set(_ch12_variant_device lab12_device_reference)

  # The proof that those options hold (check preset): the reference's saxpy body with a std::vector in it,
  # compiled as the glue compiles it, must stop nvcc with an error, not a warning.
  if(HPC_BUILD_VARIANTS)
    set(_ch12_host_call_dir "${CMAKE_CURRENT_BINARY_DIR}/device-host-call-in-body")
    set(_ch12_saxpy "${HPC_SOLUTION_DIR}/src/elementwise.cpp")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_ch12_saxpy}")
    file(READ "${_ch12_saxpy}" _ch12_body)
    string(REPLACE "y[i] = a * x[i] + y[i]" "y[i] = a * x[i] + y[i] + std::vector<float>(1)[0]" _ch12_broken
                   "${_ch12_body}")
    if(_ch12_broken STREQUAL _ch12_body)
      message(FATAL_ERROR "device.cmake: the saxpy line to break was not found in ${_ch12_saxpy}")
    endif()
    file(WRITE "${_ch12_host_call_dir}/elementwise.cpp" "#include <vector>\n${_ch12_broken}")
    add_test(NAME ch12.device-glue-rejects-host-calls
             COMMAND ${CMAKE_CUDA_COMPILER} -std=c++20 ${_ch12_device_errors} -I${_ch12_host_call_dir}
                     -I${HPC_SOLUTION_DIR}/src -I${HPC_LAB_DIR}/include -I${HPC_COURSE_ROOT}/common/include
                     -x cu -c
                     ${CMAKE_CURRENT_LIST_DIR}/device/lab_device.cu -o ${_ch12_host_call_dir}/lab_device.o)
    set_tests_properties(ch12.device-glue-rejects-host-calls PROPERTIES LABELS "ch12;variant"
                         PASS_REGULAR_EXPRESSION "error: calling a constexpr __host__ function")
  endif()
else()
  add_library(lab12_device_none STATIC ${CMAKE_CURRENT_LIST_DIR}/device/no_device.cpp)
  target_include_directories(lab12_device_none PUBLIC "${HPC_LAB_DIR}/include")
  target_link_libraries(lab12_device_none PUBLIC hpc::common)
  if(TARGET hpc::gpu_device)
    target_link_libraries(lab12_device_none PUBLIC hpc::gpu_device)
  endif()
  target_link_libraries(lab12_student PUBLIC lab12_device_none)
  target_link_libraries(lab12_reference PUBLIC lab12_device_none)
  set(_ch12_variant_device lab12_device_none)
endif()

# lab12_variant(...): hpc_lab_variant(...) for this lab, whose variants also need the device entry points
# (the reference's: a variant changes only CPU-graded code). Takes hpc_lab_variant's arguments unchanged;
# an empty argument ("") would be lost on the way, so PATCH replacements must not be empty.
function(lab12_variant)
  cmake_parse_arguments(ARG "FROM_STUBS;UNSANITIZED" "NAME;FILTER;EXPECT_OUTPUT;FORBID_OUTPUT;SANITIZER;TIMEOUT"
                        "REPLACE;PATCH" ${ARGN})
  hpc_lab_variant(${ARGN})
  if(TARGET lab12_variant_${ARG_NAME}_impl)
    target_link_libraries(lab12_variant_${ARG_NAME}_impl PUBLIC ${_ch12_variant_device})
  endif()
endfunction()
