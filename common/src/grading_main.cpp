// main() of every lab's graded test program. Compiled into each program with the lab's identity
// (HPC_LAB_ID, HPC_LAB_TOPIC, HPC_LAB_IMPL_NAME), it adds to GoogleTest:
//   --hpc_results=FILE   write the lab's results as JSON (see hpc/common/report.hpp)
//   --hpc_list_graded    print the graded tests and their points as JSON, run nothing
// and prints the score table after GoogleTest's own summary.
#include "hpc/common/grading.hpp"
#include "hpc/common/report.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <string_view>

#ifndef HPC_LAB_ID
#error "HPC_LAB_ID must be defined by the build (hpc_lab in common/cmake/HpcCourse.cmake)"
#endif

namespace {

using hpc::common::LabResult;
using hpc::common::TestResult;

// GoogleTest wraps an escaped exception as: C++ exception with description "WHAT" thrown in the test
// body. The table only needs WHAT (for a stub: which function to write, and where).
std::string shorten_exception(std::string message) {
  const std::string prefix = "C++ exception with description \"";
  const std::string suffix = "\" thrown in the test body.";
  if (message.starts_with(prefix) && message.ends_with(suffix))
    return "exception: " + message.substr(prefix.size(), message.size() - prefix.size() - suffix.size());
  return message;
}

// Collects the outcome of every graded test as GoogleTest reports it.
class GradingListener : public testing::EmptyTestEventListener {
 public:
  explicit GradingListener(std::string results_path) : results_path_(std::move(results_path)) {}

  void OnTestPartResult(const testing::TestPartResult& part) override {
    if (current_reason_.empty() && (part.failed() || part.skipped())) {
      std::string where;
      if (part.file_name() != nullptr && part.failed())
        where = std::string(" [") + part.file_name() + ":" + std::to_string(part.line_number()) + "]";
      current_reason_ = hpc::common::one_line(shorten_exception(part.message()), 240) + where;
    }
  }

  void OnTestStart(const testing::TestInfo&) override { current_reason_.clear(); }

  void OnTestEnd(const testing::TestInfo& info) override {
    const std::string name = std::string(info.test_suite_name()) + "." + info.name();
    const auto* result = info.result();
    TestResult test;
    test.name = name;
    test.status = result->Skipped() ? "skipped" : result->Passed() ? "passed" : "failed";
    test.reason = test.status == "passed" ? "" : current_reason_;
    test.seconds = static_cast<double>(result->elapsed_time()) / 1000.0;
    // A speed test records what it measured and its bar (EXPECT_SPEEDUP_AT_LEAST), also when it skips.
    for (int i = 0; i < result->test_property_count(); ++i) {
      const auto& property = result->GetTestProperty(i);
      if (std::string_view(property.key()) == "speed_ratio") test.speed_ratio = std::atof(property.value());
      if (std::string_view(property.key()) == "speed_bar") test.speed_bar = std::atof(property.value());
    }
    ran_[name] = test;
  }

  void OnTestProgramEnd(const testing::UnitTest&) override {
    LabResult lab{HPC_LAB_ID, HPC_LAB_TOPIC, HPC_LAB_IMPL_NAME, {}};
    for (const auto& graded : hpc::common::graded_tests()) {
      auto it = ran_.find(graded.name);
      if (it == ran_.end()) continue;   // filtered out of this run
      TestResult test = it->second;
      test.points = graded.points;
      test.stub_may_pass = graded.stub_may_pass;
      test.bonus = graded.bonus;
      lab.tests.push_back(std::move(test));
    }
    if (lab.tests.empty()) return;
    hpc::common::print_score_table(std::cout, lab);
    if (!results_path_.empty()) {
      std::ofstream out(results_path_);
      out << hpc::common::to_json(lab).dump(2) << "\n";
      if (!out) std::cerr << "could not write the results file " << results_path_ << "\n";
    }
  }

 private:
  std::string results_path_;
  std::string current_reason_;
  std::map<std::string, TestResult> ran_;
};

nlohmann::json graded_list() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : hpc::common::graded_tests())
    list.push_back(
        {{"name", t.name}, {"points", t.points}, {"stub_may_pass", t.stub_may_pass}, {"bonus", t.bonus}});
  return list;
}

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);

  std::string results_path;
  if (const char* env = std::getenv("HPC_RESULTS_FILE")) results_path = env;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--hpc_list_graded") {
      std::cout << graded_list().dump(2) << "\n";
      return 0;
    }
    if (arg.starts_with("--hpc_results=")) {
      results_path = std::string(arg.substr(std::string_view("--hpc_results=").size()));
    } else if (arg.starts_with("--")) {
      std::cerr << "unknown option " << arg << " (GoogleTest's --gtest_* options, --hpc_results=FILE and "
                << "--hpc_list_graded are accepted)\n";
      return 2;
    }
  }

  testing::UnitTest::GetInstance()->listeners().Append(new GradingListener(results_path));
  return RUN_ALL_TESTS();
}
