# Lab 09 tasks 4-5 (image I/O, the batch pipeline): the known-wrong versions their graded tests must
# catch, each one PATCH of the reference with one classic mistake, and each failing the named test with
# the message that names the mistake (LAB.md, tasks 4 and 5). Included by
# chapters/09-image-processing/CMakeLists.txt after hpc_lab. (No ';' in PATCH texts: CMake would split
# there. EXPECT_OUTPUT comes last in each call: the bracket in "[^\n]" would otherwise swallow what follows.)

# Task 4: cv::imdecode trusted: a JPEG cut at half decodes (grey rows, a warning on stderr) and no error
# is raised.
hpc_lab_variant(NAME io_trusts_the_decoder
                PATCH image_io.cpp "check_complete(file, bytes)" "(void)&check_complete"
                FILTER ReadImage.TruncatedJpegIsNamed
                EXPECT_OUTPUT "FAILED  \\] ReadImage.TruncatedJpegIsNamed[^\n]*no error. expected ImageError \\(truncated\\)")

# Task 4: a PNG taken as complete when the word IEND is anywhere in it, not the whole chunk at its end.
hpc_lab_variant(NAME png_iend_anywhere
                PATCH image_io.cpp "!ends_with(bytes, {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82})"
                                   "std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()).find(\"IEND\") == std::string_view::npos"
                FILTER ReadImage.TruncatedPngIsNamed
                EXPECT_OUTPUT "FAILED  \\] ReadImage.TruncatedPngIsNamed[^\n]*CRC")

# Task 4: the temporary file in the system's temporary folder, not beside the target (the rename then
# crosses filesystems whenever the two differ).
hpc_lab_variant(NAME io_temporary_elsewhere
                PATCH image_io.cpp "return file.parent_path() / (" "return fs::temp_directory_path() / ("
                FILTER WriteImage.CrashMidWriteLeavesNoHalfFile
                EXPECT_OUTPUT "FAILED  \\] WriteImage.CrashMidWriteLeavesNoHalfFile[^\n]*own folder")

# Task 4: the bytes written straight under the final name: a writer that dies mid-write leaves half a file.
hpc_lab_variant(NAME io_writes_the_final_name
                PATCH image_io.cpp "const fs::path temp = temporary_name_for(file)"
                      "const fs::path temp = ((void)&temporary_name_for, file)"
                FILTER WriteImage.CrashMidWriteLeavesNoHalfFile
                EXPECT_OUTPUT "FAILED  \\] WriteImage.CrashMidWriteLeavesNoHalfFile[^\n]*left big.png")

# Task 4: the temporary file not removed when the write fails.
hpc_lab_variant(NAME io_temporary_file_left
                PATCH image_io.cpp "::unlink(temp.c_str())" "(void)temp"
                FILTER WriteImage.FailedWriteLeavesNoTemporaryFile
                EXPECT_OUTPUT "FAILED  \\] WriteImage.FailedWriteLeavesNoTemporaryFile[^\n]*temporary file left behind")

# Task 5: outputs named by completion order (the k-th result to finish takes the k-th input's name):
# right with one worker, wrong as soon as a slow image is overtaken.
hpc_lab_variant(NAME batch_named_by_completion
                PATCH batch.cpp "std::atomic<std::size_t> next{0}" "std::atomic<std::size_t> next{0}, completed{0}"
                      batch.cpp "write_image(job.output, result)" "write_image(jobs[completed++].output, result)"
                FILTER Batch.OutputsNamedByTheirInput
                EXPECT_OUTPUT "FAILED  \\] Batch.OutputsNamedByTheirInput[^\n]*named by worker or completion order")

# Task 5: options.extension ignored: every output written as PNG.
hpc_lab_variant(NAME batch_ignores_extension
                PATCH batch.cpp "inputs[i].stem().string() + options.extension" "inputs[i].stem().string() + \".png\""
                FILTER Batch.WritesEveryInputOnce
                EXPECT_OUTPUT "FAILED  \\] Batch.WritesEveryInputOnce[^\n]*options.extension")

# Task 5: symbolic links left out of the inputs (LAB.md: a link to a regular file is an input).
hpc_lab_variant(NAME batch_skips_symlinks
                PATCH batch.cpp "if (entry.is_regular_file(ec))" "if (entry.is_regular_file(ec) && !entry.is_symlink())"
                FILTER Batch.WritesEveryInputOnce
                EXPECT_OUTPUT "FAILED  \\] Batch.WritesEveryInputOnce[^\n]*symbolic link to a regular file")

# Task 5: the first file that fails ends the batch (every worker stops taking files).
hpc_lab_variant(NAME batch_first_failure_stops
                PATCH batch.cpp "report.failures.push_back({job.input, failure})"
                                "report.failures.push_back({job.input, failure}), next = jobs.size()"
                FILTER Batch.BadFilesReportedOthersWritten
                EXPECT_OUTPUT "FAILED  \\] Batch.BadFilesReportedOthersWritten[^\n]*did the first bad file stop the batch")

# Task 5: ReadIn::workers that reads every file in the caller first (it is ReadIn::parent in disguise).
hpc_lab_variant(NAME batch_workers_read_in_caller
                PATCH batch.cpp "if (options.read_in == ReadIn::parent)" "if (true)"
                FILTER Batch.ReadsWhereReadInSays
                EXPECT_OUTPUT "FAILED  \\] Batch.ReadsWhereReadInSays[^\n]*the caller must not read them first")

# Task 5: ReadIn::workers where the caller reads every file first and the workers then read each again
# (what the caller decoded is thrown away): the workers do read, but the caller's reading is still there.
hpc_lab_variant(NAME batch_caller_reads_too
                PATCH batch.cpp "if (options.read_in == ReadIn::parent)" "if (true)"
                      batch.cpp "job.image ? *job.image : read_image(job.input)"
                                "job.image && options.read_in == ReadIn::parent ? *job.image : read_image(job.input)"
                FILTER Batch.ReadsWhereReadInSays
                EXPECT_OUTPUT "FAILED  \\] Batch.ReadsWhereReadInSays[^\n]*opened before the op's first call")

# Task 5: options.workers ignored: one thread does everything.
hpc_lab_variant(NAME batch_one_thread
                PATCH batch.cpp "std::min<std::size_t>(options.workers," "std::min<std::size_t>(1,"
                FILTER Batch.RunsOnAsManyThreadsAsAsked
                EXPECT_OUTPUT "FAILED  \\] Batch.RunsOnAsManyThreadsAsAsked[^\n]*ran on at most 1 thread")

# Task 5: threads started, but each joined as soon as it is started: the right files, one worker at a time.
hpc_lab_variant(NAME batch_serial_threads
                PATCH batch.cpp "helpers.emplace_back(work)" "helpers.emplace_back(work).join()"
                FILTER Batch.RunsOnAsManyThreadsAsAsked
                EXPECT_OUTPUT "FAILED  \\] Batch.RunsOnAsManyThreadsAsAsked[^\n]*ran on at most 1 thread")

# Task 5, race-freedom (RACE_POINTS): the report's lists filled from every worker without the lock. The
# ThreadSanitizer build must report it and lose the race points.
hpc_lab_variant(NAME batch_report_unlocked
                PATCH batch.cpp "std::scoped_lock lock(report_mutex)" "(void)report_mutex"
                FILTER Batch.ManyFailuresFromManyWorkers
                SANITIZER thread
                TIMEOUT 300
                EXPECT_OUTPUT "ThreadSanitizer: data race.*FAILED  \\] Batch.ManyFailuresFromManyWorkers")
