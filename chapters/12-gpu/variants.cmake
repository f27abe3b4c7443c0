# Known-wrong variants of lab 12, tasks 1, 2 and 5 (LAB.md, "What the tests catch"): each is the
# reference with one classic mistake, and the test that must catch it fails with a message naming that
# mistake. Included by CMakeLists.txt after device.cmake, which defines lab12_variant (hpc_lab_variant
# plus the reference's device entry points). (No ';' in PATCH texts.)

# ---- Task 1: element-wise kernels ----------------------------------------------------------------------
# One pass per thread and no bounds check: a grid larger than the array writes past its end.
lab12_variant(NAME elementwise_no_bounds_check
              PATCH elementwise.cpp "i < n" "((void)n, i < grid_stride(t))"
              FILTER Saxpy.GridLargerThanTheArray:Expon.GridLargerThanTheArray
              EXPECT_OUTPUT "FAILED  \\] Saxpy.GridLargerThanTheArray[^\n]*past the end[^\n]*bounds check.*FAILED  \\] Expon.GridLargerThanTheArray[^\n]*past the end")
# `<=` for `<`: one element past the end whenever the grid reaches index n.
lab12_variant(NAME elementwise_less_or_equal
              PATCH elementwise.cpp "i < n" "i <= n"
              FILTER Expon.SizesAroundTheBlock
              EXPECT_OUTPUT "FAILED  \\] Expon.SizesAroundTheBlock[^\n]*wrote index [0-9]+ of [0-9]+ elements \\(past the end\\)")
# The loop strides by blockDim.x only: every block walks the rest of the array, elements are done twice.
lab12_variant(NAME elementwise_block_stride
              PATCH elementwise.cpp "return static_cast<std::size_t>(t.block_dim.x) * t.grid_dim.x"
                    "return static_cast<std::size_t>(t.block_dim.x)"
              FILTER Saxpy.GridSmallerThanTheArray
              EXPECT_OUTPUT "FAILED  \\] Saxpy.GridSmallerThanTheArray[^\n]*more than once[^\n]*blockDim.x")
# The same block stride: expon's values stay right (every thread that computes an element writes the same
# value), so only the work shows, and Expon.SizesAroundTheBlock measures it before its 10^6-element sizes.
lab12_variant(NAME expon_block_stride
              PATCH elementwise.cpp "return static_cast<std::size_t>(t.block_dim.x) * t.grid_dim.x"
                    "return static_cast<std::size_t>(t.block_dim.x)"
              FILTER Expon.SizesAroundTheBlock
              EXPECT_OUTPUT "FAILED  \\] Expon.SizesAroundTheBlock[^\n]*each element in many threads[^\n]*step by blockDim.x[^\n]*times the work of a serial loop")
# exp in double, rounded once: the message prints both floats with all their digits and bits.
lab12_variant(NAME expon_in_double
              PATCH elementwise.cpp "out[i] = expf(x[i]) + expf(y[i])"
                    "out[i] = static_cast<float>(exp(static_cast<double>(x[i])) + exp(static_cast<double>(y[i])))"
              FILTER Expon.SizesAroundTheBlock
              EXPECT_OUTPUT "FAILED  \\] Expon.SizesAroundTheBlock[^\n]*= [0-9.e+-]+ \\(0x[0-9a-f]+\\), expected expf[^\n]*not exp in double")
# blocks_for with n + threads - 1: wraps for n near 2^64.
lab12_variant(NAME blocks_for_sum_overflows
              PATCH elementwise.cpp "n / threads + (n % threads != 0 ? 1 : 0)" "(n + threads - 1) / threads"
              FILTER BlocksFor.RoundsUpAndCaps
              EXPECT_OUTPUT "FAILED  \\] BlocksFor.RoundsUpAndCaps[^\n]*n \\+ threads - 1 overflow[^\n]*divide first")
# The index from threadIdx.x alone: every block does the first blockDim.x elements.
lab12_variant(NAME elementwise_thread_index_only
              PATCH elementwise.cpp "return static_cast<std::size_t>(t.block_idx.x) * t.block_dim.x + t.thread_idx.x"
                    "return static_cast<std::size_t>(t.thread_idx.x)"
              FILTER Expon.SizesAroundTheBlock
              EXPECT_OUTPUT "FAILED  \\] Expon.SizesAroundTheBlock[^\n]*never wrote[^\n]*threadIdx.x alone")
# blocks_for rounding down: the last n % threads elements get no thread.
lab12_variant(NAME blocks_for_rounds_down
              PATCH elementwise.cpp "(n % threads != 0 ? 1 : 0)" "(n % threads != 0 ? 0 : 0)"
              FILTER BlocksFor.RoundsUpAndCaps
              EXPECT_OUTPUT "FAILED  \\] BlocksFor.RoundsUpAndCaps[^\n]*rounded down")
# (Not a variant: mismatched arrays accepted. The size checks are given code, in
# labs/12-gpu/include/hpc/gpu_lab/given/elementwise_entries.inc, not in the student's file.)
# (Not a variant: x and y of the grid swapped in gray_body. With grid-stride loops on both axes every pixel
# is still written once, so no result shows it; only a GPU's time does, neighbouring threads then reading
# bytes a row apart. LAB.md says so.)
# gray: rows assumed to be 3 * width bytes apart.
lab12_variant(NAME gray_ignores_row_stride
              PATCH elementwise.cpp "bgr + row * row_stride + 3 * col"
                    "bgr + row * ((void)row_stride, 3 * w) + 3 * col"
              FILTER Gray.RowPadding
              EXPECT_OUTPUT "FAILED  \\] Gray.RowPadding[^\n]*rows start every row_stride bytes")
# gray: one pixel per thread (no grid-stride loops): a capped grid leaves pixels unwritten.
lab12_variant(NAME gray_no_grid_stride
              PATCH elementwise.cpp "row_step = static_cast<std::size_t>(t.block_dim.y) * t.grid_dim.y" "row_step = h"
                    elementwise.cpp "col_step = static_cast<std::size_t>(t.block_dim.x) * t.grid_dim.x" "col_step = w"
              FILTER Gray.GridSmallerThanTheImage
              EXPECT_OUTPUT "FAILED  \\] Gray.GridSmallerThanTheImage[^\n]*never wrote")
# gray: the output indexed with the input's row length: right values, wrong places (past the end).
lab12_variant(NAME gray_output_index_from_row_stride
              PATCH elementwise.cpp "gray[row * w + col]" "gray[row * (row_stride / 3) + col]"
              FILTER Gray.RowPadding
              EXPECT_OUTPUT "FAILED  \\] Gray.RowPadding[^\n]*wrong places: the output index is row \\* \\(row_stride / 3\\)")
# gray: the output written column-major.
lab12_variant(NAME gray_output_transposed
              PATCH elementwise.cpp "gray[row * w + col]" "gray[col * h + row]"
              FILTER Gray.OddSizes
              EXPECT_OUTPUT "FAILED  \\] Gray.OddSizes[^\n]*wrong places: the output index is col \\* height \\+ row")
# gray: no bounds check on the column: threads past the width write into the next row and past the end.
lab12_variant(NAME gray_no_column_check
              PATCH elementwise.cpp "col < w" "col < col_step"
              FILTER Gray.OddSizes
              EXPECT_OUTPUT "FAILED  \\] Gray.OddSizes[^\n]*(past the end|expected)")

# ---- Task 2: Monte Carlo pi ----------------------------------------------------------------------------
# Every thread seeded by the seed alone: all draw the same numbers.
lab12_variant(NAME pi_same_stream_every_thread
              PATCH monte_carlo.cpp "mix64(mix64(seed) + thread)" "mix64(mix64(seed) + 0)"
              FILTER Pi.ThreadsHaveIndependentStreams
              EXPECT_OUTPUT "FAILED  \\] Pi.ThreadsHaveIndependentStreams[^\n]*same numbers")
# Thread g's stream is thread g-1's shifted by one number (key = seed + g on one counter sequence).
lab12_variant(NAME pi_overlapping_streams
              PATCH monte_carlo.cpp "mix64(mix64(seed) + thread)" "(mix64(seed) + thread)"
              FILTER Pi.ThreadsHaveIndependentStreams
              EXPECT_OUTPUT "FAILED  \\] Pi.ThreadsHaveIndependentStreams[^\n]*overlap")
# The seed in thread 0's key only: other seeds change one thread's stream.
lab12_variant(NAME pi_seed_only_in_thread_zero
              PATCH monte_carlo.cpp "mix64(mix64(seed) + thread)"
                    "mix64(thread * 0x9e3779b97f4a7c15ULL + (thread == 0 ? seed : 0))"
              FILTER Pi.SeedsGiveDifferentStreams
              EXPECT_OUTPUT "FAILED  \\] Pi.SeedsGiveDifferentStreams[^\n]*seeds 0 and 1[^\n]*only some threads")
# Seed and thread xor-ed into one key: seeds 12 and 13 give the same streams to threads 2k and 2k+1 swapped.
lab12_variant(NAME pi_seed_xor_thread
              PATCH monte_carlo.cpp "mix64(mix64(seed) + thread)" "((seed ^ thread) << 32)"
              FILTER Pi.SeedsGiveDifferentStreams
              EXPECT_OUTPUT "FAILED  \\] Pi.SeedsGiveDifferentStreams[^\n]*same streams to other threads[^\n]*don't xor")
# Seed and thread added into one key: seed 13's thread g has seed 12's thread g+1's stream.
lab12_variant(NAME pi_seed_plus_thread
              PATCH monte_carlo.cpp "mix64(mix64(seed) + thread)" "mix64(seed + thread)"
              FILTER Pi.SeedsGiveDifferentStreams
              EXPECT_OUTPUT "FAILED  \\] Pi.SeedsGiveDifferentStreams[^\n]*same streams to other threads")
# A miscount past 2^24 that is not a float counter: x and y the same number, so points lie on the
# diagonal and hit with probability 1/sqrt(2), about 21.2 million of 30 million.
lab12_variant(NAME pi_x_equals_y
              PATCH monte_carlo.cpp "uniform01(mix64(key + 2 * i + 1))" "uniform01(mix64(key + 2 * i))"
              FILTER Pi.OneThreadLongStream
              EXPECT_OUTPUT "FAILED  \\] Pi.OneThreadLongStream[^\n]*miscount")
# samples / threads each, the remainder dropped.
lab12_variant(NAME pi_remainder_dropped
              PATCH monte_carlo.cpp "(thread < samples % threads ? 1 : 0)" "(thread < samples % threads ? 0 : 0)"
              FILTER Pi.DrawsExactlyTheSamples
              EXPECT_OUTPUT "FAILED  \\] Pi.DrawsExactlyTheSamples[^\n]*samples dropped")
# The stream index from a counter in memory that threads increment (here drawn[0], as an atomicAdd on a
# device would): which stream a thread gets depends on the order the threads run in.
lab12_variant(NAME pi_stream_from_shared_counter
              PATCH monte_carlo.cpp "mix64(mix64(seed) + thread)" "mix64(mix64(seed) + drawn[0]++)"
              FILTER Pi.SameInEveryLaunchOrder
              EXPECT_OUTPUT "FAILED  \\] Pi.SameInEveryLaunchOrder[^\n]*launch order")
# Hits counted in a float: past 2^24 adding 1 changes nothing.
lab12_variant(NAME pi_float_counter
              PATCH monte_carlo.cpp "std::uint64_t inside = 0" "float inside = 0"
              FILTER Pi.OneThreadLongStream
              EXPECT_OUTPUT "FAILED  \\] Pi.OneThreadLongStream[^\n]*float counter")

# ---- Task 5: Thrust ------------------------------------------------------------------------------------
# The sum accumulated in float.
lab12_variant(NAME thrust_float_accumulator
              PATCH thrust_algos.cpp "ToDouble{}, 0.0, thrust::plus<double>{}"
                    "thrust::identity<float>{}, 0.0f, thrust::plus<float>{}"
              FILTER Thrust.SumAccumulatesInDouble
              EXPECT_OUTPUT "FAILED  \\] Thrust.SumAccumulatesInDouble[^\n]*accumulator a float")
# exp(x)+exp(y) computed in double and rounded once: not the float expf sum the serial loop computes.
lab12_variant(NAME thrust_expon_in_double
              PATCH thrust_algos.cpp "return expf(a) + expf(b)"
                    "return static_cast<float>(exp(static_cast<double>(a)) + exp(static_cast<double>(b)))"
              FILTER Thrust.ExponMatchesTheSerialLoop
              EXPECT_OUTPUT "FAILED  \\] Thrust.ExponMatchesTheSerialLoop[^\n]*computed in float")
# The policy ignored: a sequential transform on the host, correct but on one thread.
lab12_variant(NAME thrust_sequential_policy
              PATCH thrust_algos.cpp "#include <thrust/transform.h>"
                    "#include <thrust/execution_policy.h>\n#include <thrust/transform.h>"
                    thrust_algos.cpp "thrust::transform(policy, x, x + n, y, out, ExpSum{})"
                    "thrust::transform(((void)policy, thrust::seq), x, x + n, y, out, ExpSum{})"
              FILTER Thrust.ExponRunsOnOpenMPThreads
              EXPECT_OUTPUT "FAILED  \\] Thrust.ExponRunsOnOpenMPThreads[^\n]*started no OpenMP threads")
# A serial loop of one's own in sum_with: the right sum, on one thread.
lab12_variant(NAME thrust_sum_serial_loop
              PATCH thrust_algos.cpp "#include <cstddef>" "#include <cstddef>\n#include <numeric>"
                    thrust_algos.cpp "thrust::transform_reduce(policy, first, last, ToDouble{}, 0.0, thrust::plus<double>{})"
                    "std::accumulate(first, last, ((void)policy, 0.0))"
              FILTER Thrust.SumRunsOnOpenMPThreads
              EXPECT_OUTPUT "FAILED  \\] Thrust.SumRunsOnOpenMPThreads[^\n]*started no OpenMP threads")
