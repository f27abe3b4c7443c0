# Chapter 10's demos and benchmarks (notes10), included by chapters/10-async/CMakeLists.txt after hpc_lab().
# Every demo runs in CI with --quick (a few seconds: the book's delays divided by ten); servers bind only
# 127.0.0.1 on a free port. Asio is heavy to compile (seconds per file), so each program here is one
# translation unit and only these and the lab's Asio sources include it; none of this is on the path to a
# student's first grade (DESIGN.md section 8, rule 7). Lab 10's reference (lab10_reference) is used where
# its code is the point: the downloads, the echo server, the tiny loop; never the student's code.
find_package(CURL REQUIRED)

# C++20 alone: the hooks under co_await, printed.
hpc_demo(NAME machinery SOURCES demos/machinery.cpp)
# Plain Asio: the book's examples written out on the page, nothing of the lab's.
hpc_demo(NAME cooking SOURCES demos/cooking.cpp LIBS hpc::asio)            # book ch. 16: 28 / 17 / 15 min
hpc_demo(NAME countdowns SOURCES demos/countdowns.cpp LIBS hpc::asio)      # ch. 17 examples 1-3, 5
hpc_demo(NAME primes SOURCES demos/primes.cpp LIBS hpc::asio)              # ch. 16-17: event order, executor
hpc_demo(NAME echo_servers SOURCES demos/echo_servers.cpp LIBS hpc::asio)  # ch. 18 examples 1-3
hpc_demo(NAME pyramid SOURCES demos/pyramid.cpp LIBS hpc::asio)            # ch. 6: callbacks, futures, co_await

# What needs a part of the lab's reference: only when that part is in lab10_reference already.
if(TARGET lab10_reference_objects)
  get_target_property(_ch10_lab_sources lab10_reference_objects SOURCES)
else()
  set(_ch10_lab_sources "")
endif()
if(_ch10_lab_sources MATCHES "downloads\\.cpp" AND TARGET hpc::http_test_server)
  hpc_demo(NAME downloads SOURCES demos/downloads.cpp LIBS lab10_reference hpc::http_test_server CURL::libcurl)
  hpc_bench(NAME downloads SOURCES bench/bench_downloads.cpp LIBS lab10_reference hpc::http_test_server CURL::libcurl)
else()
  message(STATUS "Chapter 10: ch10_demo_downloads and ch10_bench_downloads wait for task 5 in lab10_reference")
endif()
if(_ch10_lab_sources MATCHES "echo\\.cpp")
  hpc_bench(NAME echo SOURCES bench/bench_echo.cpp LIBS lab10_reference hpc::asio)
endif()
if(_ch10_lab_sources MATCHES "mini_loop\\.cpp")
  hpc_bench(NAME switch SOURCES bench/bench_switch.cpp LIBS lab10_reference hpc::asio)
endif()
