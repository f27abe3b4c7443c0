// ThreadSanitizer suppressions compiled into every program that links hpc::testing in TSan builds (the
// TSan runtime calls this function at start-up; see common/CMakeLists.txt). One list for every lab, so a
// test file never defines its own (two definitions would not link).
//
// Only reports that TSan cannot judge belong here, each with its reason:
// - races inside the standard library: libstdc++.so is not built with -fsanitize=thread, so the
//   synchronisation it does inside its own compiled code is invisible to TSan, and a correct hand-over
//   through it looks like a race. These entries name functions INSIDE libstdc++.so (never one a student
//   writes or a header instantiates in the test program), so a race in lab code is still reported;
// - lock-order ("potential deadlock") reports for code whose cycle is harmless by design.
#if defined(__SANITIZE_THREAD__)
#define HPC_TSAN_BUILD 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define HPC_TSAN_BUILD 1
#endif
#endif

#ifdef HPC_TSAN_BUILD

extern "C" const char* __tsan_default_suppressions();

extern "C" const char* __tsan_default_suppressions() {
  return
      // An exception thrown by a task travels to the thread that calls future::get() inside a
      // std::exception_ptr. The exception object is shared by reference counting, and the count is
      // changed with atomics compiled inside libstdc++ (exception_ptr::_M_release, __cxa_free_exception),
      // which TSan does not see. So when the worker drops the last reference after the catching thread
      // has read what(), the free looks unordered with that read (lab 06, ThreadPool.ExceptionsReachGet,
      // about 1 run in 15). The order is real: the reader's own release comes first in the count.
      "race:std::__exception_ptr::exception_ptr::_M_release\n"
      // The same hand-over, one level down: freeing the exception destroys the std::runtime_error, whose
      // message string (libstdc++'s reference-counted string inside std::runtime_error) is freed by the
      // destructor compiled into libstdc++.so.
      "race:std::runtime_error::~runtime_error\n"
      // Lab 11's waiter strategy takes the forks in a cyclic order (left, then right, at every seat). The
      // waiter's semaphore (seats - 1 diners at once) makes that cycle harmless, but TSan's lock-order
      // graph cannot know it and reports a "potential deadlock" for dine(). Only deadlock reports are
      // suppressed, and only in dining.cpp: a real deadlock there is caught by the tests' watchdog, and
      // data races in it are still reported.
      "deadlock:dining.cpp\n"
      // The HTTP test server of chapters 07 and 10 (common/src/http_test_server.cpp): Debian's cpp-httplib
      // is partly compiled into libcpp-httplib.so, which is not built with -fsanitize=thread, so the
      // hand-overs between its own worker threads are invisible to TSan, and the memcpy/memcmp it calls
      // were reported as races between two of its workers in every lab 07 test. called_from_lib ignores only
      // the calls made from inside that library: the server's own .cpp and all lab code are still checked.
      "called_from_lib:libcpp-httplib.so\n"
      // OpenCV's image codecs (chapter 09: cv::imread, cv::imdecode, cv::imencode) ask every decoder they
      // know, GDAL's among them, and libgdal.so (not built with -fsanitize=thread) takes two of its own
      // mutexes in both orders while it initialises, on the calling thread alone: TSan reported a
      // "potential deadlock" in libgdal for every lab 09 test that decodes an image. Only deadlock
      // reports whose stacks pass through libgdal are suppressed; data races are still reported.
      "deadlock:libgdal.so\n";
}

#endif
