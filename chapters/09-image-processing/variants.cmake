# Known-wrong variants of lab 09, tasks 1-3 (LAB.md, "What the tests catch"): each is the reference with
# one classic mistake, and the test that must catch it fails with a message naming that mistake.
# Included by CMakeLists.txt after hpc_lab(). (No ';' in PATCH texts: CMake splits lists there.)

# Task 1: the weights in RGB order (0.299 on channel 0), but OpenCV's channel 0 is blue.
hpc_lab_variant(NAME gray_rgb_weights
                PATCH gray.cpp "kBlue = 29, kGreen = 150, kRed = 77" "kBlue = 77, kGreen = 150, kRed = 29"
                FILTER Gray.WeightsInBgrOrder
                EXPECT_OUTPUT "FAILED  \\] Gray.WeightsInBgrOrder[^\n]*RGB order")
# Task 1: the weighted sum truncated, not rounded: within 1 everywhere, half a level dark on average.
hpc_lab_variant(NAME gray_truncates
                PATCH gray.cpp "kRed * in[3 * x + 2] + 128" "kRed * in[3 * x + 2]"
                FILTER Gray.RoundsInsteadOfTruncating
                EXPECT_OUTPUT "FAILED  \\] Gray.RoundsInsteadOfTruncating[^\n]*truncated, not rounded")
# Task 1: weights that sum to 255/256 (76 for red): darker on average like truncation, but white is 254.
hpc_lab_variant(NAME gray_weights_sum_255
                PATCH gray.cpp "kBlue = 29, kGreen = 150, kRed = 77" "kBlue = 29, kGreen = 150, kRed = 76"
                      gray.cpp "kBlue + kGreen + kRed == 256" "kBlue + kGreen + kRed == 255"
                FILTER Gray.RoundsInsteadOfTruncating
                EXPECT_OUTPUT "FAILED  \\] Gray.RoundsInsteadOfTruncating[^\n]*sum to less than 1")
# Task 1: an ROI walked as if it were continuous (row y at y * cols * 3 bytes).
hpc_lab_variant(NAME gray_ignores_step
                PATCH gray.cpp "bgr.ptr<std::uint8_t>(y)" "bgr.data + static_cast<std::size_t>(y) * bgr.cols * 3"
                FILTER Gray.RoiRowsFollowStep
                EXPECT_OUTPUT "FAILED  \\] Gray.RoiRowsFollowStep[^\n]*step bytes")
# Task 2: >= instead of >: a pixel equal to thresh becomes maxval.
hpc_lab_variant(NAME threshold_greater_or_equal
                PATCH threshold.cpp "in[x] > thresh" "in[x] >= thresh"
                FILTER Threshold.EveryThreshAndMaxvalExactly
                EXPECT_OUTPUT "FAILED  \\] Threshold.EveryThreshAndMaxvalExactly[^\n]*strictly greater")
# Task 2: the result shares the input's pixels (a cv::Mat copy is a second header, not a copy), so the
# threshold is written into the caller's image: the right pixels are returned, the input is destroyed.
hpc_lab_variant(NAME threshold_writes_input
                PATCH threshold.cpp "cv::Mat out(gray.rows, gray.cols, CV_8UC1)" "cv::Mat out = gray"
                FILTER Threshold.OddSizesNoiseShipAndRois
                EXPECT_OUTPUT "FAILED  \\] Threshold.OddSizesNoiseShipAndRois[^\n]*changed its input")
# Task 3: clamp-to-edge borders (BORDER_REPLICATE).
hpc_lab_variant(NAME blur_clamp_to_edge
                PATCH blur.cpp "while (p < 0 || p >= n) p = p < 0 ? -p : 2 * n - 2 - p" "p = std::clamp(p, 0, n - 1)"
                FILTER Blur.BordersReflect101
                EXPECT_OUTPUT "FAILED  \\] Blur.BordersReflect101[^\n]*BORDER_REPLICATE")
# Task 3: reflect with the edge repeated (BORDER_REFLECT), not reflect-101.
hpc_lab_variant(NAME blur_reflect_not_101
                PATCH blur.cpp "p = p < 0 ? -p : 2 * n - 2 - p" "p = p < 0 ? -p - 1 : 2 * n - 1 - p"
                FILTER Blur.BordersReflect101
                EXPECT_OUTPUT "FAILED  \\] Blur.BordersReflect101[^\n]*matches BORDER_REFLECT ")
# Task 3: the weights not divided by their sum: a flat image gets brighter.
hpc_lab_variant(NAME blur_kernel_not_normalised
                PATCH blur.cpp "static_cast<float>(exact[i] / sum)" "static_cast<float>(exact[i])"
                FILTER Blur.FlatImageStaysFlat
                EXPECT_OUTPUT "FAILED  \\] Blur.FlatImageStaysFlat[^\n]*divided by their sum")
# Task 3: the final value truncated, not rounded: within 1 everywhere, half a level dark on average.
hpc_lab_variant(NAME blur_truncates
                PATCH blur.cpp "std::min(v + 0.5f, 255.0f)" "std::min(v, 255.0f)"
                FILTER Blur.OneChannelLikeOpenCv
                EXPECT_OUTPUT "FAILED  \\] Blur.OneChannelLikeOpenCv[^\n]*truncated, not rounded")
# Task 3: the row pass's result rounded to whole levels (as if kept in 8 bits) before the column pass.
hpc_lab_variant(NAME blur_row_pass_8_bits
                PATCH blur.cpp "acc[i] += weight * in[i]" "acc[i] += weight * std::floor(in[i] + 0.5f)"
                FILTER Blur.OneChannelLikeOpenCv
                EXPECT_OUTPUT "FAILED  \\] Blur.OneChannelLikeOpenCv[^\n]*kept in 8 bits")
# Task 3: the column pass writes its sums back into the row pass's buffer, which it still reads.
hpc_lab_variant(NAME blur_column_pass_in_place
                PATCH blur.cpp "out[i] = to_byte(acc[i])" "out[i] = to_byte(const_cast<float*>(tmp.ptr<float>(y))[i] = acc[i])"
                FILTER Blur.RowPassAndColumnPassEachRight
                EXPECT_OUTPUT "FAILED  \\] Blur.RowPassAndColumnPassEachRight[^\n]*already written")
# Parallel: bands of rows / threads rows each, so the rows % threads last rows are never written.
hpc_lab_variant(NAME parallel_drops_last_rows
                PATCH gray.cpp "rows * (t + 1) / workers" "rows / workers * (t + 1)"
                FILTER ParallelGray.EqualsSerialForEveryThreadCount
                EXPECT_OUTPUT "FAILED  \\] ParallelGray.EqualsSerialForEveryThreadCount[^\n]*dropped when rows % threads")
# Parallel: a "parallel" threshold that keeps all the work on the calling thread. The test calls that
# serial only when two threads of its own get two cores (else it skips: a version that shares rows out
# at run time can leave a helper idle on a busy machine), so the proof runs with no other test beside it.
hpc_lab_variant(NAME parallel_on_one_thread
                PATCH threshold.cpp "std::min<unsigned>(threads, static_cast<unsigned>(rows))" "1u"
                FILTER UsesThreads.EveryParallelKernel
                UNSANITIZED
                RUN_SERIAL
                # On a busy machine the test cannot tell one thread from a starved second one and skips
                # (no points): that is the honest outcome there, so the proof accepts it; it never passes.
                EXPECT_OUTPUT "(FAILED  \\] UsesThreads.EveryParallelKernel[^\n]*threshold_binary_parallel ran on one thread|SKIPPED \\] UsesThreads.EveryParallelKernel[^\n]*threshold_binary_parallel used no second thread)")
# Parallel: the helper threads joined before the calling thread does its band, so with two threads the
# two bands run one after the other (like joining each thread as soon as it is started): two CPU shares,
# but the calling thread gains no CPU time while its helper lives. The test calls that serial only in a
# run whose threads hardly waited for a core (else a correct version's threads may have taken turns
# too, and it skips), so the proof runs with no other test beside it.
hpc_lab_variant(NAME parallel_joined_at_once
                PATCH gray.cpp "    gray_rows(bgr, gray, 0, static_cast<int>(rows / workers))"
                               "    std::ranges::for_each(team, &std::jthread::join), gray_rows(bgr, gray, 0, static_cast<int>(rows / workers))"
                FILTER UsesThreads.EveryParallelKernel
                UNSANITIZED
                RUN_SERIAL
                EXPECT_OUTPUT "(FAILED  \\] UsesThreads.EveryParallelKernel[^\n]*to_gray_parallel ran its threads one after the other|SKIPPED \\] UsesThreads.EveryParallelKernel[^\n]*to_gray_parallel)")
# Parallel: every thread sums its rows in one shared buffer (the calling thread's): a data race that
# ThreadSanitizer reports, so the race points of the blur are lost.
hpc_lab_variant(NAME blur_shared_row_buffer
                PATCH blur.cpp "std::vector<float> own_sums" "std::vector<float>& own_sums = row_sums"
                FILTER ParallelBlur.EqualsSerialForEveryThreadCount
                EXPECT_OUTPUT "ThreadSanitizer"
                SANITIZER thread
                TIMEOUT 600)
