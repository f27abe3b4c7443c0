// Race-freedom points of lab 05 (DESIGN.md §8 rule 4): to be filled once the tsan build is measured.
#include "hpc/common/grading.hpp"
