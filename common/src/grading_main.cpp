// main() of every lab's graded test program, compiled once for all of them: the lab's identity (id,
// topic, implementation) comes from a two-line source the build writes for each program (see
// _hpc_lab_test_program in common/cmake/HpcCourse.cmake). It adds to GoogleTest:
//   --hpc_results=FILE   write the lab's results as JSON (see hpc/common/report.hpp)
//   --hpc_list_graded    print the graded tests and their points as JSON, run nothing
//   --hpc_no_isolation   run every test in this one process, as plain GoogleTest does (for a debugger;
//                        also HPC_NO_ISOLATION=1). Then a crash or hang takes the whole run down.
// By default every selected test runs in a process of its own (see hpc/common/isolation.hpp) and the
// program prints the score table at the end.
#include <gtest/gtest.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

#include "hpc/common/channel.hpp"
#include "hpc/common/grading.hpp"
#include "hpc/common/isolation.hpp"
#include "hpc/common/report.hpp"
#include "hpc/common/watchdog.hpp"

// Defined per program by the build ("09", "image-processing", "reference" / "stubs" / "variant-<name>").
namespace hpc::common::lab_identity {
extern const char* const id;
extern const char* const topic;
extern const char* const impl_name;
}  // namespace hpc::common::lab_identity

namespace {

using hpc::common::LabResult;
using hpc::common::TestResult;

constexpr std::string_view kChildFlag = "--hpc_isolated_child";

// GoogleTest wraps an escaped exception as: C++ exception with description "WHAT" thrown in the test
// body. The table only needs WHAT (for a stub: which function to write, and where).
std::string shorten_exception(std::string message) {
  const std::string prefix = "C++ exception with description \"";
  const std::string suffix = "\" thrown in the test body.";
  if (message.starts_with(prefix) && message.ends_with(suffix))
    return "exception: " + message.substr(prefix.size(), message.size() - prefix.size() - suffix.size());
  return message;
}

// Turns GoogleTest's events into one TestResult per test; subclasses decide where each result goes.
class ResultCollector : public testing::EmptyTestEventListener {
 public:
  void OnTestPartResult(const testing::TestPartResult& part) override {
    if (current_reason_.empty() && (part.failed() || part.skipped())) {
      std::string where;
      if (part.file_name() != nullptr && part.failed())
        where = std::string(" [") + part.file_name() + ":" + std::to_string(part.line_number()) + "]";
      std::string message = part.message();
      if (message.starts_with("Failed\n")) message.erase(0, 7);  // ADD_FAILURE's prefix says nothing
      current_reason_ = hpc::common::one_line(shorten_exception(message), 240) + where;
    }
  }

  void OnTestStart(const testing::TestInfo&) override { current_reason_.clear(); }

  void OnTestEnd(const testing::TestInfo& info) override {
    const auto* result = info.result();
    TestResult test;
    test.name = std::string(info.test_suite_name()) + "." + info.name();
    test.status = result->Skipped() ? "skipped" : result->Passed() ? "passed" : "failed";
    test.reason = test.status == "passed" ? "" : current_reason_;
    test.seconds = static_cast<double>(result->elapsed_time()) / 1000.0;
    // A speed test records what it measured and its bar (EXPECT_SPEEDUP_AT_LEAST), also when it skips.
    for (int i = 0; i < result->test_property_count(); ++i) {
      const auto& property = result->GetTestProperty(i);
      if (std::string_view(property.key()) == "speed_ratio") test.speed_ratio = std::atof(property.value());
      if (std::string_view(property.key()) == "speed_bar") test.speed_bar = std::atof(property.value());
    }
    finished(test);
  }

 protected:
  virtual void finished(const TestResult& test) = 0;

 private:
  std::string current_reason_;
};

// In an isolated child: sends the test's result to the supervisor when GoogleTest ends it. That record
// is the completion token: a test whose process ends before it did not run to its end.
class ChildReporter : public ResultCollector {
 protected:
  void finished(const TestResult& test) override {
    const nlohmann::json json = {{"name", test.name},          {"status", test.status},
                                 {"reason", test.reason},      {"seconds", test.seconds},
                                 {"speed_ratio", test.speed_ratio}, {"speed_bar", test.speed_bar}};
    const int fd = hpc::common::supervisor_channel();
    if (fd >= 0) hpc::common::channel_send(fd, 'R', json.dump());
  }
};

// Without isolation: keeps every result in this process.
class InProcessCollector : public ResultCollector {
 public:
  std::map<std::string, TestResult> results;

 protected:
  void finished(const TestResult& test) override { results[test.name] = test; }
};

// The score table and the results file, from the results of whichever tests ran.
void report(const std::map<std::string, TestResult>& ran, const std::string& results_path) {
  namespace identity = hpc::common::lab_identity;
  LabResult lab{identity::id, identity::topic, identity::impl_name, {}};
  for (const auto& graded : hpc::common::graded_tests()) {
    auto it = ran.find(graded.name);
    if (it == ran.end()) continue;  // filtered out of this run
    TestResult test = it->second;
    test.points = graded.points;
    test.stub_may_pass = graded.stub_may_pass;
    test.bonus = graded.bonus;
    lab.tests.push_back(std::move(test));
  }
  if (lab.tests.empty()) return;
  hpc::common::print_score_table(std::cout, lab);
  if (!results_path.empty()) {
    std::ofstream out(results_path);
    out << hpc::common::to_json(lab).dump(2) << "\n";
    if (!out) std::cerr << "could not write the results file " << results_path << "\n";
  }
}

class InProcessReporter : public InProcessCollector {
 public:
  explicit InProcessReporter(std::string results_path) : results_path_(std::move(results_path)) {}
  void OnTestProgramEnd(const testing::UnitTest&) override { report(results, results_path_); }

 private:
  std::string results_path_;
};

nlohmann::json graded_list() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : hpc::common::graded_tests())
    list.push_back(
        {{"name", t.name}, {"points", t.points}, {"stub_may_pass", t.stub_may_pass}, {"bonus", t.bonus}});
  return list;
}

std::string this_program() {
  char path[PATH_MAX];
  const ssize_t n = ::readlink("/proc/self/exe", path, sizeof path - 1);
  if (n <= 0) return "";
  path[n] = '\0';
  return path;
}

// The tests GoogleTest would run with the current flags, in their registration order.
std::vector<hpc::common::IsolatedTest> selected_tests() {
  const std::string filter = GTEST_FLAG_GET(filter);
  const bool also_disabled = GTEST_FLAG_GET(also_run_disabled_tests);
  std::vector<hpc::common::IsolatedTest> tests;
  const auto* unit = testing::UnitTest::GetInstance();
  for (int s = 0; s < unit->total_test_suite_count(); ++s) {
    const auto* suite = unit->GetTestSuite(s);
    for (int t = 0; t < suite->total_test_count(); ++t) {
      const auto* info = suite->GetTestInfo(t);
      const std::string name = std::string(suite->name()) + "." + info->name();
      const bool disabled = std::string_view(suite->name()).starts_with("DISABLED_") ||
                            std::string_view(info->name()).starts_with("DISABLED_");
      if ((disabled && !also_disabled) || !hpc::common::matches_gtest_filter(name, filter)) continue;
      tests.push_back({name, hpc::common::time_limit_of(name)});
    }
  }
  return tests;
}

int supervise(const std::vector<std::string>& original_args, const std::string& results_path) {
  hpc::common::IsolationSettings settings;
  settings.program = this_program();
  // The children get the caller's GoogleTest flags, except the filter (each gets its own test), the
  // output file (the supervisor reports) and our own flags; --gtest_brief keeps their output to failures.
  for (const std::string& arg : original_args) {
    if (arg.starts_with("--gtest_filter") || arg.starts_with("--gtest_output") || arg.starts_with("--hpc_"))
      continue;
    settings.child_args.push_back(arg);
  }
  settings.child_args.push_back("--gtest_brief=1");
  settings.child_args.push_back(std::string(kChildFlag));

  hpc::common::become_subreaper();
  const auto tests = selected_tests();
  std::map<std::string, TestResult> results;
  int passed = 0, failed = 0, skipped = 0;
  std::cout << "[==========] Running " << tests.size() << " tests, each in a process of its own\n";
  for (const auto& test : tests) {
    std::cout << "[ RUN      ] " << test.name << std::endl;
    const TestResult result = hpc::common::run_isolated(test, settings);
    const long ms = static_cast<long>(result.seconds * 1000);
    if (result.status == "passed") {
      ++passed;
      std::cout << "[       OK ] " << test.name << " (" << ms << " ms)\n";
    } else if (result.status == "skipped") {
      ++skipped;
      std::cout << "[  SKIPPED ] " << test.name << ": " << hpc::common::one_line(result.reason, 400) << "\n";
    } else {
      ++failed;
      std::cout << "[  FAILED  ] " << test.name << " (" << ms << " ms): "
                << hpc::common::one_line(result.reason, 400) << "\n";
    }
    results[test.name] = result;
  }
  std::cout << "[==========] " << tests.size() << " tests ran.\n";
  report(results, results_path);
  std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
  return failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> original_args(argv + 1, argv + argc);
  testing::InitGoogleTest(&argc, argv);

  std::string results_path;
  if (const char* env = std::getenv("HPC_RESULTS_FILE")) results_path = env;
  bool child = false;
  bool isolate = std::getenv("HPC_NO_ISOLATION") == nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--hpc_list_graded") {
      std::cout << graded_list().dump(2) << "\n";
      return 0;
    }
    if (arg.starts_with("--hpc_results=")) {
      results_path = std::string(arg.substr(std::string_view("--hpc_results=").size()));
    } else if (arg == kChildFlag) {
      child = true;
    } else if (arg == "--hpc_no_isolation") {
      isolate = false;
    } else if (arg.starts_with("--")) {
      std::cerr << "unknown option " << arg << " (GoogleTest's --gtest_* options, --hpc_results=FILE, "
                << "--hpc_list_graded and --hpc_no_isolation are accepted)\n";
      return 2;
    }
  }

  if (child) {
    testing::UnitTest::GetInstance()->listeners().Append(new ChildReporter);
    return RUN_ALL_TESTS();
  }
  if (isolate && !GTEST_FLAG_GET(list_tests)) return supervise(original_args, results_path);
  testing::UnitTest::GetInstance()->listeners().Append(new InProcessReporter(results_path));
  return RUN_ALL_TESTS();
}
