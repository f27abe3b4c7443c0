// Graded tests, lab 07 task 1: one request with libcurl's easy interface.
#include <gtest/gtest.h>

#include "hpc/common/grading.hpp"
#include "hpc/web/http.hpp"
#include "support.hpp"
