# Finds every library the course needs and, when some are missing, stops early with the Debian package
# names and the one command that installs them (common/install-deps.sh).
include_guard(GLOBAL)

set(_hpc_missing "")
macro(_hpc_need found package)
  if(NOT ${found})
    list(APPEND _hpc_missing ${package})
  endif()
endmacro()

find_package(Threads REQUIRED)
find_package(GTest CONFIG QUIET)
_hpc_need(GTest_FOUND "libgtest-dev libgmock-dev")
find_package(benchmark CONFIG QUIET)
_hpc_need(benchmark_FOUND libbenchmark-dev)
find_package(nlohmann_json CONFIG QUIET)
_hpc_need(nlohmann_json_FOUND nlohmann-json3-dev)
find_package(CLI11 CONFIG QUIET)
_hpc_need(CLI11_FOUND libcli11-dev)
find_package(TBB CONFIG QUIET)
_hpc_need(TBB_FOUND libtbb-dev)
find_path(HPC_STB_INCLUDE_DIR stb/stb_image_write.h)
_hpc_need(HPC_STB_INCLUDE_DIR libstb-dev)
# Chapter 07 (and 10): libcurl is the client the labs write; cpp-httplib is the local test server's
# library, found through pkg-config because its flags (-DCPPHTTPLIB_OPENSSL_SUPPORT ...) change its ABI.
find_package(CURL QUIET)
_hpc_need(CURL_FOUND libcurl4-openssl-dev)
find_package(PkgConfig QUIET)
_hpc_need(PKG_CONFIG_FOUND pkg-config)
if(PKG_CONFIG_FOUND)
  pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
endif()
_hpc_need(HTTPLIB_FOUND libcpp-httplib-dev)
# Chapter 09 (and 12's grayscale demo): OpenCV reads, writes and checks images; the labs link only the
# three modules they use (Debian's libopencv-dev ships the CMake package for all of them).
find_package(OpenCV CONFIG QUIET COMPONENTS core imgproc imgcodecs)
_hpc_need(OpenCV_FOUND libopencv-dev)
# Chapter 10: standalone Asio (header-only) is the event loop.
find_path(HPC_ASIO_INCLUDE_DIR asio.hpp)
_hpc_need(HPC_ASIO_INCLUDE_DIR libasio-dev)
# Chapter 12: Thrust runs the lab's data-parallel algorithms on the CPU (OpenMP backend) with g++.
# Debian's copy (/usr/include/thrust, with CUB) is for g++ only; nvcc uses the one of its own toolkit.
find_path(HPC_THRUST_INCLUDE_DIR thrust/version.h HINTS /usr/include)
_hpc_need(HPC_THRUST_INCLUDE_DIR libthrust-dev)
find_path(HPC_CUB_INCLUDE_DIR cub/version.cuh HINTS /usr/include)
_hpc_need(HPC_CUB_INCLUDE_DIR libcub-dev)

# Chapter 12's stretch task: the blocked matmul is timed against OpenBLAS's sgemm. We link OpenBLAS's own
# library (the pthread build), never libblas.so, which Debian's alternatives may point at the slow reference BLAS.
find_path(HPC_OPENBLAS_INCLUDE_DIR cblas.h PATHS /usr/include/x86_64-linux-gnu/openblas-pthread NO_DEFAULT_PATH)
find_library(HPC_OPENBLAS_LIBRARY openblas PATHS /usr/lib/x86_64-linux-gnu/openblas-pthread NO_DEFAULT_PATH)
if(NOT HPC_OPENBLAS_INCLUDE_DIR OR NOT HPC_OPENBLAS_LIBRARY)
  message(STATUS "OpenBLAS (pthread) not found: chapter 12's stretch bonus needs libopenblas-dev")
endif()
_hpc_need(HPC_OPENBLAS_LIBRARY libopenblas-dev)
_hpc_need(HPC_OPENBLAS_INCLUDE_DIR libopenblas-dev)

if(_hpc_missing)
  list(REMOVE_DUPLICATES _hpc_missing)
  list(JOIN _hpc_missing " " _hpc_missing_text)
  message(FATAL_ERROR
    "Missing packages: ${_hpc_missing_text}\n"
    "Install everything the course needs with:\n"
    "    ${HPC_COURSE_ROOT}/common/install-deps.sh\n"
    "or by hand:  sudo apt-get install ${_hpc_missing_text}")
endif()
