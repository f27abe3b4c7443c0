# Lab 12, tasks 3-4 (lab12b): known-wrong reductions and matmuls (LAB.md, "What the tests catch"). Each is
# the reference with one classic mistake; the test that must catch it fails with a message naming that
# mistake. Included by CMakeLists.txt after device.cmake (lab12_variant links the device entry points).
# (No ';' in PATCH texts: CMake splits lists there; a barrier is removed with the comment line above it.)

# Task 3: no barrier between two levels of the tree: a thread reads a slot before its writer got there.
# Wrong in some launch orders, right in others (the cooperative grid's schedule is deterministic).
lab12_variant(NAME sum_tree_without_barrier
              PATCH reduction.cpp "reads it.\n    t.sync_threads()" "reads it. (Forgotten.)\n    (void)t"
              FILTER Reduction.EveryBlockSizeEveryOrder
              UNSANITIZED  # under TSan the threads run at once: its twin below expects the race report
              EXPECT_OUTPUT "FAILED  \\] Reduction.EveryBlockSizeEveryOrder[^\n]*depends on the order")
# The same under ThreadSanitizer: the cooperative grid runs a block's threads at once there, so the missing
# barrier is a data race on the shared slots.
lab12_variant(NAME sum_tree_without_barrier_races
              PATCH reduction.cpp "reads it.\n    t.sync_threads()" "reads it. (Forgotten.)\n    (void)t"
              FILTER Reduction.EveryBlockSizeEveryOrder
              SANITIZER thread
              EXPECT_OUTPUT "ThreadSanitizer: data race")
# Task 3: the barrier inside the branch only the adding threads take (if (tid < s) { ...  sync }).
lab12_variant(NAME sum_barrier_in_branch
              PATCH reduction.cpp "reads it.\n    t.sync_threads()" "reads it. (Moved into the if.)\n    (void)t"
                    reduction.cpp "if (tid + half < width) slots[tid] += slots[tid + half]"
                                  "if (tid + half < width) slots[tid] += slots[tid + half], t.sync_threads()"
              FILTER Reduction.EveryBlockSizeEveryOrder
              EXPECT_OUTPUT "FAILED  \\] Reduction.EveryBlockSizeEveryOrder[^\n]*inside a branch")
# Task 3: the textbook tree for powers of two: s = blockDim.x / 2, s /= 2, if (tid < s). Loses the odd
# slot of every level for 7, 33 or 96 threads.
lab12_variant(NAME sum_tree_for_powers_of_two
              PATCH reduction.cpp "width = (width + 1) / 2)" "width = width / 2)"
                    reduction.cpp "const unsigned half = (width + 1) / 2" "const unsigned half = width / 2"
                    reduction.cpp "if (tid + half < width)" "if (tid < half)"
              FILTER Reduction.EveryBlockSizeEveryOrder
              EXPECT_OUTPUT "FAILED  \\] Reduction.EveryBlockSizeEveryOrder[^\n]*not powers of two")
# Task 3: one element per thread, no grid-stride loop: a grid smaller than the data drops the rest.
lab12_variant(NAME sum_without_grid_stride
              PATCH reduction.cpp "i += stride" "i += n + 0 * stride"
              FILTER Reduction.GridSmallerThanTheData
              EXPECT_OUTPUT "FAILED  \\] Reduction.GridSmallerThanTheData[^\n]*grid-stride")
# Task 3: a float running sum: thousands of values per thread drift far past 1e-9.
lab12_variant(NAME sum_in_float
              PATCH reduction.cpp "double acc = 0" "float acc = 0"
              FILTER Reduction.MillionsOfValuesSummedInDouble
              EXPECT_OUTPUT "FAILED  \\] Reduction.MillionsOfValuesSummedInDouble[^\n]*a float")
# Task 3: only threads that have an element write their slot: the others leave 0xFF bytes (NaN) behind.
lab12_variant(NAME sum_slot_written_only_with_elements
              PATCH reduction.cpp "slots[tid] = acc" "if (std::size_t(t.block_idx.x) * threads + tid < n) slots[tid] = acc"
              FILTER Reduction.ThreadsWithoutElementsWriteTheirSlot
              EXPECT_OUTPUT "FAILED  \\] Reduction.ThreadsWithoutElementsWriteTheirSlot[^\n]*NaN")

# Task 4: B indexed as b[col][k]: the naive kernel computes A·Bᵀ.
lab12_variant(NAME matmul_row_col_swapped
              PATCH matmul.cpp "b[std::size_t(k) * n + col]" "b[std::size_t(col) * n + k]"
              FILTER MatmulNaive.EverySizeAndTile
              EXPECT_OUTPUT "FAILED  \\] MatmulNaive.EverySizeAndTile[^\n]*row and column swapped")
# Task 4: the edge tiles not padded: slots outside the matrix keep 0xFF bytes or the previous step's values.
lab12_variant(NAME matmul_tiles_not_padded
              PATCH matmul.cpp "a_tile[slot] = element_or_zero(a, n, row, k0 + tx)"
                               "if (row < n && k0 + tx < n) a_tile[slot] = a[std::size_t(row) * n + k0 + tx]"
                    matmul.cpp "b_tile[slot] = element_or_zero(b, n, k0 + ty, col)"
                               "if (k0 + ty < n && col < n) b_tile[slot] = b[std::size_t(k0 + ty) * n + col]"
              FILTER MatmulTiled.EverySizeAndTile
              EXPECT_OUTPUT "FAILED  \\] MatmulTiled.EverySizeAndTile[^\n]*(NaN|pad)")
# Task 4: no barrier before the next step overwrites the tiles.
lab12_variant(NAME matmul_without_second_barrier
              PATCH matmul.cpp "still reads.\n    t.sync_threads()" "still reads. (Forgotten.)\n    (void)t"
              FILTER MatmulTiled.EverySizeAndTile
              UNSANITIZED  # under TSan the threads run at once: its twin below expects the race report
              EXPECT_OUTPUT "FAILED  \\] MatmulTiled.EverySizeAndTile[^\n]*missing sync_threads")
# The same under ThreadSanitizer: a thread copies the next step's element into a tile slot that another
# thread of the block is still reading.
lab12_variant(NAME matmul_without_second_barrier_races
              PATCH matmul.cpp "still reads.\n    t.sync_threads()" "still reads. (Forgotten.)\n    (void)t"
              FILTER MatmulTiled.EverySizeAndTile
              SANITIZER thread
              EXPECT_OUTPUT "ThreadSanitizer: data race")
# Task 4: a "tiled" kernel that is the naive one: right numbers, no tiles, no barriers.
lab12_variant(NAME matmul_tiled_is_naive
              PATCH matmul.cpp "for (int k0 = 0" "for (int k0 = n"
                    matmul.cpp "if (row < n && col < n) c[std::size_t(row) * n + col] = acc"
                               "if (row < n && col < n) matmul_naive_body(t, n, a, b, c)"
              FILTER MatmulTiled.UsesSharedTilesAndBarriers
              EXPECT_OUTPUT "FAILED  \\] MatmulTiled.UsesSharedTilesAndBarriers[^\n]*naive body")
# Task 4: the blocked CPU version with threads split over blocks of k too: two threads add into one
# block of C at once and lose updates.
lab12_variant(NAME matmul_blocked_races
              PATCH matmul.cpp "#pragma omp parallel for schedule(static)"
                               "#pragma omp parallel for collapse(2) schedule(static, 1)"
              FILTER MatmulBlocked.*
              UNSANITIZED
              EXPECT_OUTPUT "FAILED  \\] MatmulBlocked.(SameResultEveryRun|RightForAnySize)")
# Task 4: the student tester's fake tiled body (broken/fake_tiled_body.hpp): it asks for shared memory and
# waits once per step, so the counts look right, but it multiplies A and B from global memory.
lab12_variant(NAME matmul_tiled_fake_barriers
              PATCH matmul.cpp "#include \"hpc/gpu/thread.hpp\""
                               "#include \"hpc/gpu/thread.hpp\"\n#include \"${CMAKE_CURRENT_LIST_DIR}/broken/fake_tiled_body.hpp\""
                    matmul.cpp "float* c) {\n  const int tile = int(t.block_dim.x)"
                               "float* c) {\n  HPC_FAKE_TILED_BODY(t, n, a, b, c)\n  const int tile = int(t.block_dim.x)"
              FILTER MatmulTiled.UsesSharedTilesAndBarriers
              EXPECT_OUTPUT "FAILED  \\] MatmulTiled.UsesSharedTilesAndBarriers[^\n]*reads A or B from global memory between the barriers")
# Task 4: B's tile load checks the row but not the column: on the last row of B it reads up to tile - 1
# floats past the end (an illegal address on a GPU). B ends right before an unreadable page: SIGSEGV.
lab12_variant(NAME matmul_tile_load_unguarded_column
              PATCH matmul.cpp "b_tile[slot] = element_or_zero(b, n, k0 + ty, col)"
                               "b_tile[slot] = (k0 + ty < n) ? b[std::size_t(k0 + ty) * n + col] : 0.0f"
              FILTER MatmulTiled.EverySizeAndTile
              EXPECT_OUTPUT "FAILED  \\] MatmulTiled.EverySizeAndTile[^\n]*SIGSEGV")
# Task 4: the naive body without its bounds check: threads of the edge blocks read past the end of A.
lab12_variant(NAME matmul_naive_no_bounds_check
              PATCH matmul.cpp "if (row >= n || col >= n) return" "if ((void)row, false) return"
              FILTER MatmulNaive.EverySizeAndTile
              EXPECT_OUTPUT "FAILED  \\] MatmulNaive.EverySizeAndTile[^\n]*SIGSEGV")
# Task 4: the blocked CPU version without OpenMP: right, and i-k-j alone is 4-5x the triple loop, but one
# thread. Caught whatever the machine's load.
lab12_variant(NAME matmul_blocked_serial
              PATCH matmul.cpp "#pragma omp parallel for schedule(static)" "// (no OpenMP)"
              FILTER MatmulBlocked.RunsOnTwoThreadsAtOnce
              UNSANITIZED
              EXPECT_OUTPUT "FAILED  \\] MatmulBlocked.RunsOnTwoThreadsAtOnce[^\n]*one thread at a time")
# Task 4: the blocked CPU version without the size checks.
lab12_variant(NAME matmul_blocked_no_size_check
              PATCH matmul.cpp "check_matmul_sizes(\"matmul_cpu_blocked\", n, a.size(), b.size(), c.size())"
                               "(void)0"
              FILTER MatmulSizes.ZeroAndMismatchedSizes
              UNSANITIZED
              EXPECT_OUTPUT "FAILED  \\] MatmulSizes.ZeroAndMismatchedSizes[^\n]*check_matmul_sizes")
# Task 3: the shared slots in float (t.shared<float>()): the sum is off by rounding only.
lab12_variant(NAME sum_shared_slots_in_float
              PATCH reduction.cpp "double* slots = t.template shared<double>()" "float* slots = t.template shared<float>()"
              FILTER Reduction.GridLargerThanTheData
              EXPECT_OUTPUT "FAILED  \\] Reduction.GridLargerThanTheData[^\n]*a float where a double belongs")
