# Chapter 12's demos and benchmarks (notes12), included by chapters/12-gpu/CMakeLists.txt after hpc_lab().
# None needs a GPU: each prints first which path runs ("CUDA device: <name>" or "no CUDA device: <why>;
# CPU path only"), and the device rows come from lab12_reference's device library (lab12_device_reference
# where nvcc exists, else one that throws NoDevice). They are plain C++ compiled by g++: the CUDA code
# lives in the lab's device glue, so Debian's Thrust (hpc::thrust_cpu, OpenMP backend) never meets nvcc's.
# Thrust is heavy to compile: only these files and the lab's thrust_algos.cpp include it, none of them on
# the path to a student's first grade (DESIGN.md section 8, rule 7).
# CMakeLists.txt chose the Thrust target (_ch12_thrust: hpc::thrust_cpu, or its local stand-in).
if(DEFINED _ch12_thrust AND TARGET ${_ch12_thrust})
  set(_ch12_demo_thrust ${_ch12_thrust})
elseif(TARGET hpc::thrust_cpu)
  set(_ch12_demo_thrust hpc::thrust_cpu)
else()
  message(STATUS "Chapter 12: demos and benchmarks need Thrust on OpenMP (Debian's libthrust-dev); left out")
  return()
endif()

# The CPU baselines alone (demos/cpu_paths.hpp): the notes' figure, GB/s of saxpy and exp(x)+exp(y).
hpc_bench(NAME elementwise SOURCES bench/bench_elementwise.cpp LIBS ${_ch12_demo_thrust})

# What needs a part of lab 12's reference: only when that part (and the device library, which links it
# all) is in the build already.
if(TARGET lab12_reference_objects)
  get_target_property(_ch12_lab_sources lab12_reference_objects SOURCES)
else()
  set(_ch12_lab_sources "")
endif()
if(NOT (TARGET lab12_device_reference OR TARGET lab12_device_none))
  set(_ch12_lab_sources "")
endif()
set(_ch12_demo_libs lab12_reference hpc::gpu_device ${_ch12_demo_thrust})
# The device library calls helpers of the reference (check_matmul_sizes in matmul.cpp) and is linked
# after it, so a demo that uses no such helper itself would leave them unresolved: the reference is
# named once more after the device library (static archives are searched in the order given).
foreach(_ch12_device lab12_device_reference lab12_device_none)
  if(TARGET ${_ch12_device})
    list(APPEND _ch12_demo_libs ${_ch12_device} lab12_reference)
    break()
  endif()
endforeach()

if(_ch12_lab_sources MATCHES "elementwise\\.cpp")
  hpc_demo(NAME saxpy SOURCES demos/saxpy.cpp LIBS ${_ch12_demo_libs})  # vector add and SAXPY
  hpc_demo(NAME expon SOURCES demos/expon.cpp LIBS ${_ch12_demo_libs})  # the book's exp(x)+exp(y), 10^6 x 100
  # Chapter 09's grayscale as a 2-D kernel, on the generated ship; OpenCV only to compare and write the PNG.
  hpc_demo(NAME gray SOURCES demos/gray.cpp LIBS ${_ch12_demo_libs} hpc::test_images hpc::opencv)
else()
  message(STATUS "Chapter 12: ch12_demo_saxpy, _expon and _gray wait for task 1 in lab12_reference")
endif()
if(_ch12_lab_sources MATCHES "monte_carlo\\.cpp")
  hpc_demo(NAME pi SOURCES demos/monte_carlo_pi.cpp LIBS ${_ch12_demo_libs})  # per-thread random streams
else()
  message(STATUS "Chapter 12: ch12_demo_pi waits for task 2 in lab12_reference")
endif()
if(_ch12_lab_sources MATCHES "matmul\\.cpp")
  hpc_demo(NAME matmul SOURCES demos/matmul.cpp LIBS ${_ch12_demo_libs})  # the book's 5000 x 5000
  if(_ch12_lab_sources MATCHES "elementwise\\.cpp")
    hpc_bench(NAME lab_kernels SOURCES bench/bench_lab_kernels.cpp LIBS ${_ch12_demo_libs})
  endif()
else()
  message(STATUS "Chapter 12: ch12_demo_matmul and ch12_bench_lab_kernels wait for task 4 in lab12_reference")
endif()
