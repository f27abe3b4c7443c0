# Included by a chapter's CMakeLists.txt when that chapter is configured on its own
# (cmake -S chapters/NN-topic -B build-NN): pulls in the course conventions and common/.
include(${CMAKE_CURRENT_LIST_DIR}/HpcCourse.cmake)
if(NOT TARGET hpc::common)
  add_subdirectory(${HPC_COURSE_ROOT}/common ${CMAKE_BINARY_DIR}/common)
endif()
